"""Issue 18: a flood of searches can neither fill the page cache nor go on without end."""

from http import HTTPStatus
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db


def search_url(query: str) -> str:
    return f"{reverse('articles:search')}?{urlencode({'q': query})}"


def test_searches_are_never_stored_in_the_page_cache(settings, client, monkeypatch):
    settings.SEARCH_RATE_LIMIT = "0"
    stored = []
    original = cache.set

    def recording_set(key, *args, **kwargs):
        stored.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)

    for number in range(30):
        assert client.get(search_url(f"tu khoa {number}")).status_code == HTTPStatus.OK

    assert not [key for key in stored if key.startswith("page:")]


def test_searches_are_limited_per_client_address(settings, client):
    settings.SEARCH_RATE_LIMIT = "3/1m"
    for number in range(3):
        assert client.get(search_url(f"cầu {number}")).status_code == HTTPStatus.OK

    refused = client.get(search_url("cầu 4"))
    other_reader = client.get(search_url("cầu 4"), REMOTE_ADDR="198.51.100.20")

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assertContains(refused, "Bạn đã tìm kiếm nhiều lần", status_code=HTTPStatus.TOO_MANY_REQUESTS)
    assert "no-cache" in refused["Cache-Control"]
    assert other_reader.status_code == HTTPStatus.OK


def test_the_empty_search_page_is_not_counted(settings, client):
    settings.SEARCH_RATE_LIMIT = "1/1m"
    for _ in range(3):
        assert client.get(reverse("articles:search")).status_code == HTTPStatus.OK

    assert client.get(search_url("hồ gươm")).status_code == HTTPStatus.OK
