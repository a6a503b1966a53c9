import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from articles.sanitizer import sanitize_html

register = template.Library()

_TABLE_OPEN = re.compile(r"<table>")


@register.filter
def article_body(html: str) -> SafeString:
    """The article body as HTML, each table in a scrolling wrapper for narrow screens.

    The body was sanitised on save; it is sanitised again here (idempotent, cheap) so that
    this filter can never print HTML that is outside the allowlist, whatever it is given.
    The allowlist gives ``table`` no attributes, so a sanitised table always opens as
    ``<table>`` exactly, and text that merely reads "<table>" arrives escaped.
    """
    clean = sanitize_html(html)
    wrapper = format_html(
        '<div class="table-scroll" role="region" tabindex="0" aria-label="{}">',
        gettext("Table (scrolls sideways)"),
    )
    clean = _TABLE_OPEN.sub(lambda _: f"{wrapper}<table>", clean).replace(
        "</table>", "</table></div>"
    )
    return mark_safe(clean)  # noqa: S308 (sanitised above; only fixed markup added)
