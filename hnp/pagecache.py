"""Whole-page cache for anonymous readers, and the HTTP caching headers of the reader pages.

The reader pages (home, category, article, search) are marked with ``reader_page`` in the
URLconf. ``PageCacheMiddleware`` then, for a GET or HEAD of such a page:

- by a reader without a personal cookie (no session, so no staff member; no flash message; no
  comment status cookie): answers from Django's cache (Redis in production, shared by every
  server process) when it can, otherwise lets the view render the page and keeps it. The
  response says ``Cache-Control: public, max-age=0, s-maxage=SHARED_CACHE_MAX_AGE`` and
  ``Vary: Cookie``, with an ``ETag`` (and the ``Last-Modified`` of the cached copy), and a
  conditional GET is answered 304. Browsers thus ask every time (a change shows on the
  reader's next request; an unchanged page costs a 304), and a proxy in front may keep the
  page a few seconds;
- by anyone else: never from the cache, never kept, and marked ``private, no-cache``.

A page is kept only if it is a 200 that sets no cookie, carries no CSP nonce and did not ask
not to be cached. The page itself holds nothing personal: the comment form fetches its CSRF
token with its captcha (comments.views.captcha_refresh, static/js/comments.js).

Invalidation is by a *content generation*: a number in the cache, stored with every page and
compared on every hit, that ``invalidate_pages()`` bumps whenever something readers see
changes (an article or category saved or deleted, a comment moderated or an approved one
deleted: see ``connect_invalidation``). A bump reaches every process at once: they share the
cache, and each follows the generation through Redis pub/sub (``GenerationWatcher``), so that
a hit asks Redis nothing when the page is in the process's own copies. A scheduled article
has no event when its time comes, so each page is also kept no longer than until the next
scheduled publish time (one indexed query per generation, itself cached).

``PAGE_CACHE=0`` turns the cache off (the headers stay), for the benchmark.
"""

import contextlib
import hashlib
import os
import pickle
import select
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date
from redis.exceptions import RedisError

GENERATION_KEY = "pagecache:generation"
# The version changes with the layout of a kept page (_store), so a new release never reads
# pages an older one kept.
PAGE_KEY_PREFIX = "pagecache:page:v2:"
NEXT_PUBLISH_KEY = "pagecache:next-publish"
STATUS_HEADER = "X-Page-Cache"

_UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


