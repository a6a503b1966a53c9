"""Per-client rate limits, counted in the ``limits`` cache: a Redis of their own in production
(``LIMITS_REDIS_URL``, configured ``noeviction``), shared by every server process and never
emptied to make room for pages, however many pages are cached. Used by the comment form, the
captcha endpoints and the search page.

A client is counted under ``hnp.network.client_key``: its IPv4 address, or its IPv6 /64.

A limit is written ``N/period``: ``5/10m`` is five per ten minutes; the unit is s, m, h or d and
its number may be left out (``5/m``); ``0`` or an empty value turns the limit off.
"""

import logging
import re
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from .network import client_key

LIMITS_CACHE = "limits"

logger = logging.getLogger(__name__)

_RATE = re.compile(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd]?)\s*")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds


def parse_rate(value: str, *, setting: str = "COMMENT_RATE_LIMIT") -> Rate | None:
    """``"5/10m"`` -> Rate(5, 600); ``"0"`` or ``""`` -> None (no limit).

    ``setting`` names the setting the value came from, for the error message.
    """
    value = (value or "").strip()
    if value in {"", "0"}:
        return None
    match = _RATE.fullmatch(value)
    if not match:
        raise ImproperlyConfigured(f"{setting} must look like '5/10m' or '0', not {value!r}.")
    limit, amount, unit = int(match[1]), int(match[2] or 1), match[3]
    if limit == 0:
        return None
    return Rate(limit=limit, period=amount * _UNIT_SECONDS[unit])


def limit_exceeded(
    *, scope: str, client_ip: str, rate: Rate | None, label: str, now: float | None = None
) -> bool:
    """Count one attempt of ``client_ip`` in ``scope``; True if it goes over ``rate``.

    ``label`` names the limit in the log ("Comment", "Captcha", "Search").

    A fixed window per client, counted with ``cache.add`` + ``cache.incr`` so that every server
    process sharing the cache shares the count. Clients without a usable address share one
    count ("unknown").

    If the cache fails (Redis down), the limit is skipped and a warning logged (fail open):
    for a news site, readers being able to comment matters more than the limit during an
    outage, and the checks kept in the database (captcha, flood, duplicates) still hold.
    """
    if rate is None:
        return False
    now = time.time() if now is None else now
    window = int(now // rate.period)
    key = f"{scope}:{client_key(client_ip) or 'unknown'}:{rate.period}:{window}"
    cache = caches[LIMITS_CACHE]
    try:
        cache.add(key, 0, timeout=rate.period)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=rate.period)
            count = 1
    except Exception as exc:
        logger.warning("%s rate limit skipped: the cache failed (%s).", label, type(exc).__name__)
        return False
    return count > rate.limit
