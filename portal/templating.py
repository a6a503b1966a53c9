"""What the portal app gives the reader templates (hnp/templating.py loads it): the masthead's
date line and the footer's links. The site settings come from the context processor
(portal/context_processors.py) as ``site``."""

from django.utils import timezone
from django.utils.translation import pgettext_lazy

from hnp.urls import slug_urls

from .pages import FOOTER_PAGES

WEEKDAYS = (
    pgettext_lazy("date line", "Monday"),
    pgettext_lazy("date line", "Tuesday"),
    pgettext_lazy("date line", "Wednesday"),
    pgettext_lazy("date line", "Thursday"),
    pgettext_lazy("date line", "Friday"),
    pgettext_lazy("date line", "Saturday"),
    pgettext_lazy("date line", "Sunday"),
)


def date_line() -> str:
    """``Thứ Hai, 30/11/2026``: today in the city. A new day is a new content version
    (hnp/pagecache.py), so no page kept from yesterday shows yesterday's date."""
    today = timezone.localdate()
    return f"{WEEKDAYS[today.weekday()]}, {today:%d/%m/%Y}"


def footer_pages() -> list[tuple[str, str]]:
    """(address, label) of the portal's own pages, in the footer's order."""
    page_url = slug_urls("portal:page")
    return [(page_url(slug), label) for slug, label in FOOTER_PAGES]


TEMPLATE_GLOBALS = {"date_line": date_line, "footer_pages": footer_pages}
TEMPLATE_FILTERS = {}
