import socket
import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings


@pytest.fixture(autouse=True)
def _page_cache_settings(settings):
    """The page cache's own settings at their production defaults, whatever the machine's."""
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_SECONDS = 600
    settings.SHARED_CACHE_MAX_AGE = 5
    # Users are made in several tests here; the real password hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


REDIS_LOCATION = "redis://127.0.0.1:6379/13"


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.fixture
def redis_cache():
    """Redis as the cache, as in production (its own key prefix, so that nothing else in that
    Redis database is touched)."""
    if not redis_answers():
        pytest.skip("Redis does not answer at 127.0.0.1:6379")
    prefix = f"perf-test-{uuid.uuid4().hex}"
    caches = {
        "default": {
            "BACKEND": "hnp.cache.ResilientRedisCache",
            "LOCATION": REDIS_LOCATION,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=caches):
        yield cache
        client = cache._cache.get_client(write=True)
        keys = client.keys(f"{prefix}:*")
        if keys:
            client.delete(*keys)


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request):
    """The cache every server process shares: local memory here, Redis in production."""
    if request.param == "locmem":
        yield
    else:
        yield request.getfixturevalue("redis_cache")
