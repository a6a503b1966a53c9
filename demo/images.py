"""Illustrations for the demo content, drawn with Pillow at load time.

Nothing is downloaded: each picture is a colour gradient with a few translucent shapes and a
short label. The random generator is seeded from the picture's key, so the same key always
gives the same bytes.
"""

import io
import math
import random
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFont

SEED = 2026
COVER_SIZE = (1200, 675)
FIGURE_SIZE = (1000, 600)

# Fonts with Vietnamese glyphs that are commonly installed on Linux, macOS and Windows; Pillow
# looks the bare file names up in the system font folders.
_FONT_CANDIDATES = (
    "DejaVuSans-Bold.ttf",
    "NotoSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "Arial Bold.ttf",
    "arialbd.ttf",
    "Roboto-Bold.ttf",
)

type Size = tuple[int, int]
type RGB = tuple[int, int, int]


def render_illustration(
    *, key: str, label: str, kicker: str, colors: tuple[str, str], motif: str, size: Size
) -> bytes:
    """A JPEG illustration: ``colors`` gradient, ``motif`` shapes, ``kicker`` and ``label``."""
    rng = random.Random(f"{SEED}:{key}")  # noqa: S311 (decoration, not security)
    start, end = _rgb(colors[0]), _rgb(colors[1])
    image = _gradient(size, start, end, flip=rng.random() < 0.5)
    draw = ImageDraw.Draw(image, "RGBA")  # "RGBA" blends each translucent shape into the image
    _glow(draw, size, rng)
    MOTIFS[motif](draw, size, rng)
    _label(draw, size, label=label, kicker=kicker, accent=_lighten(end, 0.55))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


def _rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _lighten(color: RGB, amount: float) -> RGB:
    r, g, b = (round(c + (255 - c) * amount) for c in color)
    return r, g, b


def _gradient(size: Size, start: RGB, end: RGB, *, flip: bool) -> Image.Image:
    vertical = Image.linear_gradient("L").resize(size)
    horizontal = Image.linear_gradient("L").rotate(90).resize(size)
    mask = ImageChops.add(horizontal, vertical, scale=2.0)  # (x + y) / 2: a diagonal
    if flip:
        mask = mask.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _glow(draw: ImageDraw.ImageDraw, size: Size, rng: random.Random) -> None:
    width, height = size
    for _ in range(5):
        radius = rng.randint(height // 6, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height // 2)
        alpha = rng.randint(14, 34)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, alpha))


def _skyline(draw: ImageDraw.ImageDraw, size: Size, rng: random.Random) -> None:
    width, height = size
    for shade, alpha, top in ((40, 70, 0.42), (12, 130, 0.58)):
        x = -rng.randint(0, 40)
        while x < width:
            building = rng.randint(width // 30, width // 11)
            roof = int(height * rng.uniform(top, top + 0.3))
            draw.rectangle(
                (x, roof, x + building, height), fill=(shade, shade + 10, shade + 30, alpha)
            )
            if alpha > 100:
                _windows(draw, (x, roof, x + building, height), rng)
            x += building + rng.randint(2, 12)


def _windows(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], rng: random.Random) -> None:
    left, top, right, bottom = box
    for y in range(top + 14, bottom - 14, 22):
        for x in range(left + 8, right - 12, 16):
            if rng.random() < 0.35:
                draw.rectangle((x, y, x + 7, y + 10), fill=(255, 226, 150, 150))


def _waves(draw: ImageDraw.ImageDraw, size: Size, rng: random.Random) -> None:
    width, height = size
    for layer in range(4):
        base = height * (0.5 + 0.12 * layer)
        amplitude = height * rng.uniform(0.03, 0.07)
        length = width * rng.uniform(0.45, 0.9)
        phase = rng.uniform(0, math.tau)
        points = [
            (x, base + amplitude * math.sin(x / length * math.tau + phase))
            for x in range(0, width + 20, 20)
        ]
        points += [(width, height), (0, height)]
        light = layer % 2 == 0
        draw.polygon(points, fill=(255, 255, 255, 46) if light else (10, 20, 50, 60 + 15 * layer))


