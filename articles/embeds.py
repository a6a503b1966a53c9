"""Videos and maps in article bodies: a journalist pastes a YouTube or Facebook video's address
(or a Google Maps embed address) alone on its line, and readers get a player, behind a facade.

- **Which.** Exactly these address shapes, parsed, never matched loosely (``parse``):
  YouTube ``youtube.com/watch?v=ID``, ``youtu.be/ID``, ``youtube.com/shorts|live|embed/ID``;
  Facebook ``facebook.com/<page>/videos/<id>``, ``facebook.com/watch/?v=<id>``,
  ``facebook.com/reel/<id>``; Google Maps ``google.com/maps/embed?pb=…``. Anything else stays
  the text (or link) it was. An ``<iframe>`` pasted as HTML is removed by the sanitiser like
  any other tag outside its allowlist.
- **Stored** (``sanitize_html`` calls ``embed_paragraphs``): ``<figure class="embed"
  data-embed="youtube:ID"><a href="…">…</a></figure>``. The sanitiser keeps ``data-embed``
  only when ``parse_value`` accepts it, so a hand-made figure cannot name another host.
- **Shown** (``render_embeds``, at render time): a facade, the video's thumbnail (kept in our
  media storage when the article is saved: ``fetch_thumbnails``) and a play button. Nothing is
  asked of YouTube or Facebook until the reader clicks; static/js/embeds.js then puts the
  player in its place, from youtube-nocookie.com for YouTube. Without JavaScript the link
  under it opens the video. The Content-Security-Policy's ``frame-src`` names exactly
  ``FRAME_HOSTS``.
"""

import html
import logging
import re
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from markupsafe import escape

from .images import clean_image

logger = logging.getLogger(__name__)

FRAME_HOSTS = (
    "https://www.youtube-nocookie.com",
    "https://www.facebook.com",
    "https://www.google.com",
)
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"}
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_FACEBOOK_PATH = re.compile(r"(?:[A-Za-z0-9.]{1,80}/videos|watch|reel)/\d{1,25}")
_MAPS_PB = re.compile(r"[A-Za-z0-9!._*%-]{1,2000}")
THUMBNAIL_FOLDER = "embeds/youtube"
THUMBNAIL_SIZE = (480, 360)  # YouTube's hqdefault.jpg
# Shown with the embed's class "embed-thumb": the thumbnail was stored when the article was saved.
THUMB_CLASS = "embed-thumb"


@dataclass(frozen=True)
class Embed:
    provider: str  # youtube, facebook, maps
    key: str  # the video id, the Facebook path, the map's pb parameter

    @property
    def value(self) -> str:
        return f"{self.provider}:{self.key}"

    @property
    def page_url(self) -> str:
        """Where the video or map is on its own site (the link under the facade)."""
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.key}"
        if self.provider == "facebook":
            if self.key.startswith("watch/"):
                return f"https://www.facebook.com/watch/?v={self.key.removeprefix('watch/')}"
            return f"https://www.facebook.com/{self.key}/"
        return f"https://www.google.com/maps/embed?pb={self.key}"

    @property
    def frame_url(self) -> str:
        """The player's address, loaded only once the reader asks for it."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.key}?autoplay=1"
        if self.provider == "facebook":
            return (
                "https://www.facebook.com/plugins/video.php?autoplay=true&show_text=false&href="
                + quote(self.page_url, safe="")
            )
        return self.page_url

    @property
    def thumbnail_name(self) -> str:
        return f"{THUMBNAIL_FOLDER}/{self.key}.jpg"

    @property
    def label(self) -> str:
        if self.provider == "youtube":
            return _("Play the YouTube video")
        if self.provider == "facebook":
            return _("Play the Facebook video")
        return _("Show the map")

    @property
    def link_text(self) -> str:
        if self.provider == "youtube":
            return _("Watch on YouTube")
        if self.provider == "facebook":
            return _("Watch on Facebook")
        return _("Open the map")


def parse(url: str) -> Embed | None:
    """The embed ``url`` is the address of, or None: only the shapes this module names."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or parts.username or parts.password or parts.port:
        return None
    path = parts.path.rstrip("/")
    query = parse_qs(parts.query)
    if host in YOUTUBE_HOSTS:
        if path == "/watch":
            candidate = (query.get("v") or [""])[0]
        else:
            match = re.fullmatch(r"/(?:shorts|live|embed)/([^/]+)", path)
            candidate = match[1] if match else ""
        return Embed("youtube", candidate) if _YOUTUBE_ID.fullmatch(candidate) else None
    if host == "youtu.be":
        candidate = path.lstrip("/")
        return Embed("youtube", candidate) if _YOUTUBE_ID.fullmatch(candidate) else None
    if host in FACEBOOK_HOSTS:
        key = path.lstrip("/")
        if key == "watch":
            key = f"watch/{(query.get('v') or [''])[0]}"
        return Embed("facebook", key) if _FACEBOOK_PATH.fullmatch(key) else None
    if host == "www.google.com" and path == "/maps/embed" and parts.scheme == "https":
        pb = (query.get("pb") or [""])[0]
        return Embed("maps", pb) if pb and _MAPS_PB.fullmatch(pb) else None
    return None


