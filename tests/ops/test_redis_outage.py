"""When Redis goes away the site keeps serving pages, and the comment rate limit fails open."""

import shutil
import threading
from http import HTTPStatus

import pytest
import redis.exceptions
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from comments.antispam import rate_limit_exceeded
from hnp import cache as resilient
from tests.support.servers import start_private_redis

pytestmark = pytest.mark.urls("tests.ops.urls")


def redis_cache_at(location: str, backend: str = "hnp.cache.ResilientRedisCache"):
    """The page cache and the rate limits' own Redis, both at ``location``."""
    return override_settings(
        CACHES={
            alias: {"BACKEND": backend, "LOCATION": location, "KEY_PREFIX": f"ops-test-{alias}"}
            for alias in ("default", "limits")
        }
    )


CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def _no_outage_remembered():
    """The outage state lives for the whole process; each test starts without one."""
    resilient._outages.clear()
    yield
    resilient._outages.clear()


def test_django_redis_backend_alone_would_turn_a_redis_outage_into_errors(client):
    """What hnp.cache is for: with Django's backend as it comes, a page using the cache fails."""
    backend = "django.core.cache.backends.redis.RedisCache"
    with redis_cache_at(CLOSED_PORT, backend), pytest.raises(redis.exceptions.ConnectionError):
        client.get("/ops-test/cached/")


@pytest.mark.django_db
def test_pages_are_served_while_redis_is_down(client, caplog):
    with redis_cache_at(CLOSED_PORT):
        cached = client.get("/ops-test/cached/")
        login = client.get(reverse("admin:login"))
        home = client.get(reverse("articles:home"))
        health = client.get(reverse("healthz"))
    assert cached.status_code == HTTPStatus.OK
    assert cached.content == b"value=42"
    assert login.status_code == HTTPStatus.OK
    assert home.status_code == HTTPStatus.OK
    # Still ready (pages are served), and says what is missing.
    assert health.status_code == HTTPStatus.OK
    assert health.json()["status"] == "degraded"
    assert "Redis cache unreachable (ConnectionError)" in caplog.text


def test_the_comment_rate_limit_lets_posts_through_while_redis_is_down(settings):
    settings.COMMENT_RATE_LIMIT = "2/10m"
    with redis_cache_at(CLOSED_PORT):
        assert not any(rate_limit_exceeded(client_ip="203.0.113.7") for _ in range(5))


def test_cache_calls_answer_like_an_empty_cache_while_redis_is_down():
    with redis_cache_at(CLOSED_PORT):
        cache = caches["default"]
        assert cache.get("a", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set("a", 1) is None
        assert cache.add("a", 1) is True
        assert cache.incr("a") == 1
        assert cache.decr("a", 3) == -3
        assert cache.has_key("a") is False
        assert cache.delete("a") is False
        assert cache.get_or_set("a", 7) == 7


def test_after_an_error_redis_is_left_alone_for_a_while(monkeypatch):
    """One timeout per process every few seconds, not one per cache call."""
    clock = [1000.0]
    monkeypatch.setattr(resilient.time, "monotonic", lambda: clock[0])
    with redis_cache_at(CLOSED_PORT):
        client = caches["default"]._cache
        calls = []
        real_get_client = client.get_client

        def counting_get_client(*args, **kwargs):
            calls.append(args)
            return real_get_client(*args, **kwargs)

        monkeypatch.setattr(client, "get_client", counting_get_client)
        caches["default"].get("a")
        caches["default"].get("b")
        caches["default"].set("c", 1)
        assert len(calls) == 1
        clock[0] += client.retry_after + 0.1
        caches["default"].get("a")
        assert len(calls) == 2


def test_every_thread_of_a_process_shares_what_it_knows_of_an_outage(monkeypatch):
    """Django makes a cache object per thread: once one thread sees Redis back, all use it.

    Otherwise a thread that last saw the outage keeps skipping Redis (and the rate limit) for
    a while after the health check, on another thread, has found it again.
    """
    clock = [1000.0]
    monkeypatch.setattr(resilient.time, "monotonic", lambda: clock[0])
    with redis_cache_at(CLOSED_PORT):
        main_thread_cache = caches["default"]
        other_thread_cache = []
        thread = threading.Thread(target=lambda: other_thread_cache.append(caches["default"]))
        thread.start()
        thread.join()
        (other,) = other_thread_cache
        assert other is not main_thread_cache

        main_thread_cache.get("a")  # fails: the process now leaves Redis alone for a while
        calls = []

        def unreachable(*args, **kwargs):
            calls.append(args)
            raise redis.exceptions.ConnectionError

        monkeypatch.setattr(other._cache, "get_client", unreachable)
        other.get("b")
        assert calls == []

        resilient._outages[tuple(other._cache._servers)].until = 0.0  # as after a success
        other.get("b")
        assert len(calls) == 1


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_a_real_redis_stopping_and_coming_back(client, monkeypatch):
    """A private redis-server on a free loopback port: stopped mid-test, then started again."""
    monkeypatch.setattr(resilient.ResilientRedisCacheClient, "retry_after", 0.0)
    server = start_private_redis()
    try:
        with redis_cache_at(server.url):
            caches["default"].set("kept", "in redis")
            assert client.get(reverse("healthz")).status_code == HTTPStatus.OK
            assert caches["default"].get("kept") == "in redis"

            server.stop()
            assert client.get("/ops-test/cached/").status_code == HTTPStatus.OK
            assert client.get(reverse("admin:login")).status_code == HTTPStatus.OK
            assert client.get(reverse("healthz")).json()["cache"] == "down"

            server.start()
            assert client.get(reverse("healthz")).json()["cache"] == "ok"
            caches["default"].set("back", "again")
            assert caches["default"].get("back") == "again"
    finally:
        server.stop()
