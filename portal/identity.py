"""The site settings as every page reads them: from the cache, with no query per page.

A reader that misses reads the row and *adds* it to the cache; a save *sets* the new row once
its transaction commits. So a reader that read the old row just before the commit can never
overwrite the new one, and a page rendered after the commit shows the new identity (the save
also bumps the site's content version, portal/freshness.py, so no page kept before is served).
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .models import SINGLETON_PK, SiteSettings

CACHE_KEY = "portal:site-settings"
CACHE_SECONDS = 24 * 3600


def site_settings() -> SiteSettings:
    """The site's identity; an unsaved blank one until an administrator fills it in."""
    if not settings.PAGE_CACHE:
        return _read()
    row = cache.get(CACHE_KEY)
    if row is None:
        row = _read()
        cache.add(CACHE_KEY, row, CACHE_SECONDS)
    return row


def _read() -> SiteSettings:
    return SiteSettings.objects.filter(pk=SINGLETON_PK).first() or SiteSettings()


def settings_changed(row: SiteSettings) -> None:
    """Call in the transaction that saved ``row``: the cache gets it on commit."""
    transaction.on_commit(lambda: cache.set(CACHE_KEY, row, CACHE_SECONDS))
