"""GET /healthz: 200 when the database and the cache answer, 503 naming what is down."""

from http import HTTPStatus
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.mark.django_db
def test_healthz_answers_ok_when_database_and_cache_answer(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "backend", ["django.core.cache.backends.redis.RedisCache", "hnp.cache.ResilientRedisCache"]
)
def test_healthz_names_the_cache_when_redis_does_not_answer(client, backend):
    """Django's own backend raises; ours swallows the error, and is reported down all the same."""
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": CLOSED_PORT}}):
        response = client.get(reverse("healthz"))
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "error", "database": "ok", "cache": "down"}


@pytest.mark.django_db
def test_healthz_names_the_database_when_it_does_not_answer(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get(reverse("healthz"))
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "error", "database": "down", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_answers_plain_http_even_when_https_is_enforced(client, settings):
    """Load balancers and the container health check ask over plain HTTP from inside."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == HTTPStatus.OK
    assert client.get(reverse("admin:login")).status_code == HTTPStatus.MOVED_PERMANENTLY


@pytest.mark.django_db
def test_healthz_only_answers_reads(client):
    assert client.post(reverse("healthz")).status_code == HTTPStatus.METHOD_NOT_ALLOWED
