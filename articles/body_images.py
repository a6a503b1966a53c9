"""The pictures inside article bodies: their renditions, made when the article is saved, and
the ``<picture>`` readers are given for each.

A picture uploaded through the editor is stored at most 2,400 pixels on its long side
(articles/images.py) and recorded in the media library (articles/library.py). When an article
is saved, ``prepare_body``:

- finds the body's uploaded pictures and their library records (one query; a file uploaded
  before the library existed gets its record then);
- writes each picture's own width and height on its ``<img>``, so that the page reserves its
  box before it arrives (no layout shift);
- makes the renditions the pictures lack: ``BODY_WIDTHS`` wide (never enlarged), in JPEG and,
  where Pillow writes it, WebP.

``render_body_images`` (the ``article_body`` filter) then turns each ``<img>`` into a
``<picture>`` with ``srcset``/``sizes`` for both formats and ``loading="lazy"`` below the
first screen. Like the covers' (articles/renditions.py), the renditions' addresses are
computed from the picture's name and width: showing a page costs no query and no file access,
and never makes a rendition.
"""

import functools
import logging
import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from imagekit import register
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFit
from imagekit.registry import generator_registry
from markupsafe import escape
from PIL import features

from . import renditions
from .images import clean_image, generated_name
from .library import LibraryImage
from .sanitizer import is_uploaded_picture

logger = logging.getLogger(__name__)

BODY_WIDTHS = (480, 800, 1200, 1600)
# The class ``prepare_body`` gives a picture whose renditions it made: only those are offered
# at other sizes (a picture whose file is missing keeps its plain <img>).
SIZED_CLASS = "image-sized"
BODY_SRC_WIDTH = 800  # for the rare browser without srcset
# Pictures in the body are as wide as the article's column (42rem) or the screen.
BODY_SIZES = renditions.COVER_SIZES
WEBP = features.check("webp")


class BodyRendition(renditions.Rendition):
    extension = "jpg"

    @classmethod
    def name_for(cls, cover_name: str) -> str:
        stem = posixpath.splitext(cover_name)[0]
        return (
            f"{settings.IMAGEKIT_CACHEFILE_DIR}/{stem}/{cls.label}.{cls.fingerprint()}"
            f".{cls.extension}"
        )


def _spec(width: int, fmt: str) -> type[BodyRendition]:
    extension = "webp" if fmt == "WEBP" else "jpg"
    options = {"quality": 75, "method": 6} if fmt == "WEBP" else renditions.JPEG_OPTIONS
    return type(
        f"Body{fmt.title()}{width}",
        (BodyRendition,),
        {
            "label": f"body-{width}w",
            "format": fmt,
            "extension": extension,
            "options": options,
            "processors": [ResizeToFit(width=width, upscale=False)],
        },
    )


JPEG_SPECS = {width: _spec(width, "JPEG") for width in BODY_WIDTHS}
WEBP_SPECS = {width: _spec(width, "WEBP") for width in BODY_WIDTHS} if WEBP else {}
SPECS = {
    **{f"articles:body_{width}": spec for width, spec in JPEG_SPECS.items()},
    **{f"articles:body_{width}_webp": spec for width, spec in WEBP_SPECS.items()},
}
for _spec_id, _spec_class in SPECS.items():
    register.generator(_spec_id, _spec_class)


@functools.cache
def renditions_fingerprint() -> str:
    """Changes whenever a body rendition's size, format or quality does."""
    return "-".join(spec.fingerprint() for spec in SPECS.values())[:40]


def widths_for(width: int) -> list[tuple[int, int]]:
    """(rendition width, actual width) of the renditions of a picture ``width`` pixels wide:
    every width below it, and the first one at or above it, which keeps its own width."""
    chosen = []
    for rendition_width in BODY_WIDTHS:
        if rendition_width < width:
            chosen.append((rendition_width, rendition_width))
        else:
            chosen.append((rendition_width, width))
            break
    return chosen


def storage_name(src: str) -> str | None:
    """The media storage name of an uploaded picture's address, None for any other address."""
    if not is_uploaded_picture(src):
        return None
    base = default_storage.url("")
    return unquote(urlsplit(src[len(base) :]).path) or None


# Sanitised HTML only: the cleaner writes every attribute as name="value".
_IMG = re.compile(r"<img((?:\s+[\w:-]+=\"[^\"]*\")*)\s*/?>")
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


def _attributes(match: re.Match) -> dict[str, str]:
    return dict(_ATTRIBUTE.findall(match[1]))


def _tag(attributes: dict[str, str]) -> str:
    return "<img" + "".join(f' {name}="{value}"' for name, value in attributes.items()) + ">"


def body_picture_names(html: str) -> list[str]:
    """The storage names of the uploaded pictures in a sanitised body, in order, once each."""
    names = []
    for match in _IMG.finditer(html or ""):
        name = storage_name(_unescape(_attributes(match).get("src", "")))
        if name and name not in names:
            names.append(name)
    return names


def _unescape(value: str) -> str:
    return value.replace("&amp;", "&").replace("&quot;", '"').replace("&lt;", "<")


