"""The whole-page cache: anonymous readers get cached pages, and every change readers should
see shows on the next request, in every process (hnp/pagecache.py)."""

import datetime as dt
from http import HTTPStatus

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.conf import settings as django_settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from comments.moderation import approve_comments, reject_comments
from hnp.cache import ResilientRedisCache
from hnp.pagecache import STATUS_HEADER, LocalCopies, invalidate_pages
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

HOME = reverse("articles:home")


def text(response) -> str:
    return response.content.decode()


def cached_text(client, url: str) -> str:
    """The page at ``url``, after making sure the cache holds it (the second GET is a hit)."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response[STATUS_HEADER] == "hit"
    return text(response)


def test_a_reader_page_comes_from_the_cache_without_touching_the_database(
    client, django_assert_num_queries
):
    """Guards against the cache being skipped: the second reader costs no query at all."""
    article = ArticleFactory()
    CommentFactory.create_batch(3, article=article)

    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())

    assert first[STATUS_HEADER] == "miss"
    assert second[STATUS_HEADER] == "hit"
    assert second.content == first.content


def test_publishing_an_article_shows_on_the_next_request(client):
    category = CategoryFactory()
    draft = ArticleFactory(
        category=category, status=Article.Status.DRAFT, published_at=None, title="Cầu mới mở"
    )
    for url in (HOME, category.get_absolute_url()):
        assert "Cầu mới mở" not in cached_text(client, url)

    draft.status = Article.Status.PUBLISHED
    draft.save()

    for url in (HOME, category.get_absolute_url()):
        assert "Cầu mới mở" in text(client.get(url))
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.OK


def test_editing_an_article_shows_on_the_next_request(client):
    article = ArticleFactory(title="Giá xăng giảm")
    pages = (HOME, article.category.get_absolute_url(), article.get_absolute_url())
    for url in pages:
        assert "Giá xăng giảm" in cached_text(client, url)

    article.title = "Giá xăng tăng trở lại"
    article.save()

    for url in pages:
        html = text(client.get(url))
        assert "Giá xăng tăng trở lại" in html
        assert "Giá xăng giảm" not in html


def test_unpublishing_an_article_shows_on_the_next_request(client):
    article = ArticleFactory(title="Tin sẽ bị gỡ")
    assert "Tin sẽ bị gỡ" in cached_text(client, HOME)
    cached_text(client, article.get_absolute_url())

    article.status = Article.Status.DRAFT
    article.save()

    assert "Tin sẽ bị gỡ" not in text(client.get(HOME))
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_deleting_an_article_shows_on_the_next_request(client):
    article = ArticleFactory(title="Tin sẽ bị xoá")
    url = article.get_absolute_url()
    assert "Tin sẽ bị xoá" in cached_text(client, HOME)
    cached_text(client, url)

    article.delete()

    assert "Tin sẽ bị xoá" not in text(client.get(HOME))
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_renaming_a_category_shows_in_the_navigation_of_every_page(client):
    article = ArticleFactory(category=CategoryFactory(name="Giao thông"))
    for url in (HOME, article.get_absolute_url()):
        assert "Giao thông" in cached_text(client, url)

    article.category.name = "Giao thông đô thị"
    article.category.save()

    for url in (HOME, article.get_absolute_url()):
        assert "Giao thông đô thị" in text(client.get(url))


def test_approving_and_rejecting_a_comment_shows_on_the_next_request(client, staff_user):
    article = ArticleFactory()
    comment = CommentFactory(
        article=article, status=Comment.Status.PENDING, title="Cần thêm đèn đường"
    )
    url = article.get_absolute_url()
    assert "Cần thêm đèn đường" not in cached_text(client, url)

    approve_comments(comments=Comment.objects.filter(pk=comment.pk), moderator=staff_user)
    assert "Cần thêm đèn đường" in cached_text(client, url)

    reject_comments(comments=Comment.objects.filter(pk=comment.pk), moderator=staff_user)
    assert "Cần thêm đèn đường" not in text(client.get(url))


def test_a_comment_edited_or_deleted_in_the_admin_shows_on_the_next_request(client):
    article = ArticleFactory()
    comment = CommentFactory(article=article, title="Ý kiến ban đầu")
    url = article.get_absolute_url()
    assert "Ý kiến ban đầu" in cached_text(client, url)

    comment.title = "Ý kiến đã sửa"
    comment.save()
    assert "Ý kiến đã sửa" in cached_text(client, url)

    comment.delete()
    assert "Ý kiến đã sửa" not in text(client.get(url))


def test_a_new_comment_waiting_for_moderation_leaves_the_cached_pages_alone(client):
    """Readers post all the time during a big story; their pending comments change nothing
    readers see, so they must not throw the cached pages away."""
    article = ArticleFactory()
    cached_text(client, article.get_absolute_url())

    CommentFactory(article=article, status=Comment.Status.PENDING)

    assert client.get(article.get_absolute_url())[STATUS_HEADER] == "hit"


def test_a_scheduled_article_appears_when_its_time_comes(client, monkeypatch):
    start = timezone.now()
    scheduled = ArticleFactory(title="Tin hẹn giờ", published_at=start + dt.timedelta(minutes=30))
    assert "Tin hẹn giờ" not in cached_text(client, HOME)

    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(minutes=29))
    assert client.get(HOME)[STATUS_HEADER] == "hit"

    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(minutes=31))
    assert "Tin hẹn giờ" in text(client.get(HOME))
    assert client.get(scheduled.get_absolute_url()).status_code == HTTPStatus.OK


def test_staff_are_never_served_a_cached_page(client, staff_user):
    ArticleFactory(title="Tin đã đăng")
    reader = Client()
    cached_text(reader, HOME)
    client.force_login(staff_user)

    response = client.get(HOME)

    assert STATUS_HEADER not in response
    assert "private" in response["Cache-Control"]
    assert "Tin đã đăng" in text(response)


def test_what_staff_see_is_never_kept_for_readers(client, staff_user):
    scheduled = ArticleFactory(published_at=timezone.now() + dt.timedelta(hours=2))
    client.force_login(staff_user)
    preview = client.get(scheduled.get_absolute_url())
    client.get(HOME)

    reader = Client()
    assert preview.status_code == HTTPStatus.OK
    assert reader.get(scheduled.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert reader.get(HOME)[STATUS_HEADER] == "miss"


def test_tracking_parameters_share_the_cached_page_and_page_numbers_do_not(client):
    category = CategoryFactory()
    ArticleFactory.create_batch(21, category=category)
    url = category.get_absolute_url()
    cached_text(client, url)

    shared_link = client.get(f"{url}?fbclid=IwAR0abc&utm_source=zalo")
    second_page = client.get(f"{url}?page=2")

    assert shared_link[STATUS_HEADER] == "hit"
    assert second_page[STATUS_HEADER] == "miss"
    assert second_page.content != shared_link.content


def test_a_head_request_is_answered_from_the_cache(client, article):
    client.get(HOME)

    response = client.head(HOME)

    assert response.status_code == HTTPStatus.OK
    assert response[STATUS_HEADER] == "hit"
    assert response.content == b""


def test_the_switch_turns_the_page_cache_off(client, settings, article):
    settings.PAGE_CACHE = False
    responses = [client.get(HOME) for _ in range(2)]

    settings.PAGE_CACHE = True
    assert all(STATUS_HEADER not in response for response in responses)
    assert client.get(HOME)[STATUS_HEADER] == "miss"  # nothing was kept while off


# --- Several processes ----------------------------------------------------------------------


def test_a_change_made_through_one_process_shows_through_another_at_once(shared_cache):
    first, second = Client(), Client()
    article = ArticleFactory(title="Tin lúc đầu")
    for process in (first, second):
        assert "Tin lúc đầu" in cached_text(process, HOME)

    # As if saved in the admin served by the first process.
    article.title = "Tin đã cập nhật"
    article.save()

    for process in (second, first):
        assert "Tin đã cập nhật" in text(process.get(HOME))


def test_pages_are_served_while_the_cache_is_down(client, article):
    down = {
        "default": {
            "BACKEND": "hnp.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=down):
        responses = [client.get(article.get_absolute_url()) for _ in range(2)]

    assert [response.status_code for response in responses] == [HTTPStatus.OK] * 2


# --- Nothing personal in a cached page ------------------------------------------------------


@pytest.fixture
def comment_data():
    return {
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "title": "Cần thêm chỗ gửi xe",
        "content": "Khu vực này buổi sáng rất đông.",
        "website": "",
    }


def test_the_cached_article_page_carries_no_csrf_token_and_its_form_still_posts(
    settings, article, comment_data
):
    """The form gets its CSRF token with its captcha, from the request comments.js makes
    when the reader starts writing; the real captcha is answered, as a reader would."""
    settings.COMMENT_RATE_LIMIT = "0"
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(article.get_absolute_url())
    assert Client().get(article.get_absolute_url()).content == page.content
    assert "csrfmiddlewaretoken" not in text(page)
    assert not page.cookies

    keys = reader.get(reverse("captcha-refresh"), headers={"X-Requested-With": "XMLHttpRequest"})
    form = keys.json()
    answer = CaptchaStore.objects.get(hashkey=form["key"]).response
    posted = reader.post(
        reverse("comments:post", args=[article.pk]),
        {
            **comment_data,
            "csrfmiddlewaretoken": form["csrf_token"],
            "captcha_0": form["key"],
            "captcha_1": answer,
        },
    )

    assert "no-cache" in keys["Cache-Control"]
    assert django_settings.CSRF_COOKIE_NAME in keys.cookies
    assert posted.status_code == HTTPStatus.FOUND
    assert Comment.objects.get().title == "Cần thêm chỗ gửi xe"


def test_a_readers_own_comment_notice_is_never_cached_for_others(
    settings, client, article, comment_data, monkeypatch
):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)
    settings.COMMENT_RATE_LIMIT = "0"
    other_reader = Client()
    cached_text(other_reader, article.get_absolute_url())

    client.post(
        reverse("comments:post", args=[article.pk]),
        {**comment_data, "captcha_0": "test", "captcha_1": "PASSED"},
    )
    own = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url())
    token = Comment.objects.get().status_token
    others = other_reader.get(article.get_absolute_url())

    assert token in text(own)
    assert "private" in own["Cache-Control"]
    assert STATUS_HEADER not in own
    assert token in text(again)
    assert token not in text(others)
    assert others[STATUS_HEADER] == "hit"


def test_the_redis_cache_keeps_one_client_per_connection_pool():
    """Django's Redis backend builds a client (and its 170 response callbacks) on every call,
    which cost more than the round trip to Redis on every page: hnp.cache keeps one."""
    backend = ResilientRedisCache("redis://127.0.0.1:6379/13", {})

    assert backend._cache.get_client() is backend._cache.get_client(write=True)


def test_a_process_keeps_its_own_copies_within_a_size_bound():
    copies = LocalCopies(max_bytes=100)
    copies.set("a", "page a", 40)
    copies.set("b", "page b", 40)
    copies.get("a")  # a is used again: b is now the oldest
    copies.set("c", "page c", 40)
    copies.set("huge", "too big to keep", 101)

    assert [copies.get(key) for key in ("a", "b", "c", "huge")] == ["page a", None, "page c", None]


def test_a_copy_kept_in_this_process_is_not_served_after_a_change(client):
    """The copy in the worker's memory is checked against the shared generation first."""
    article = ArticleFactory(title="Bản cũ")
    cached_text(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(title="Bản mới")  # no signal: nothing bumped

    invalidate_pages()  # what another process does after its change

    assert "Bản mới" in text(client.get(article.get_absolute_url()))


def test_a_page_kept_for_https_is_not_served_over_plain_http(client, settings, article):
    """The page cache answers before the security middleware: plain HTTP must still be sent
    to HTTPS, and a kept page must keep its security headers."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    url = article.get_absolute_url()
    client.get(url, secure=True)
    kept = client.get(url, secure=True)

    plain = client.get(url)

    assert kept[STATUS_HEADER] == "hit"
    assert kept["Strict-Transport-Security"].startswith("max-age=3600")
    assert kept["X-Content-Type-Options"] == "nosniff"
    assert plain.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert plain["Location"] == f"https://testserver{url}"
