"""Saving the site settings or a page changes what readers see on every page (the footer, the
masthead's hotline, the footer's links): the site's content version is bumped in the same
transaction (hnp/pagecache.py). Connected in PortalConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from hnp.pagecache import SITE, bump

from .models import Page, SiteSettings


def _changed(sender, **kwargs) -> None:
    bump(SITE)


def connect_signals() -> None:
    post_save.connect(_changed, sender=SiteSettings, dispatch_uid="portal-settings")
    for signal in (post_save, post_delete):
        signal.connect(_changed, sender=Page, dispatch_uid="portal-page")
