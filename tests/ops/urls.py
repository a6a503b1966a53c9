"""The site's URLs plus two small views that the ops tests need: one that uses the cache and
one that logs while it serves a request."""

import logging

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path

from config.urls import handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns

logger = logging.getLogger("tests.ops.views")


def cached_value(request):
    return HttpResponse(f"value={cache.get_or_set('ops-test-value', 42, timeout=60)}")


def logs_while_serving(request):
    logger.warning("something worth a line happened")
    return HttpResponse("logged")


urlpatterns = [
    path("ops-test/cached/", cached_value),
    path("ops-test/logs/", logs_while_serving),
    *site_urlpatterns,
]
