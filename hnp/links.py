"""Addresses for links that leave a request (e-mails sent by the task worker): built from
settings.SITE_URL, never from a request's Host header, which the client chooses."""

from django.conf import settings


def site_link(path: str) -> str:
    """``path`` (from ``reverse()``) as a full address on the site."""
    return f"{settings.SITE_URL}{path}"
