"""/healthz/live (the process answers) and /healthz/ready (it can serve pages: the database
answers; without Redis it is "degraded" but still ready). /healthz answers as /healthz/ready
for the checks set up before it existed."""

import logging
from http import HTTPStatus
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

CLOSED_PORT = "redis://127.0.0.1:1/0"
READY = ["healthz-ready", "healthz"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", READY)
def test_ready_answers_ok_when_database_and_cache_answer(client, name):
    response = client.get(reverse(name))
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", READY)
@pytest.mark.parametrize(
    "backend", ["django.core.cache.backends.redis.RedisCache", "hnp.cache.ResilientRedisCache"]
)
def test_without_redis_the_site_is_degraded_but_stays_ready(client, backend, name):
    """Pages are still served from the database: a load balancer must keep every backend.
    Django's own backend raises; ours swallows the error, and is reported down all the same."""
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": CLOSED_PORT}}):
        response = client.get(reverse(name))
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", READY)
def test_without_the_database_the_site_is_not_ready_but_still_live(client, name):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        ready = client.get(reverse(name))
        live = client.get(reverse("healthz-live"))
    assert ready.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert ready.json() == {"status": "error", "database": "down", "cache": "ok"}
    assert live.status_code == HTTPStatus.OK
    assert live.json() == {"status": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["healthz-live", *READY])
def test_health_checks_answer_plain_http_even_when_https_is_enforced(client, settings, name):
    """Load balancers and the container health check ask over plain HTTP from inside."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse(name)).status_code == HTTPStatus.OK
    assert client.get(reverse("admin:login")).status_code == HTTPStatus.MOVED_PERMANENTLY


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["healthz-live", *READY])
def test_health_checks_only_answer_reads(client, name):
    assert client.post(reverse(name)).status_code == HTTPStatus.METHOD_NOT_ALLOWED


@pytest.mark.django_db
def test_checks_every_few_seconds_during_a_redis_outage_log_one_line_a_minute(
    client, monkeypatch, caplog
):
    from hnp import health
    from hnp.log_throttle import OncePerInterval

    now = [0.0]
    monkeypatch.setattr(
        health,
        "_cache_down_line",
        OncePerInterval(health.logger, logging.WARNING, clock=lambda: now[0]),
    )
    with override_settings(
        CACHES={"default": {"BACKEND": "hnp.cache.ResilientRedisCache", "LOCATION": CLOSED_PORT}}
    ):
        for _ in range(13):  # a check every 5 seconds, for a minute
            assert client.get(reverse("healthz-ready")).json()["cache"] == "down"
            now[0] += 5

    lines = [r.getMessage() for r in caplog.records if r.name == "hnp.health"]
    assert lines == [
        "Health check: the cache did not return what was written to it. "
        "[repeats are logged at most once every 60 s, with a count]",
        "Health check: the cache did not return what was written to it. "
        "[12 times in the last 60 s]",
    ]
