"""Screenshots compared with committed baselines (tests/browser/baselines/): the layout of the
reader pages must not move without someone seeing it.

A screenshot matches when it has the baseline's size and at most ``TOLERANCE`` of its pixels
differ by more than ``PIXEL_THRESHOLD`` in a colour channel (text antialiasing may differ
slightly between machines; a moved block changes far more). On a mismatch the screenshot and a
diff image (the differing pixels in red over a faded baseline) are written to
test-artifacts/visual/ and the test fails naming them.

``UPDATE_VISUAL_BASELINES=1`` writes the screenshots as the new baselines instead: review them
(`git diff --stat`, an image viewer) and commit them with the change that moved the layout. A
missing baseline is written and fails the test, so it is never created unseen.
"""

import os
from pathlib import Path

from PIL import Image, ImageChops

BASELINES = Path(__file__).resolve().parent / "baselines"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "visual"
PIXEL_THRESHOLD = 48
TOLERANCE = 0.005


def differing_pixels(actual: Image.Image, baseline: Image.Image) -> Image.Image:
    """A mask (mode "1") of the pixels that differ by more than the threshold."""
    difference = ImageChops.difference(actual.convert("RGB"), baseline.convert("RGB"))
    channels = difference.split()
    largest = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    return largest.point(lambda value: 255 if value > PIXEL_THRESHOLD else 0).convert("1")


def diff_image(baseline: Image.Image, mask: Image.Image) -> Image.Image:
    faded = Image.blend(baseline.convert("RGB"), Image.new("RGB", baseline.size, "white"), 0.7)
    faded.paste(Image.new("RGB", baseline.size, (255, 0, 0)), mask=mask)
    return faded


def check_against_baseline(png: bytes, name: str) -> str | None:
    """None when the screenshot ``png`` matches the baseline ``name``, else why it does not."""
    BASELINES.mkdir(exist_ok=True)
    baseline_path = BASELINES / f"{name}.png"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    actual_path = ARTIFACTS / f"{name}-actual.png"
    actual_path.write_bytes(png)
    if os.environ.get("UPDATE_VISUAL_BASELINES") == "1":
        baseline_path.write_bytes(png)
        return None
    if not baseline_path.exists():
        baseline_path.write_bytes(png)
        return f"{name}: no baseline yet; written to {baseline_path}: review it and commit it"
    with Image.open(actual_path) as actual, Image.open(baseline_path) as baseline:
        size = (max(actual.width, baseline.width), max(actual.height, baseline.height))
        moved = actual.size != baseline.size
        if moved:  # compare on a common canvas, so that the diff shows where it moved
            actual, baseline = _on_canvas(actual, size), _on_canvas(baseline, size)
        mask = differing_pixels(actual, baseline)
        changed = sum(mask.histogram()[1:]) / (size[0] * size[1])
        if not moved and changed <= TOLERANCE:
            return None
        diff_path = ARTIFACTS / f"{name}-diff.png"
        diff_image(baseline, mask).save(diff_path)
        sizes = f"; the page is {size_of(actual_path)}, the baseline {size_of(baseline_path)}"
        return (
            f"{name}: {changed:.2%} of the pixels changed{sizes if moved else ''} "
            f"(see {diff_path} and {actual_path})"
        )


def _on_canvas(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    canvas = Image.new("RGB", size, "white")
    canvas.paste(image.convert("RGB"), (0, 0))
    return canvas


def size_of(path: Path) -> str:
    with Image.open(path) as image:
        return f"{image.width}×{image.height} px"
