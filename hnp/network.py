"""Where a request comes from: the one rule for the comment rate limit, the captcha limit and
the admin login lockout."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def get_client_ip(request: HttpRequest) -> str:
    """The client's IP address, or "" if the request carries none we can trust.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, each proxy appends the address it received
    the request from to ``X-Forwarded-For``, so the client is that many entries from the right;
    anything further left was written by the client and may be forged. With no trusted proxy
    (the default) the header is ignored and the connection's address is used. A header with
    fewer entries than there are proxies means the request bypassed them: the connection's
    address is used then too.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or ""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < hops:
        return remote
    return _valid_ip(forwarded[-hops]) or remote