class LocalCopies:
    """This process's copies of values read from or written to the shared cache: a bounded,
    least-recently-used store, for values that are safe to use without asking Redis again.

    A fragment never changes under its key (the content version is part of it); a page is
    used only once its generation has been checked against the shared one. Each hit saves
    fetching and unpickling tens of kilobytes from Redis. Keys that are no longer asked for
    fall out as newer ones come in (``max_bytes`` in all, counting the text's length).
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._values: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return None
            self._values.move_to_end(key)
            return found[0]

    def set(self, key: str, value, size: int) -> None:
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._values.pop(key, None)
            if old is not None:
                self._size -= old[1]
            self._values[key] = (value, size)
            self._size += size
            while self._size > self.max_bytes:
                _key, (_value, dropped) = self._values.popitem(last=False)
                self._size -= dropped

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._size = 0


# Pages and fragments together; with 2 workers a few dozen MB of a worker's memory at most.
local_copies = LocalCopies(max_bytes=24 * 1024 * 1024)


@dataclass(frozen=True)
class ReaderPagePolicy:
    """How a reader page is cached: the query parameters its content depends on.

    Every other parameter (``?fbclid=…``, ``?utm_source=…`` that shared links carry) is
    ignored, so those links share the cached page.
    """

    query_params: tuple[str, ...] = ()


def reader_page(view=None, *, query_params: tuple[str, ...] = ()):
    """Mark a view as a reader page (see the module docstring); use in the URLconf:
    ``reader_page(views.CategoryView.as_view(), query_params=("page",))``."""

    def mark(view):
        view.reader_page_policy = ReaderPagePolicy(query_params=tuple(sorted(query_params)))
        return view

    return mark(view) if view is not None else mark


# --- Content generation ---------------------------------------------------------------------


class GenerationWatcher:
    """This process's copy of the content generation, kept current by Redis pub/sub, so that
    a page cache hit asks Redis nothing.

    Every change of the generation is published (``_publish``); each process listens on a
    connection of its own and, before trusting its copy, reads whatever has arrived there: a
    non-blocking read of a local socket, no round trip. Redis sends the message before it
    answers the process that made the change, so a change shows on the next request in every
    process, as when every request asked Redis. The copy is also checked against Redis at
    least every ``RECHECK_SECONDS``, which bounds how long a connection that died without a
    word (a Redis moved under its address) could go unnoticed. Without Redis pub/sub (the
    local-memory cache of ``make run`` and the tests, a Redis outage) there is no copy and
    every request asks the cache, as before.
    """

    RECHECK_SECONDS = 1.0
    RETRY_SECONDS = 5.0  # after a failed subscription, as hnp.cache leaves Redis alone
    SUBSCRIBE_TIMEOUT = 1.0

    def __init__(self):
        self._lock = threading.Lock()
        self._reset()

    def reset(self) -> None:
        """Forget the copy and the subscription (the cache settings changed: tests)."""
        with self._lock:
            if self._pubsub is not None:
                self._drop()
            self._reset()

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._pubsub = None
        self._poller = None
        self._generation = None
        self._confirmed_at = float("-inf")
        self._retry_at = 0.0

    def known(self) -> int | None:
        """The generation, if this process's copy may be used now; None: ask the cache (then
        tell ``confirm`` what it said)."""
        if not hasattr(cache, "subscribe"):
            return None
        with self._lock:
            if self._pid != os.getpid():  # a forked child: the connection is the parent's
                self._reset()
            if self._pubsub is None and not self._subscribe():
                return None
            try:
                # Polling the socket first: a few times cheaper than asking redis-py, on the
                # path of every hit. Nothing stays in redis-py's buffer between calls: every
                # message that arrived is read here.
                if self._poller.poll(0):
                    while (message := self._pubsub.get_message(timeout=0)) is not None:
                        if message["type"] == "message":
                            self._seen(int(message["data"]))
            except (RedisError, OSError, ValueError):
                self._drop()
                return None
            if time.monotonic() - self._confirmed_at > self.RECHECK_SECONDS:
                return None
            return self._generation

    def confirm(self, generation: int) -> None:
        with self._lock:
            self._seen(generation)
            self._confirmed_at = time.monotonic()

    def _seen(self, generation: int) -> None:
        # Generations only grow (see _start_generation): an answer that left Redis before a
        # message arrived must not take the copy back.
        if self._generation is None or generation > self._generation:
            self._generation = generation

    def _subscribe(self) -> bool:
        if time.monotonic() < self._retry_at:
            return False
        try:
            self._pubsub = cache.subscribe(GENERATION_KEY, timeout=self.SUBSCRIBE_TIMEOUT)
        except (RedisError, OSError):
            self._retry_at = time.monotonic() + self.RETRY_SECONDS
            return False
        self._poller = select.poll()
        self._poller.register(self._pubsub.connection._sock, select.POLLIN | select.POLLPRI)
        # Whatever changed before the subscription: the next request asks Redis.
        self._confirmed_at = float("-inf")
        return True

    def _drop(self) -> None:
        with contextlib.suppress(RedisError, OSError):
            self._pubsub.close()
        self._pubsub = self._poller = None
        self._generation = None
        self._confirmed_at = float("-inf")
        self._retry_at = time.monotonic() + self.RETRY_SECONDS


generation_watcher = GenerationWatcher()


def _publish(generation: int) -> None:
    if hasattr(cache, "publish"):
        cache.publish(GENERATION_KEY, generation)


def _start_generation() -> int:
    # Time-based, so a generation created again after Redis lost the key (eviction, restart)
    # is newer than any generation a page still in the cache was stored with.
    fresh = time.time_ns() // 1000
    if cache.add(GENERATION_KEY, fresh, timeout=None):
        _publish(fresh)
        return fresh
    return cache.get(GENERATION_KEY, fresh)


def current_generation() -> int:
    generation = generation_watcher.known()
    if generation is None:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            generation = _start_generation()
        generation_watcher.confirm(generation)
    return generation


def bump_generation() -> None:
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (yet, or any more)
        _start_generation()
    else:
        _publish(generation)


def invalidate_pages() -> None:
    """Every cached page is out of date from now on, in every process.

    Bumped at once, so later reads in this process (and tests, whose transaction never
    commits) see the change, and again when the transaction commits: a page another process
    renders in between, from the data as it was before the commit, is not kept either.
    """
    bump_generation()
    transaction.on_commit(bump_generation, robust=True)


class _NextPublishSeen:
    """The last (generation, next publish time) this process read or found: valid as long as
    the generation is the current one and the time has not come."""

    value: tuple[int, datetime | None] | None = None


def _still_valid(found, generation: int, now: datetime) -> bool:
    if found is None:
        return False
    for_generation, upcoming = found
    return for_generation == generation and (upcoming is None or upcoming > now)


def next_publish_time(generation: int, *, known=None) -> datetime | None:
    """When the next scheduled article goes public (None: nothing is scheduled).

    Cached with the generation it was found for, since scheduling or rescheduling an article
    bumps the generation; once that time has passed, the next call looks for the one after.
    ``known`` is the cached value when the caller already read it (the page cache's miss).
    """
    from articles.models import Article

    now = timezone.now()
    if _still_valid(_NextPublishSeen.value, generation, now):
        return _NextPublishSeen.value[1]
    if known is None:
        known = cache.get(NEXT_PUBLISH_KEY)
    if _still_valid(known, generation, now):
        _NextPublishSeen.value = known
        return known[1]
    upcoming = (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    cache.set(NEXT_PUBLISH_KEY, (generation, upcoming), settings.PAGE_CACHE_SECONDS)
    _NextPublishSeen.value = (generation, upcoming)
    return upcoming


def content_version(request: HttpRequest | None = None) -> str:
    """Changes whenever what readers see may have changed: the content generation, and the
    next scheduled publish time (which passes without any event). Part of every fragment's
    key (``{% cachedfragment %}``) and of other cached reader data; read once per request."""
    memo = getattr(request, "_hnp_content_version", None)
    if memo is not None:
        return memo
    generation = current_generation()
    upcoming = next_publish_time(generation)
    version = f"{generation}.{int(upcoming.timestamp()) if upcoming else 0}"
    if request is not None:
        request._hnp_content_version = version
    return version


def kept_for_readers[T](request: HttpRequest, name: str, make: Callable[[], T]) -> T:
    """What ``make()`` returns, kept in the cache (and this process's copies) under ``name``
    and the content version, for as long as the pages are; made every time with
    ``FRAGMENT_CACHE=0``. Each call gets its own copy (unpickled), which it may change. For
    what readers' pages read from the database on every request otherwise (the article of an
    article page)."""
    if not settings.FRAGMENT_CACHE:
        return make()
    key = f"kept:{name}:{content_version(request)}"
    data = local_copies.get(key)
    if data is None:
        data = cache.get(key)
        if data is None:
            data = pickle.dumps(make(), pickle.HIGHEST_PROTOCOL)
            cache.set(key, data, settings.PAGE_CACHE_SECONDS)
        local_copies.set(key, data, len(data))
    return pickle.loads(data)  # noqa: S301 (our own cache, as Django's cache itself pickles)


# --- Middleware -----------------------------------------------------------------------------


def personal_cookie_names() -> frozenset[str]:
    """Cookies that make a page personal: a session (staff), flash messages, the status
    link of the reader's own comment."""
    from comments.constants import STATUS_COOKIE

    return frozenset({settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name, STATUS_COOKIE})


@lru_cache(maxsize=4096)
def _policy_for(path: str, urlconf: str) -> ReaderPagePolicy | None:
    """The policy of the view ``path`` resolves to (memoised: a hit resolves nothing)."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return getattr(match.func, "reader_page_policy", None)


def _page_key(request: HttpRequest, policy: ReaderPagePolicy) -> str:
    query = "&".join(
        f"{name}={value}" for name in policy.query_params for value in request.GET.getlist(name)
    )
    # The Host header as sent, not request.get_host(), whose check against ALLOWED_HOSTS costs
    # more than the rest of a hit's key: a page is only ever kept for a request that passed that
    # check (on its way to the view), so an unknown host finds nothing here.
    host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    identity = f"{request.scheme}://{host}{request.path}?{query}"
    return PAGE_KEY_PREFIX + hashlib.md5(identity.encode(), usedforsecurity=False).hexdigest()


def _is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether ``response`` may be kept and given to every anonymous reader."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(directive in cache_control for directive in _UNCACHEABLE_DIRECTIVES):
        return False
    # A nonce is worth something only if every response has its own.
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PageCacheMiddleware:
    """See the module docstring. Listed right after the request log, before everything a
    cached page does not need (the security headers, WhiteNoise, the session, CSRF,
    authentication and message middleware): a hit is answered without them, with the headers
    they gave the page when it was kept."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.personal_cookies = personal_cookie_names()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        policy = self._policy(request)
        if policy is None:
            return self.get_response(request)
        if self.personal_cookies.intersection(request.COOKIES):
            return self._personal(request)

        use_cache = settings.PAGE_CACHE
        key = _page_key(request, policy)
        generation = None
        known_publish_time = None
        if use_cache:
            # With a copy of the page in this process and the generation known (see
            # GenerationWatcher), Redis is not asked at all; with the copy only, it is asked
            # for the (small) generation; otherwise the page comes in the same round trip.
            local = local_copies.get(key)
            generation = generation_watcher.known()
            if local is not None and generation is not None:
                found = {}
            elif local is not None:
                found = {GENERATION_KEY: cache.get(GENERATION_KEY)}
            else:
                found = cache.get_many([GENERATION_KEY, key, NEXT_PUBLISH_KEY])
            if found:
                generation = found.get(GENERATION_KEY)
                if generation is None:
                    generation = _start_generation()
                generation_watcher.confirm(generation)
            entry = local if local is not None and local[0] == generation else found.get(key)
            if entry is None and local is not None:
                entry = cache.get(key)
            if entry is not None:
                hit = self._from_entry(request, entry, generation)
                if hit is not None:
                    if entry is not local:
                        local_copies.set(key, entry, len(entry[3]))
                    return hit
            known_publish_time = found.get(NEXT_PUBLISH_KEY)

        response = self.get_response(request)
        if not _is_shareable(request, response):
            if "Cache-Control" not in response:
                add_never_cache_headers(response)
            return response

        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.SHARED_CACHE_MAX_AGE
        )
        patch_vary_headers(response, ["Cookie"])
        set_response_etag(response)
        rendered_at = None
        if use_cache:
            # The time the kept copy was made: every reader of that copy gets the same one.
            # (Without the cache each request renders anew, and the ETag alone is stable.)
            rendered_at = int(time.time())
            response["Last-Modified"] = http_date(rendered_at)
            if request.method == "GET":
                self._store(key, response, generation, rendered_at, known_publish_time)
            response[STATUS_HEADER] = "miss"
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=rendered_at, response=response
        )

    @staticmethod
    def _policy(request: HttpRequest) -> ReaderPagePolicy | None:
        if request.method not in ("GET", "HEAD"):
            return None
        # request.urlconf, which middleware may set, rather than get_urlconf(): the thread's
        # urlconf is only set further in.
        return _policy_for(
            request.path_info, getattr(request, "urlconf", None) or settings.ROOT_URLCONF
        )

    def _personal(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def _store(
        key: str, response: HttpResponse, generation: int, rendered_at: int, known_publish_time
    ) -> None:
        valid_until = next_publish_time(generation, known=known_publish_time)
        timeout = settings.PAGE_CACHE_SECONDS
        if valid_until is not None:
            timeout = min(timeout, max(1, int(valid_until.timestamp() - rendered_at)))
        entry = (
            generation,
            valid_until.timestamp() if valid_until is not None else None,
            dict(response.headers._store),
            response.content,
            rendered_at,
        )
        cache.set(key, entry, timeout)
        local_copies.set(key, entry, len(entry[3]))

    @staticmethod
    def _from_entry(request: HttpRequest, entry, generation: int) -> HttpResponse | None:
        stored_generation, valid_until, headers, content, rendered_at = entry
        if stored_generation != generation:
            return None
        if valid_until is not None and timezone.now().timestamp() >= valid_until:
            return None
        response = HttpResponse(content)
        # Checked and encoded when the page was kept (see _store): copied as they are rather
        # than checked again one by one, which took longer than the rest of a hit.
        response.headers._store = dict(headers)
        response[STATUS_HEADER] = "hit"
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=rendered_at, response=response
        )


