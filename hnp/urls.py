"""Addresses for the reader pages, where ``reverse()`` runs dozens of times a page.

``slug_url(name, slug)`` is ``reverse(name, kwargs={"slug": slug})`` at a tenth of the cost:
the named URL is reversed once per URLconf and script prefix with a placeholder, and each call
puts the slug in. A slug is letters, digits, "-" and "_" only, so it needs no quoting.
``reversed_url(name, *args, **kwargs)`` is ``reverse()`` worked out once per arguments, URLconf
and script prefix: the templates' ``url()``, a dozen of the same addresses on every page.
"""

from collections.abc import Callable
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

_PLACEHOLDER = "0slug0placeholder0"


@lru_cache(maxsize=64)
def _address_around_slug(name: str, urlconf: str | None, prefix: str) -> tuple[str, str]:
    before, found, after = reverse(name, kwargs={"slug": _PLACEHOLDER}).partition(_PLACEHOLDER)
    assert found, f"{name} has no slug in its address"
    return before, after


def slug_url(name: str, slug: str) -> str:
    before, after = _address_around_slug(name, get_urlconf(), get_script_prefix())
    return f"{before}{slug}{after}"


def slug_urls(name: str) -> Callable[[str], str]:
    """``slug_url`` for a whole list: the URLconf and prefix are looked up once."""
    before, after = _address_around_slug(name, get_urlconf(), get_script_prefix())
    return lambda slug: f"{before}{slug}{after}"


def reversed_url(name: str, *args, **kwargs) -> str:
    try:
        return _reversed(name, args, tuple(kwargs.items()), get_urlconf(), get_script_prefix())
    except TypeError:  # an argument that cannot be a key (a list…): reversed every time
        return reverse(name, args=args or None, kwargs=kwargs or None)


@lru_cache(maxsize=2048)
def _reversed(name: str, args: tuple, kwargs: tuple, urlconf: str | None, prefix: str) -> str:
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None, urlconf=urlconf)
