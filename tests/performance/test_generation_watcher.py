"""Each process follows the content generation through Redis pub/sub, so that a page cache hit
asks Redis nothing, and still shows every change on the next request (hnp.pagecache
GenerationWatcher)."""

import time

import pytest

from hnp import pagecache
from hnp.pagecache import GenerationWatcher, bump_generation, current_generation

pytestmark = pytest.mark.django_db


def wait_for(predicate, seconds: float = 0.5):
    """Redis hands the message over in the same instant as its answer to the process that
    made the change; here both are on one machine, so allow it a moment."""
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


@pytest.fixture
def process(redis_cache):
    """Another server process's watcher, in step with Redis."""
    watcher = GenerationWatcher()
    assert watcher.known() is None  # nothing known yet: the caller asks Redis…
    watcher.confirm(current_generation())  # …and tells the watcher
    yield watcher
    watcher.reset()


def test_a_change_made_elsewhere_is_known_without_asking_redis(process, redis_cache):
    before = process.known()

    bump_generation()  # another process saves an article

    assert before == redis_cache.get(pagecache.GENERATION_KEY) - 1
    assert wait_for(lambda: process.known() == before + 1)


def test_every_change_is_followed_in_order(process):
    start = process.known()
    for _ in range(5):
        bump_generation()

    assert wait_for(lambda: process.known() == start + 5)


def test_a_change_that_was_never_announced_is_noticed_within_the_recheck_time(
    process, redis_cache, monkeypatch
):
    """As if the message had been lost (a connection that died without a word)."""
    monkeypatch.setattr(GenerationWatcher, "RECHECK_SECONDS", 0.2)
    process.confirm(current_generation())
    start = process.known()
    redis_cache.incr(pagecache.GENERATION_KEY)  # changed without a message

    time.sleep(0.25)

    assert process.known() is None  # too old to trust: the caller asks Redis again
    monkeypatch.setattr(pagecache, "generation_watcher", process)
    assert current_generation() == start + 1
    assert process.known() == start + 1


def test_a_lost_subscription_falls_back_to_asking_redis_then_subscribes_again(
    process, redis_cache, monkeypatch
):
    monkeypatch.setattr(GenerationWatcher, "RETRY_SECONDS", 0.0)
    client = redis_cache._cache.get_client(write=True)
    host, port = process._pubsub.connection._sock.getsockname()[:2]
    client.client_kill(f"{host}:{port}")  # Redis drops the listening connection

    assert wait_for(lambda: process.known() is None)
    bump_generation()  # announced while nobody listens

    monkeypatch.setattr(pagecache, "generation_watcher", process)
    generation = current_generation()  # asks Redis, and the watcher listens again
    assert generation == redis_cache.get(pagecache.GENERATION_KEY)
    bump_generation()
    assert wait_for(lambda: process.known() == generation + 1)


def test_without_redis_every_request_asks_the_cache(settings):
    """The local-memory cache of `make run` and the tests has nobody to listen to."""
    assert "locmem" in settings.CACHES["default"]["BACKEND"]
    watcher = GenerationWatcher()

    watcher.confirm(current_generation())

    assert watcher.known() is None