def parse_value(value: str) -> Embed | None:
    """The embed a stored ``data-embed`` value names, or None if it is not one we make."""
    provider, _sep, key = (value or "").partition(":")
    if provider == "youtube" and _YOUTUBE_ID.fullmatch(key):
        return Embed(provider, key)
    if provider == "facebook" and _FACEBOOK_PATH.fullmatch(key):
        return Embed(provider, key)
    if provider == "maps" and _MAPS_PB.fullmatch(key):
        return Embed(provider, key)
    return None


# A paragraph holding nothing but an address, perhaps as a link (CKEditor links pasted
# addresses): <p>https://…</p>, <p><a href="…">https://…</a></p>.
_URL_PARAGRAPH = re.compile(
    r"<p>\s*(?:<a\s[^<>]*>\s*)?(https?://[^\s<>\"']+)\s*(?:</a>\s*)?(?:<br\s*/?>\s*)?</p>",
    re.IGNORECASE,
)


def stored_markup(embed: Embed) -> str:
    url, value = escape(embed.page_url), escape(embed.value)
    return f'<figure class="embed" data-embed="{value}"><a href="{url}">{url}</a></figure>'


def embed_paragraphs(body: str) -> str:
    """``body`` with each paragraph that holds only an embeddable address turned into the
    stored form of its embed. Runs before the sanitiser, which checks the result as it checks
    everything else."""

    def replace(match: re.Match) -> str:
        embed = parse(html.unescape(match[1]))
        return stored_markup(embed) if embed else match[0]

    return _URL_PARAGRAPH.sub(replace, body or "")


# Sanitised HTML: the cleaner writes attributes as name="value", in the order it was given.
_STORED = re.compile(
    r'<figure class="embed( embed-thumb)?" data-embed="([^"]*)">.*?</figure>', re.DOTALL
)


def _facade(embed: Embed, *, thumbnail: bool) -> str:
    picture = ""
    if thumbnail:
        width, height = THUMBNAIL_SIZE
        src = escape(default_storage.url(embed.thumbnail_name))
        picture = (
            f'<img class="embed__thumbnail" src="{src}" alt="" width="{width}" height="{height}"'
            ' loading="lazy">'
        )
    return (
        f'<figure class="embed embed--{embed.provider}">'
        f'<div class="embed__frame" data-embed-src="{escape(embed.frame_url)}"'
        f' data-embed-title="{escape(embed.label)}">{picture}'
        f'<button type="button" class="embed__play">{escape(embed.label)}</button></div>'
        f'<figcaption class="embed__link"><a href="{escape(embed.page_url)}"'
        f' rel="noopener noreferrer">{escape(embed.link_text)}</a></figcaption>'
        "</figure>"
    )


def render_embeds(body: str) -> str:
    """A sanitised body with each stored embed shown as its facade."""

    def replace(match: re.Match) -> str:
        embed = parse_value(html.unescape(match[2]))
        return _facade(embed, thumbnail=bool(match[1])) if embed else match[0]

    return _STORED.sub(replace, body)


def has_embeds(body: str) -> bool:
    return 'class="embed' in body


# --- Thumbnails, fetched when the article is saved -----------------------------------------


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "HNP newsroom"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 (https, fixed host)
        return answer.read(settings.UPLOAD_MAX_BYTES + 1)


def store_thumbnail(embed: Embed) -> bool:
    """Keep the YouTube video's thumbnail in our storage (checked like an upload); whether
    there is one now. Facebook and maps have none to fetch without an account."""
    if embed.provider != "youtube" or not settings.EMBED_THUMBNAILS:
        return False
    if default_storage.exists(embed.thumbnail_name):
        return True
    try:
        data = _download(f"https://i.ytimg.com/vi/{embed.key}/hqdefault.jpg")
        image = clean_image(ContentFile(data, name="thumbnail.jpg"))
    except (OSError, ValueError, ValidationError) as error:
        logger.warning("No thumbnail for YouTube video %s: %s", embed.key, error)
        return False
    default_storage.save(embed.thumbnail_name, ContentFile(image.content))
    return True


_STORED_OPEN = re.compile(r'<figure class="embed(?: embed-thumb)?" data-embed="([^"]*)">')


def fetch_thumbnails(body: str) -> str:
    """``body`` with the thumbnails of its embeds stored, each embed marked when it has one."""

    def mark(match: re.Match) -> str:
        embed = parse_value(html.unescape(match[1]))
        if embed is None:
            return match[0]
        classes = f"embed {THUMB_CLASS}" if store_thumbnail(embed) else "embed"
        return f'<figure class="{classes}" data-embed="{match[1]}">'

    return _STORED_OPEN.sub(mark, body)
