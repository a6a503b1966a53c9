"""``GET /healthz`` for load balancers and container health checks."""

import logging
import uuid
from http import HTTPStatus

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    """The primary database runs a query (replicas are not asked: pages fall back on none)."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception as exc:
        logger.warning("Health check: the database is down (%s).", type(exc).__name__)
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
        logger.warning("Health check: the cache is down (%s).", type(exc).__name__)
        return False
    if not answered:
        logger.warning("Health check: the cache did not return what was written to it.")
    return answered


@never_cache
@require_safe
def healthz(request):
    checks = {"database": database_answers(), "cache": cache_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "error"}
    body.update({name: "ok" if ok else "down" for name, ok in checks.items()})
    status = HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE
    return JsonResponse(body, status=status)
