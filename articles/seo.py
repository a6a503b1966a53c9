"""What search engines and social networks read in a page's head: canonical address, Open
Graph and Twitter card tags, and schema.org NewsArticle JSON-LD.

Every address in them is absolute (crawlers and share previews need that), built from the
request. Times are ISO 8601 in the site's time zone, with its offset (+07:00).
"""

import datetime as dt
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from hnp.templating import iso_time, static

from . import renditions
from .models import Article, Correction

SITE_NAME = "HNP"
OG_LOCALE = "vi_VN"
DEFAULT_IMAGE = "img/og-default.png"  # 1200×630, for pages and articles without a cover
PUBLISHER_LOGO = "img/hnp-logo.png"  # 600×60, as Google asks of a publisher logo

# What django.utils.html.json_script escapes: inside <script>, "</script>" (or "<!--") in a
# title would otherwise end the element early, and everything after it would be HTML. Replaced
# one by one: str.translate() walks a Vietnamese text character by character (80 µs for the
# article page's data, against 1 µs).
_JSON_SCRIPT_ESCAPES = (("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E"))


def absolute(request: HttpRequest, url: str) -> str:
    """``url`` made absolute for ``request``'s site (already absolute addresses stay)."""
    return request.build_absolute_uri(url)


def article_image(request: HttpRequest, article: Article) -> str:
    """The cover 1200 pixels wide (as share previews want it, not the camera's original)."""
    if not article.cover_image:
        return absolute(request, static(DEFAULT_IMAGE))
    return absolute(request, renditions.url(article.cover_image, renditions.COVERS[1200]))


def article_modified(article: Article) -> dt.datetime | None:
    """The article's last change as readers see it: never before its publication (an
    article edited, then scheduled, was "modified" before it was published)."""
    if article.published_at is None:
        return article.updated_at
    return max(article.updated_at, article.published_at)


def correction_data(corrections) -> list[dict]:
    """The article's correction notes ("Đính chính") as schema.org CorrectionComment, for
    NewsArticle's ``correction`` property."""
    return [
        {
            "@type": "CorrectionComment",
            "text": correction.text,
            "datePublished": iso_time(correction.corrected_at),
        }
        for correction in corrections
    ]


def author_data(request: HttpRequest, article: Article) -> dict:
    """The byline as a schema.org Person, with the author's page when the article has one."""
    person = {"@type": "Person", "name": article.byline}
    if article.author_id is not None:
        person["url"] = absolute(request, article.author.get_absolute_url())
    return person


def news_article_data(
    request: HttpRequest, article: Article, corrections: "list[Correction] | None" = None
) -> dict:
    """schema.org NewsArticle for ``article``, as Google's article rich results read it.

    ``corrections`` (``article.corrections.all()``) add the ``correction`` notes, and the
    latest of them counts as a modification.
    """
    url = absolute(request, article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.lead,
        "image": [article_image(request, article)],
        "datePublished": iso_time(article.published_at),
        "dateModified": iso_time(article_modified(article)),
        "author": [author_data(request, article)],
        "publisher": {
            "@type": "Organization",
            "name": SITE_NAME,
            "logo": {"@type": "ImageObject", "url": absolute(request, static(PUBLISHER_LOGO))},
        },
        "articleSection": article.category.name,
        "inLanguage": "vi",
    }
    if corrections:
        data["correction"] = correction_data(corrections)
        latest = max(correction.corrected_at for correction in corrections)
        data["dateModified"] = iso_time(max(latest, article_modified(article) or latest))
    return data


def json_ld_script(data: dict) -> SafeString:
    """``data`` in a ``<script type="application/ld+json">`` element.

    A JSON-LD script is data, not code: browsers do not run it, so the Content-Security-Policy
    (script-src 'self' + nonce) does not apply and it needs no nonce. It is escaped like
    Django's json_script, so no text in it (a title with "</script>") can end the element.
    """
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escaped in _JSON_SCRIPT_ESCAPES:
        payload = payload.replace(character, escaped)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308 (escaped above)
    )
