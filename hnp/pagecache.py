"""The reader pages' one cache inside Django: whole pages for anonymous readers, in Django's
cache (Redis in production), filed under the content version they were made from.
docs/performance.md describes the page path: what is cached where, for how long, and how it
is invalidated.

- ``reader_page`` marks a view (in the URLconf). For a GET or HEAD by a reader who carries
  no cookie but the CSRF token, the page comes from the cache when one was made from the
  current content version, else the view renders it and it is kept; either way it is marked
  ``Cache-Control: public, max-age=0, s-maxage=SHARED_CACHE_MAX_AGE``, for the proxy's
  micro-cache. Anyone else (staff, a reader with a flash message or the status link of their
  own comment) gets the page rendered for them, marked private.
- ``bump`` is called in the transaction of every change readers see (the apps connect it to
  their models' signals and call it after bulk updates). Versions live in the database
  (``ContentVersion``), so a page is never older than the database's last change, whatever
  happened to Redis meanwhile.
- A page's scopes name the parts it shows: ``SITE`` for everything published, plus, for an
  article page, the article's own (its comments). A scope's scheduled changes (an article's
  publish time arriving) change its version when their time comes, without any event; so
  does midnight, for every page (the masthead's date line).

``HNP_CACHE=off`` (settings.PAGE_CACHE) turns the cache off: every page is rendered.
"""

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

from .models import ContentVersion

SITE = "site"
STATUS_HEADER = "X-Page-Cache"
# Parameters that links shared on social networks and newsletters carry: they change nothing
# on the page, so such a link gets the same copy as the plain address.
_TRACKING_PARAM = re.compile(r"utm_\w+|fbclid|gclid|zarsrc|zalo_\w+|_hsenc|_hsmi|mc_\w+")
_UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


def bump(scope: str, *, upcoming: Iterable[float] | None = None) -> None:
    """Everything cached under ``scope`` is out of date from now on. Call it inside the
    transaction of the change, so that both commit together. ``upcoming``, when given,
    replaces the scope's scheduled changes (Unix times)."""
    changes = {"counter": F("counter") + 1}
    if upcoming is not None:
        changes["upcoming"] = sorted(upcoming)
    if ContentVersion.objects.filter(scope=scope).update(**changes):
        return
    try:
        with transaction.atomic():
            ContentVersion.objects.create(
                scope=scope, counter=1, upcoming=changes.get("upcoming", [])
            )
    except IntegrityError:  # created meanwhile by another transaction
        ContentVersion.objects.filter(scope=scope).update(**changes)


def content_version(scopes: Iterable[str], *, now: float | None = None) -> tuple[str, dict]:
    """The version of what ``scopes`` show now, and each scope's state (its counter and how
    many of its scheduled changes have come; ``0.0`` for a scope never bumped): one indexed
    query. Every page shows today's date (the masthead's date line), so the day, in the
    city, is part of the version."""
    now = timezone.now().timestamp() if now is None else now
    rows = ContentVersion.objects.filter(scope__in=list(scopes)).values_list(
        "scope", "counter", "upcoming"
    )
    states = dict.fromkeys(scopes, "0.0")
    for scope, counter, upcoming in rows:
        states[scope] = f"{counter}.{bisect.bisect_right(upcoming, now)}"
    today = dt.datetime.fromtimestamp(now, tz=timezone.get_default_timezone()).date()
    state = f"{today}|" + "|".join(f"{scope}={states[scope]}" for scope in sorted(states))
    return hashlib.md5(state.encode(), usedforsecurity=False).hexdigest()[:16], states


def _is_personal(request: HttpRequest) -> bool:
    """Whether the request carries a cookie that may make the page its own: anything but the
    CSRF token (and the cookies settings.PAGE_CACHE_IGNORED_COOKIES lists as harmless)."""
    harmless = {settings.CSRF_COOKIE_NAME, *settings.PAGE_CACHE_IGNORED_COOKIES}
    return any(name not in harmless for name in request.COOKIES)


def _page_key(request: HttpRequest, query_params: tuple[str, ...]) -> str | None:
    """The page's key, or None when the address carries a parameter the page does not
    declare (such pages are rendered every time, so that no address can fill the cache)."""
    for name in request.GET:
        if name not in query_params and not _TRACKING_PARAM.fullmatch(name):
            return None
    query = "&".join(
        f"{name}={value}" for name in query_params for value in request.GET.getlist(name)
    )
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def _is_shareable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(directive in cache_control for directive in _UNCACHEABLE_DIRECTIVES)


def _kept(response: HttpResponse) -> tuple[int, dict[str, str], bytes]:
    return response.status_code, dict(response.items()), response.content


def _restored(kept: tuple[int, dict[str, str], bytes]) -> HttpResponse:
    status, headers, content = kept
    return HttpResponse(content, status=status, headers=headers)


def reader_page(
    view: Callable | None = None,
    *,
    query_params: tuple[str, ...] = (),
    scopes: Callable[..., Iterable[str]] | None = None,
):
    """Mark a view as a reader page (see the module docstring); in the URLconf:
    ``reader_page(CategoryView.as_view(), query_params=("page",))``.

    ``query_params`` are the parameters the page's content depends on; ``scopes``, given the
    view's URL arguments, names the scopes the page shows (default: ``SITE``).
    """

    def decorate(view):
        @wraps(view)
        def serve(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            if _is_personal(request):
                response = _rendered(view(request, *args, **kwargs))
                add_never_cache_headers(response)
                patch_vary_headers(response, ["Cookie"])
                return response

            key = _page_key(request, query_params) if settings.PAGE_CACHE else None
            version = None
            if key is not None:
                version, states = content_version(scopes(**kwargs) if scopes else (SITE,))
                # What the page shows of the whole site is in this state: the site's identity
                # (portal/identity.py) is kept under it, so it costs no query of its own.
                request.site_state = states[SITE]
                kept = cache.get(key, version=version)
                if kept is not None:
                    response = _restored(kept)
                    response[STATUS_HEADER] = "hit"
                    return response

            response = _rendered(view(request, *args, **kwargs))
            if not _is_shareable(response):
                if "Cache-Control" not in response:
                    add_never_cache_headers(response)
                return response
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.SHARED_CACHE_MAX_AGE
            )
            patch_vary_headers(response, ["Cookie"])
            if key is not None:
                if request.method == "GET":
                    cache.set(key, _kept(response), settings.PAGE_CACHE_SECONDS, version=version)
                response[STATUS_HEADER] = "miss"
            return response

        return serve

    return decorate(view) if view is not None else decorate


def _rendered(response: HttpResponse) -> HttpResponse:
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response
