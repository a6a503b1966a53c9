"""The smaller copies of an article's cover ("renditions") that the reader pages show.

- A thumbnail for the lists, 160 × 120 and 320 × 240 for 2× screens: the lists show covers
  120 to 160 CSS pixels wide, cropped to 4:3 (``.story__image`` in static/css/site.css).
- The whole cover 480, 800 and 1200 pixels wide (never enlarged) for the article page and the
  home page's lead story, which let the browser pick with ``srcset``; the 1200 one is also
  what share previews show.

All JPEG, which every browser and every social network's preview reads. They are made once,
when an article is saved with a new cover: ``Article``'s ImageSpecFields name the specs below,
and django-imagekit's Optimistic strategy (config/settings.py) makes the files on save, into
``renditions/`` in the media storage. Pages never make one nor check that one exists: they
compute the URLs from the cover's name (``list_picture``, ``cover_picture``), which costs no
query and no file access. Covers saved before a rendition was added get theirs from
``manage.py generateimages`` (docs/deploy.md).
"""

import functools
import posixpath
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.utils.encoding import filepath_to_uri
from imagekit import ImageSpec, hashers, register
from imagekit.cachefiles import ImageCacheFile
from imagekit.processors import ResizeToFill, ResizeToFit
from imagekit.registry import generator_registry
from imagekit.utils import get_storage

THUMBNAIL_SIZE = (160, 120)
COVER_WIDTHS = (480, 800, 1200)
COVER_SRC_WIDTH = 800  # for the rare browser without srcset
# A cover keeps its own shape in its renditions, and a page cannot know that shape without
# reading the file, so width/height on the page reserve the 16:9 box covers are made for (the
# demo's are 16:9, the home page's lead story crops to it). A cover of another shape is still
# shown whole: the browser corrects the box when it arrives.
COVER_ASPECT = (16, 9)
# How wide the cover is shown: the article's column (--measure, 42rem) or the whole screen;
# the home page's lead story takes three fifths of the page from 64em on.
COVER_SIZES = "(min-width: 45rem) 42rem, 100vw"
LEAD_SIZES = "(min-width: 64em) 38rem, 100vw"

JPEG_OPTIONS = {"quality": 80, "optimize": True, "progressive": True}


class Rendition(ImageSpec):
    """A JPEG made from a cover, stored as ``renditions/<the cover's name without its
    extension>/<label>.<fingerprint>.jpg``.

    The fingerprint changes with the processors and options, so a rendition whose size or
    quality changes gets new names (made by ``generateimages``) instead of browsers and caches
    keeping the old file. It is worked out once per spec: imagekit's own namer hashes the
    processors again for every URL, about 0.2 ms each.
    """

    format = "JPEG"
    options = JPEG_OPTIONS
    label = ""

    @property
    def cachefile_name(self) -> str | None:
        return self.name_for(self.source.name) if self.source else None

    @classmethod
    def name_for(cls, cover_name: str) -> str:
        stem = posixpath.splitext(cover_name)[0]
        return f"{settings.IMAGEKIT_CACHEFILE_DIR}/{stem}/{cls.label}.{cls.fingerprint()}.jpg"

    @classmethod
    @functools.cache
    def fingerprint(cls) -> str:
        return hashers.pickle([cls.processors, cls.format, cls.options, cls.autoconvert])[:10]


def _thumbnail(scale: int) -> type[Rendition]:
    width, height = (side * scale for side in THUMBNAIL_SIZE)
    return type(
        f"Thumbnail{width}",
        (Rendition,),
        {"label": f"thumbnail-{width}x{height}", "processors": [ResizeToFill(width, height)]},
    )


def _cover(width: int) -> type[Rendition]:
    return type(
        f"Cover{width}",
        (Rendition,),
        {"label": f"cover-{width}w", "processors": [ResizeToFit(width=width, upscale=False)]},
    )


THUMBNAIL = _thumbnail(1)
THUMBNAIL_2X = _thumbnail(2)
COVERS = {width: _cover(width) for width in COVER_WIDTHS}
# Generator ids (what Article's ImageSpecFields and `generateimages` name) → specs.
SPECS = {
    "articles:thumbnail": THUMBNAIL,
    "articles:thumbnail_2x": THUMBNAIL_2X,
    **{f"articles:cover_{width}": spec for width, spec in COVERS.items()},
}
for _spec_id, _spec in SPECS.items():
    register.generator(_spec_id, _spec)


@dataclass(frozen=True)
class Picture:
    """What an ``<img>`` needs to show a cover at one place on a page."""

    src: str
    srcset: str
    width: int
    height: int
    sizes: str = ""


def url(cover: FieldFile | str, spec: type[Rendition]) -> str:
    """The address of the rendition ``spec`` makes of ``cover`` (a file or its name): the same
    as ``article.cover_<…>.url``, without building imagekit's objects for it."""
    return storage_url(spec.name_for(getattr(cover, "name", cover)))


def storage_url(name: str) -> str:
    """``storage.url(name)``. A page shows dozens of pictures, and the file system storage's
    url() joins its base address with urljoin() each time (a third of a list item's time):
    its addresses are the base address followed by the quoted name."""
    storage = get_storage()
    if isinstance(storage, FileSystemStorage):
        return storage.base_url + filepath_to_uri(name).lstrip("/")
    return storage.url(name)


def list_picture(cover: FieldFile | str) -> Picture:
    """The cover as the lists show it: the thumbnail, with its copy for 2× screens."""
    one, two = url(cover, THUMBNAIL), url(cover, THUMBNAIL_2X)
    width, height = THUMBNAIL_SIZE
    return Picture(src=one, srcset=f"{one} 1x, {two} 2x", width=width, height=height)


def cover_picture(cover: FieldFile | str, *, sizes: str = COVER_SIZES) -> Picture:
    """The whole cover at every width, for a place on the page ``sizes`` wide."""
    urls = {width: url(cover, spec) for width, spec in COVERS.items()}
    across, down = COVER_ASPECT
    return Picture(
        src=urls[COVER_SRC_WIDTH],
        srcset=", ".join(f"{address} {width}w" for width, address in urls.items()),
        width=COVER_SRC_WIDTH,
        height=round(COVER_SRC_WIDTH * down / across),
        sizes=sizes,
    )


def make_renditions(cover: FieldFile, *, replace: bool = False) -> int:
    """Make the renditions of ``cover`` that storage lacks, or all of them with ``replace``;
    return how many were made.

    Saving an article with a new cover makes them already. This is for a cover written again
    under the same name (the demo loader redraws pictures that went missing), which no save
    announces, and for checking that none is missing.
    """
    made = 0
    for spec_id in SPECS:
        rendition = ImageCacheFile(generator_registry.get(spec_id, source=cover))
        if rendition.storage.exists(rendition.name):
            if not replace:
                continue
            rendition.storage.delete(rendition.name)
        rendition.generate(force=True)
        made += 1
    return made
