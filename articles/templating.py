"""What the articles app gives the reader templates (hnp/templating.py loads it): the article
body filter, and the head's search-engine and social tags, the share links."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext
from markupsafe import Markup

from hnp.templating import static

from . import seo
from .body_images import render_body_images
from .embeds import render_embeds
from .models import Article
from .sanitizer import sanitize_html
from .text import lead_dateline

FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php"
# Zalo's web share page: a plain link, so no Zalo script runs on our pages (the CSP forbids it).
ZALO_SHARE = "https://sp.zalo.me/share_to_zalo"

_TABLE_OPEN = re.compile(r"<table>")


def article_body(html: str, *, eager_first: bool = False) -> Markup:
    """The article body as HTML, each table in a scrolling wrapper for narrow screens, each
    uploaded picture offered at several sizes (articles/body_images.py: lazy, except the first
    with ``eager_first``).

    The body was sanitised on save; it is sanitised again here (idempotent, cheap) so that
    this filter can never print HTML that is outside the allowlist, whatever it is given.
    The allowlist gives ``table`` no attributes, so a sanitised table always opens as
    ``<table>`` exactly, and text that merely reads "<table>" arrives escaped.
    """
    wrapper = Markup('<div class="table-scroll" role="region" tabindex="0" aria-label="{}">')
    wrapper = wrapper.format(gettext("Table (scrolls sideways)"))
    clean = render_embeds(render_body_images(sanitize_html(html), eager_first=eager_first))
    clean = _TABLE_OPEN.sub(lambda _: f"{wrapper}<table>", clean)
    return Markup(clean.replace("</table>", "</table></div>"))  # noqa: S704 (sanitised above)


def article_dateline(article: Article) -> str:
    """The dateline the article's lead opens with on its page (settings.ARTICLE_DATELINE)."""
    return lead_dateline(article.lead, settings.ARTICLE_DATELINE)


def article_meta(request: HttpRequest, article: Article, corrections=()) -> dict:
    """Canonical address, Open Graph, Twitter card and NewsArticle JSON-LD of an article (with
    its correction notes)."""
    has_time = article.published_at is not None
    return {
        "canonical": seo.absolute(request, article.get_absolute_url()),
        "image": seo.article_image(request, article),
        "image_alt": (article.cover_caption or article.title) if article.cover_image else "HNP",
        "published": seo.iso_time(article.published_at),
        "modified": seo.iso_time(seo.article_modified(article)),
        "json_ld": (
            seo.json_ld_script(seo.news_article_data(request, article, list(corrections)))
            if has_time
            else ""
        ),
    }


def page_meta(request: HttpRequest, page=None) -> dict:
    """Canonical address (with its page number, if not 1) and share image of a list page."""
    path = request.path
    if page is not None and page.number > 1:
        path += f"?{urlencode({'page': page.number})}"
    return {
        "canonical": seo.absolute(request, path),
        "image": seo.absolute(request, static(seo.DEFAULT_IMAGE)),
    }


def share_links(request: HttpRequest, article: Article) -> dict:
    url = seo.absolute(request, article.get_absolute_url())
    return {
        "url": url,
        "facebook": f"{FACEBOOK_SHARE}?{urlencode({'u': url})}",
        "zalo": f"{ZALO_SHARE}?{urlencode({'url': url})}",
    }


TEMPLATE_GLOBALS = {
    "article_meta": article_meta,
    "article_dateline": article_dateline,
    "page_meta": page_meta,
    "share_links": share_links,
    "SITE_NAME": seo.SITE_NAME,
    "OG_LOCALE": seo.OG_LOCALE,
}
TEMPLATE_FILTERS = {"article_body": article_body}
