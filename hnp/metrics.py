"""Prometheus metrics: ``GET /metrics``, for the addresses in METRICS_ALLOWED_IPS only.

What is measured (prometheus_client; names start with ``hnp_``):

- ``hnp_http_requests_total{method,view,status}`` and ``hnp_http_request_duration_seconds``:
  every request, by URL name (``-`` when none matches: a 404);
- ``hnp_db_queries_total{alias}``, ``hnp_db_query_errors_total{alias}`` and
  ``hnp_db_query_duration_seconds{alias}``: every SQL statement, per database alias;
- ``hnp_cache_operations_total{operation,result}``: the Redis cache's calls (hnp/cache.py):
  ``hit``/``miss`` for reads, ``ok`` for writes, ``error`` and ``skipped`` while Redis is away;
- values read when Prometheus asks, which apps register with ``register_collector`` from their
  ``AppConfig.ready()`` (the comments app: ``hnp_comments_pending``).

Nothing is measured, and ``/metrics`` answers 404, when METRICS_ALLOWED_IPS is empty (the
default). Under gunicorn every worker writes its counts to PROMETHEUS_MULTIPROC_DIR
(deploy/gunicorn.conf.py) and a scrape adds them up, so one scrape per container sees all of
its workers.
"""

import ipaddress
import logging
import os
import time
from collections.abc import Iterable

from django.conf import settings
from django.db.backends.signals import connection_created
from django.http import Http404, HttpResponse
from django.urls import Resolver404, resolve
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from hnp.network import get_client_ip

logger = logging.getLogger(__name__)

REQUESTS = Counter(
    "hnp_http_requests_total",
    "Requests answered, by URL name and status",
    ["method", "view", "status"],
)
REQUEST_SECONDS = Histogram(
    "hnp_http_request_duration_seconds",
    "Time from the first middleware to the response, by URL name",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DB_QUERIES = Counter("hnp_db_queries_total", "SQL statements run", ["alias"])
DB_ERRORS = Counter("hnp_db_query_errors_total", "SQL statements that raised", ["alias"])
DB_SECONDS = Histogram(
    "hnp_db_query_duration_seconds",
    "Time of one SQL statement",
    ["alias"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5),
)
CACHE_OPERATIONS = Counter(
    "hnp_cache_operations_total", "Calls to the Redis cache", ["operation", "result"]
)

_collectors: list[Collector] = []


def enabled() -> bool:
    return bool(settings.METRICS_ALLOWED_IPS)


def register_collector(collector: Collector) -> None:
    """Add a collector whose ``collect()`` is called at each scrape (e.g. a count of rows)."""
    _collectors.append(collector)


def count_cache(operation: str, result: str, amount: int = 1) -> None:
    if amount:
        CACHE_OPERATIONS.labels(operation, result).inc(amount)


class MetricsMiddleware:
    """First in MIDDLEWARE when metrics are on (config/settings.py). It answers /metrics itself,
    before the Host header is checked against ALLOWED_HOSTS: Prometheus asks each container by
    its address (http://172.18.0.5:8000/metrics), and who may ask is decided by address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/metrics":
            return metrics_view(request)
        started = time.perf_counter()
        response = self.get_response(request)
        view = _view_name(request)
        REQUEST_SECONDS.labels(view).observe(time.perf_counter() - started)
        REQUESTS.labels(request.method, view, str(response.status_code)).inc()
        return response


def _view_name(request) -> str:
    """The URL's name; for a page the page cache answered before any URL was resolved, the
    name it would have had."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return "-"
    return match.view_name or "-"


def _measure_query(execute, sql, params, many, context):
    alias = context["connection"].alias
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    except Exception:
        DB_ERRORS.labels(alias).inc()
        raise
    finally:
        DB_QUERIES.labels(alias).inc()
        DB_SECONDS.labels(alias).observe(time.perf_counter() - started)


def _on_connection_created(sender, connection, **kwargs):
    if _measure_query not in connection.execute_wrappers:
        connection.execute_wrappers.append(_measure_query)


def install() -> None:
    """Measure the queries of every database connection opened from now on (HnpConfig)."""
    connection_created.connect(_on_connection_created, dispatch_uid="hnp.metrics")


class _SafeCollector:
    """A registered collector whose failure (the database away) costs its own metric only."""

    def __init__(self, collector: Collector):
        self.collector = collector

    def collect(self) -> Iterable:
        try:
            return list(self.collector.collect())
        except Exception as exc:
            logger.warning("Metrics: %s failed (%s).", type(self.collector).__name__, exc)
            return []


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    for collector in _collectors:
        registry.register(_SafeCollector(collector))
    return registry


def _allowed(address: str) -> bool:
    if not address:
        return False
    client = ipaddress.ip_address(address)
    return any(
        client in ipaddress.ip_network(network, strict=False)
        for network in settings.METRICS_ALLOWED_IPS
    )


@never_cache
def metrics_view(request) -> HttpResponse:
    """The metrics in Prometheus's text format; a 404 for anyone else, as if there were none."""
    if not enabled() or not _allowed(get_client_ip(request)):
        raise Http404
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
