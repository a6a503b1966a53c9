"""The site settings as every page reads them, with no query of their own on a reader page.

A reader page (hnp.pagecache.reader_page) reads the site's content version first; saving the
settings bumps that version (portal/freshness.py), so the row is kept in the cache under the
site's state at the time: a save is seen on the next request, and a save made while the cache
was unreachable can never be hidden by a copy made before it. Other pages read the row.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from hnp.sql import WrittenSQL

from .models import SINGLETON_PK, SiteSettings

CACHE_KEY = "portal:site-settings"


def site_settings(request: HttpRequest | None = None) -> SiteSettings:
    """The site's identity; an unsaved blank one until an administrator fills it in."""
    state = getattr(request, "site_state", None)
    if not settings.PAGE_CACHE or state is None:
        return _read()
    row = cache.get(CACHE_KEY, version=state)
    if row is None:
        row = _read()
        cache.set(CACHE_KEY, row, settings.PAGE_CACHE_SECONDS, version=state)
    return row


def _read() -> SiteSettings:
    # Every page reads the row: written as SQL, it costs a third of what the ORM takes to
    # build the query, and made with from_db() (its fields are all text: nothing to convert)
    # half of what raw() takes (docs/performance.md).
    sql = WrittenSQL(SiteSettings)
    fields = SiteSettings._meta.concrete_fields
    columns = ", ".join(sql.quote(field.column) for field in fields)
    table, pk = sql.table(SiteSettings), sql.column(SiteSettings, "pk")
    rows = sql.rows(f"SELECT {columns} FROM {table} WHERE {pk} = %s", [SINGLETON_PK])  # noqa: S608
    if not rows:
        return SiteSettings()
    return SiteSettings.from_db(sql.database.alias, [field.attname for field in fields], rows[0])
