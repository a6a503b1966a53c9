"""Health checks for load balancers, the proxy and the containers.

``GET /healthz/live``: the process answers (nothing else is asked). A container that fails it
is restarted.

``GET /healthz/ready``: the process can serve pages, i.e. the primary database answers: 200
with ``"status": "ok"``, or ``"degraded"`` while Redis is away (pages are still served, from
the database: hnp/cache.py), 503 while the database is away. A load balancer takes a backend
out only for a 503, so a Redis outage never pulls every backend out at once.

``GET /healthz`` answers as ``/healthz/ready``, for checks set up before it existed.

Checks come every few seconds from each container and proxy: what they find down is logged
at most once a minute per process, with a count (``hnp.log_throttle``).
"""

import logging
import uuid
from http import HTTPStatus

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .errors import log_database_unavailable
from .log_throttle import OncePerInterval

logger = logging.getLogger(__name__)
_cache_down_line = OncePerInterval(logger, logging.WARNING)


def database_answers() -> bool:
    """The primary database runs a query (replicas are not asked: pages fall back on none)."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as exc:
        log_database_unavailable(exc, "the health check")
        return False


def cache_answers() -> bool:
    """A value written to the cache reads back.

    A round trip rather than a ping, so that it also catches a cache that swallows its errors
    (``hnp.cache.ResilientRedisCache`` does, to keep pages up while Redis is down).
    """
    key = f"healthz:{uuid.uuid4().hex}"
    token = uuid.uuid4().hex
    try:
        cache.set(key, token, timeout=10)
        answered = cache.get(key) == token
        cache.delete(key)
    except Exception as exc:
        _cache_down_line("Health check: the cache is down (%s).", type(exc).__name__)
        return False
    if not answered:
        _cache_down_line("Health check: the cache did not return what was written to it.")
    return answered


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    database, cache_ok = database_answers(), cache_answers()
    if not database:
        status, http_status = "error", HTTPStatus.SERVICE_UNAVAILABLE
    else:
        status, http_status = ("ok" if cache_ok else "degraded"), HTTPStatus.OK
    body = {
        "status": status,
        "database": "ok" if database else "down",
        "cache": "ok" if cache_ok else "down",
    }
    return JsonResponse(body, status=http_status)
