"""HTTP caching headers of the reader pages: what browsers and a shared cache in front of the
site (nginx's micro-cache, a CDN) may keep, and conditional GETs answered 304."""

from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from hnp.pagecache import STATUS_HEADER
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOME = reverse("articles:home")


@pytest.fixture
def article():
    article = ArticleFactory(title="Mở rộng đường vành đai")
    CommentFactory(article=article)
    return article


def reader_pages(article) -> list[str]:
    return [HOME, article.category.get_absolute_url(), article.get_absolute_url()]


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("page_cache", [True, False], ids=["cache-on", "cache-off"])
def test_reader_pages_may_be_kept_briefly_by_shared_caches(client, settings, article, page_cache):
    settings.PAGE_CACHE = page_cache
    for url in reader_pages(article):
        response = client.get(url)

        assert cache_control(response) == {"public", "max-age=0", "s-maxage=5"}, url
        assert response["Vary"] == "Cookie"
        assert response["ETag"].startswith('"')


@pytest.mark.parametrize("page_cache", [True, False], ids=["cache-on", "cache-off"])
def test_an_unchanged_page_is_answered_304(client, settings, article, page_cache):
    settings.PAGE_CACHE = page_cache
    for url in reader_pages(article):
        first = client.get(url)
        by_etag = client.get(url, headers={"If-None-Match": first["ETag"]})

        assert by_etag.status_code == HTTPStatus.NOT_MODIFIED, url
        assert by_etag.content == b""
        assert by_etag["ETag"] == first["ETag"]
        assert "s-maxage=5" in by_etag["Cache-Control"]


def test_a_kept_copy_carries_the_same_etag_and_headers(client, article):
    for url in reader_pages(article):
        first = client.get(url)
        second = client.get(url)

        assert (first[STATUS_HEADER], second[STATUS_HEADER]) == ("miss", "hit"), url
        assert second["ETag"] == first["ETag"]
        assert second.content == first.content
        for header in ("Cache-Control", "Vary", "Content-Type", "Content-Security-Policy"):
            assert second[header] == first[header], (url, header)


def test_a_changed_page_is_sent_again_to_a_browser_holding_the_old_one(client, article):
    old = client.get(article.get_absolute_url())
    article.title = "Mở rộng đường vành đai 3"
    article.save()

    response = client.get(article.get_absolute_url(), headers={"If-None-Match": old["ETag"]})

    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] != old["ETag"]
    assert "Mở rộng đường vành đai 3" in response.content.decode()


def test_the_shared_cache_lifetime_is_a_setting(client, settings, article):
    settings.SHARED_CACHE_MAX_AGE = 20

    assert "s-maxage=20" in client.get(HOME)["Cache-Control"]


def test_pages_for_staff_are_private_and_not_kept(client, staff_user, article):
    client.force_login(staff_user)
    for url in reader_pages(article):
        response = client.get(url)

        assert {"private", "no-cache", "no-store"} <= cache_control(response), url
        assert "Cookie" in response["Vary"]
        assert not response.has_header("ETag")


def test_a_comment_form_with_errors_is_never_kept(client, article):
    response = client.post(
        reverse("comments:post", args=[article.pk]), {"name": "", "title": "", "content": ""}
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert {"private", "no-cache", "no-store"} <= cache_control(response)


def test_the_comment_status_page_is_never_kept(client, article):
    comment = CommentFactory(article=article, status=Comment.Status.PENDING)

    response = client.get(comment.get_absolute_url())

    assert {"private", "no-cache", "no-store"} <= cache_control(response)
    assert STATUS_HEADER not in response


def test_a_missing_article_is_not_kept(client):
    response = client.get(reverse("articles:detail", kwargs={"slug": "khong-co"}))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "public" not in response.get("Cache-Control", "")
    assert STATUS_HEADER not in response


# --- No inline script, so no nonce, on the pages that are cached ----------------------------


class _InlineCode(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _value in attrs}
        data_only = ("type", "application/ld+json") in attrs  # structured data, never run
        if tag == "script" and "src" not in names and not data_only:
            self.found.append("<script> without src")
        self.found += [f"{tag} {name}=" for name in names if name.startswith("on")]
        if "style" in names:
            self.found.append(f"{tag} style=")


def test_cached_pages_hold_no_inline_script_and_their_policy_no_nonce(article):
    """A cached page is the same for every reader, so a CSP nonce in it would be the same
    for everyone too; the reader pages need none, since all their code is in files."""
    for url in reader_pages(article):
        response = Client().get(url)
        parser = _InlineCode()
        parser.feed(response.content.decode())

        assert parser.found == [], url
        assert "'nonce-" not in response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
