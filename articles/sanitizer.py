"""What HTML an article body may hold: the security boundary between whatever the editor (or a
hand-made request) sends and what readers are given.

``sanitize_html`` runs on every save (``Article.save``) and keeps only the allowlist below;
``plain_text`` gives the text of a body for search and descriptions. Nothing here knows which
editor the newsroom uses (that is articles/editor/).
"""

import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3
from django.core.files.storage import default_storage

from .embeds import embed_paragraphs, parse_value

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
        "ul", "ol", "li", "a", "blockquote", "hr",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
        "figure", "figcaption", "img",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "figure": {"data-embed"},  # a video or map (articles/embeds.py), checked by _keep_attribute
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
# The classes CKEditor's image2 writes (settings.CKEDITOR_CONFIGS): a captioned image is a
# figure; an uncaptioned one floats with a class on the img, or is centred by its paragraph.
# ammonia refuses (panics) if "class" is also listed in ALLOWED_ATTRIBUTES for these tags.
ALLOWED_CLASSES = {
    "figure": {
        "image",
        "image-captioned",
        "image-left",
        "image-center",
        "image-right",
        "embed",
        "embed-thumb",
    },  # fmt: skip
    "img": {"image-left", "image-right", "image-sized"},  # the last: articles/body_images.py
    "p": {"image-center"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def is_uploaded_picture(src: str) -> bool:
    """Whether ``src`` is a picture the newsroom uploaded: an address under the media storage's
    own (MEDIA_URL, or the bucket's address when media are in S3), without "." or ".." steps.

    Pictures from anywhere else are not shown: a remote picture tells its server who reads
    what (a tracking pixel), may change or vanish after publication, and the public pages'
    Content-Security-Policy (img-src) would block it anyway.
    """
    base = default_storage.url("")
    if not src.startswith(base) or "\\" in src:
        return False
    steps = urlsplit(src).path.split("/")
    return not any(unquote(step) in {".", ".."} for step in steps)


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_uploaded_picture(value):
        return None
    if tag == "figure" and attribute == "data-embed" and parse_value(value) is None:
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_keep_attribute,
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)
# An <img> the cleaner left without a source (it pointed elsewhere) is removed. The cleaner's
# output always quotes attribute values with double quotes and escapes the quotes inside them.
_IMG = re.compile(r'<img((?:\s+[\w:-]+="[^"]*")*)\s*/?>')
_SRC = re.compile(r'\ssrc="')


def _drop_img_without_src(match: re.Match) -> str:
    return match[0] if _SRC.search(re.sub(r'"[^"]*"', '""', match[1])) else ""


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to the newsroom's allowlist; idempotent."""
    return _IMG.sub(_drop_img_without_src, _cleaner.clean(embed_paragraphs(html or ""))).strip()


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")


def plain_text(html: str) -> str:
    """The text of an HTML fragment (for search and descriptions): tags and their attributes
    removed, entities decoded, whitespace collapsed. Every tag counts as a word break, so that
    "<p>Hà Nội</p><p>Sài Gòn</p>" does not run "Nội" and "Sài" together."""
    collector = _TextCollector()
    collector.feed(html or "")
    collector.close()
    return " ".join("".join(collector.parts).split())