def _grid(draw: ImageDraw.ImageDraw, size: Size, rng: random.Random) -> None:
    width, height = size
    step = width // 40
    for y in range(step, height, step):
        for x in range(step, width, step):
            draw.ellipse((x - 2, y - 2, x + 2, y + 2), fill=(255, 255, 255, 55))
    for _ in range(4):
        card_w, card_h = rng.randint(width // 7, width // 4), rng.randint(height // 5, height // 3)
        x, y = rng.randint(width // 2, width - card_w // 2), rng.randint(0, height - card_h)
        draw.rounded_rectangle(
            (x, y, x + card_w, y + card_h), radius=18, fill=(255, 255, 255, rng.randint(30, 60))
        )


def _rings(draw: ImageDraw.ImageDraw, size: Size, rng: random.Random) -> None:
    width, height = size
    cx, cy = rng.randint(width // 2, width), rng.randint(0, height // 2)
    for n in range(1, 9):
        radius = n * height // 9
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            outline=(255, 255, 255, 70 - 6 * n),
            width=rng.randint(5, 12),
        )
    for _ in range(3):
        r = rng.randint(height // 4, height // 2)
        x, y = rng.randint(0, width // 2), rng.randint(height // 3, height)
        start = rng.randint(0, 360)
        draw.arc(
            (x - r, y - r, x + r, y + r), start, start + 140, fill=(255, 255, 255, 80), width=8
        )


MOTIFS: dict[str, Callable[[ImageDraw.ImageDraw, Size, random.Random], None]] = {
    "skyline": _skyline,
    "waves": _waves,
    "grid": _grid,
    "rings": _rings,
}


def _label(draw: ImageDraw.ImageDraw, size: Size, *, label: str, kicker: str, accent: RGB) -> None:
    """The label in a dark panel centred at the bottom, where square and 4:3 crops keep it."""
    width, height = size
    margin, padding = width // 24, width // 40
    title_font, small_font = _font(width // 24), _font(width // 52)
    label = _drawable(label, title_font)
    kicker = _drawable(f"{kicker} · Ảnh minh họa".upper(), small_font)
    lines = _balanced_wrap(label, title_font, max_width=int(width * 0.58))
    line_height = int(title_font.size * 1.25)
    kicker_height = int(small_font.size * 1.8)
    text_width = max(
        [int(title_font.getlength(line)) for line in lines] + [int(small_font.getlength(kicker))]
    )
    box_width = text_width + 2 * padding
    box_height = kicker_height + line_height * len(lines) + 2 * padding
    left, top = (width - box_width) // 2, height - margin - box_height
    draw.rounded_rectangle(
        (left, top, left + box_width, top + box_height),
        radius=padding // 2,
        fill=(12, 18, 36, 175),
    )
    y = top + padding
    draw.text((width // 2, y), kicker, font=small_font, fill=(*accent, 255), anchor="ma")
    y += kicker_height
    for line in lines:
        draw.text((width // 2, y), line, font=title_font, fill=(255, 255, 255, 255), anchor="ma")
        y += line_height


def _balanced_wrap(text: str, font: ImageFont.FreeTypeFont, *, max_width: int) -> list[str]:
    """As few lines as fit in ``max_width``, then as narrow as that allows (no lone last word)."""
    count = len(_wrap(text, font, max_width=max_width))
    for narrower in range(max_width // 3, max_width, 10):
        lines = _wrap(text, font, max_width=narrower)
        if len(lines) == count:
            return lines
    return _wrap(text, font, max_width=max_width)


def _wrap(text: str, font: ImageFont.FreeTypeFont, *, max_width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


@lru_cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    for name in _FONT_CANDIDATES:
        try:
            font = ImageFont.truetype(name, size)
        except OSError:
            continue
        if _has_vietnamese(font):
            return font
    return ImageFont.load_default(size)


@lru_cache
def _has_vietnamese(font: ImageFont.FreeTypeFont) -> bool:
    """True unless "ẫ" is drawn as the same missing-glyph box as a private-use character."""

    def drawn(char: str) -> bytes:
        canvas = Image.new("L", (2 * int(font.size), 2 * int(font.size)))
        ImageDraw.Draw(canvas).text((0, 0), char, font=font, fill=255)
        return canvas.tobytes()

    return drawn("ẫ") != drawn("\ue000")


def _drawable(text: str, font: ImageFont.FreeTypeFont) -> str:
    """``text`` as is, or without diacritics when no font with Vietnamese glyphs was found."""
    if _has_vietnamese(font):
        return text
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in folded if not unicodedata.combining(char))