# --- What invalidates -----------------------------------------------------------------------


def _content_saved_or_deleted(sender, **kwargs) -> None:
    invalidate_pages()


def _comment_saved(sender, instance, created: bool, **kwargs) -> None:
    # A new comment waits for a moderator: readers see nothing of it yet. An edited one (in
    # the admin) may have been published or unpublished.
    if not created or instance.status == instance.Status.APPROVED:
        invalidate_pages()


def _comment_deleted(sender, instance, **kwargs) -> None:
    if instance.status == instance.Status.APPROVED:
        invalidate_pages()


def _cache_settings_changed(setting: str, **kwargs) -> None:
    if setting == "CACHES":
        generation_watcher.reset()
        _NextPublishSeen.value = None


def connect_invalidation() -> None:
    """Called once, from HnpConfig.ready(). Moderation by bulk action changes comments with
    ``update()``, which sends no signal: comments.services calls ``invalidate_pages()``."""
    from django.db.models.signals import post_delete, post_save

    from articles.models import Article, Category
    from comments.models import Comment

    for model in (Article, Category):
        post_save.connect(
            _content_saved_or_deleted, sender=model, dispatch_uid=f"pagecache-{model.__name__}-save"
        )
        post_delete.connect(
            _content_saved_or_deleted,
            sender=model,
            dispatch_uid=f"pagecache-{model.__name__}-delete",
        )
    setting_changed.connect(_cache_settings_changed, dispatch_uid="pagecache-settings")
    post_save.connect(_comment_saved, sender=Comment, dispatch_uid="pagecache-comment-save")
    post_delete.connect(_comment_deleted, sender=Comment, dispatch_uid="pagecache-comment-delete")