def library_images(names: Iterable[str]) -> dict[str, LibraryImage]:
    """The library records of the pictures ``names``, by name. A file that has none (uploaded
    before the library existed, perhaps at full size with its camera's metadata) is adopted:
    checked and re-encoded like an upload (articles/images.py) into a new file, whose record
    is then given under the old name. Files missing or refused are left out."""
    names = list(names)
    if not names:
        return {}
    found = {image.file.name: image for image in LibraryImage.objects.filter(file__in=names)}
    for name in names:
        if name not in found:
            adopted = _adopt(name)
            if adopted is not None:
                found[name] = adopted
    return found


def _adopt(name: str) -> LibraryImage | None:
    try:
        with default_storage.open(name) as file:
            image = clean_image(file)
    except (OSError, ValidationError):
        return None
    folder = posixpath.dirname(name)
    stored = default_storage.save(f"{folder}/{generated_name(image)}", ContentFile(image.content))
    record = LibraryImage(width=image.width, height=image.height)
    record.file.name = stored
    record.save()
    return record


def cover_record(name: str, *, width: int, height: int) -> LibraryImage:
    """The library record of an article's cover (checked when it was uploaded): made for it,
    as it is, if it has none."""
    record, _created = LibraryImage.objects.get_or_create(
        file=name, defaults={"width": width, "height": height}
    )
    return record


def has_renditions(name: str) -> bool:
    """Animated GIFs are shown as they are: a JPEG or WebP copy would stand still."""
    return not name.lower().endswith(".gif")


def make_renditions(image: LibraryImage, *, force: bool = False) -> int:
    """Make the body renditions of ``image`` it lacks (all with ``force``); return how many."""
    made = 0
    wanted = widths_for(image.width) if has_renditions(image.file.name) else []
    for rendition_width, _actual in wanted:
        for suffix in ("", "_webp") if WEBP else ("",):
            spec_id = f"articles:body_{rendition_width}{suffix}"
            rendition = ImageCacheFile(generator_registry.get(spec_id, source=image.file))
            if not force and rendition.storage.exists(rendition.name):
                continue
            rendition.generate(force=True)
            made += 1
    if image.renditions != renditions_fingerprint():
        image.renditions = renditions_fingerprint()
        LibraryImage.objects.filter(pk=image.pk).update(renditions=image.renditions)
    return made


def prepare_body(html: str) -> tuple[str, list[LibraryImage]]:
    """A sanitised body with its pictures' own sizes written on them, and the library records
    of its pictures (whose missing renditions are made now)."""
    images = library_images(body_picture_names(html))
    for image in images.values():
        if image.renditions != renditions_fingerprint():
            try:
                make_renditions(image)
            except OSError as error:  # its file went missing: shown as it is, unsized
                logger.warning("No renditions for %s: %s", image.file.name, error)

    def sized(match: re.Match) -> str:
        attributes = _attributes(match)
        image = images.get(storage_name(_unescape(attributes.get("src", ""))) or "")
        if image is not None:
            attributes["src"] = str(escape(default_storage.url(image.file.name)))
        classes = [c for c in attributes.get("class", "").split() if c != SIZED_CLASS]
        if image is not None and image.width:
            attributes["width"], attributes["height"] = str(image.width), str(image.height)
            if has_renditions(image.file.name) and image.renditions == renditions_fingerprint():
                classes.append(SIZED_CLASS)
        if classes:
            attributes["class"] = " ".join(classes)
        else:
            attributes.pop("class", None)
        if image is None:
            return _tag(attributes)
        if not attributes.get("alt") and image.alt:
            attributes["alt"] = str(escape(image.alt))
        return _tag(attributes)

    return _IMG.sub(sized, html), list(images.values())


def _srcset(name: str, width: int, specs: dict[int, type[BodyRendition]]) -> str:
    return ", ".join(
        f"{renditions.storage_url(specs[rendition_width].name_for(name))} {actual}w"
        for rendition_width, actual in widths_for(width)
    )


def render_body_images(html: str, *, eager_first: bool = False) -> str:
    """``html`` (sanitised, prepared) with each uploaded picture as a ``<picture>`` offering its
    renditions; every picture lazy except the first when ``eager_first`` (an article without a
    cover, whose first picture may be on the first screen)."""
    position = 0

    def picture(match: re.Match) -> str:
        nonlocal position
        position += 1
        attributes = _attributes(match)
        lazy = not (eager_first and position == 1)
        name = storage_name(_unescape(attributes.get("src", "")))
        width = attributes.get("width", "")
        if (
            name is None
            or SIZED_CLASS not in attributes.get("class", "").split()
            or not width.isdigit()
            or not attributes.get("height", "").isdigit()
        ):
            if lazy:
                attributes["loading"] = "lazy"
            return _tag(attributes)
        width = int(width)
        jpeg = _srcset(name, width, JPEG_SPECS)
        src_width = max(w for w, _ in widths_for(min(width, BODY_SRC_WIDTH)))
        attributes["src"] = str(
            escape(renditions.storage_url(JPEG_SPECS[src_width].name_for(name)))
        )
        attributes["srcset"] = str(escape(jpeg))
        attributes["sizes"] = BODY_SIZES
        attributes["decoding"] = "async"
        if lazy:
            attributes["loading"] = "lazy"
        source = ""
        if WEBP:
            webp = escape(_srcset(name, width, WEBP_SPECS))
            source = f'<source type="image/webp" srcset="{webp}" sizes="{BODY_SIZES}">'
        return f"<picture>{source}{_tag(attributes)}</picture>"

    return _IMG.sub(picture, html)
