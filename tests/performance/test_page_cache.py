"""The page cache (hnp/pagecache.py): anonymous readers share kept pages, every change readers
should see shows on the next request, in every process, and nothing a reader did to the address
or their cookies can fill it or leak into it."""

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
from hnp.pagecache import STATUS_HEADER
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


def test_a_kept_page_costs_one_query_the_content_version(client, django_assert_num_queries):
    """Guards against the cache being skipped: the second reader costs one indexed query (the
    version of what the page shows, read from the database so that it survives Redis)."""
    article = ArticleFactory()
    CommentFactory.create_batch(3, article=article)

    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(1):
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


def test_moderating_a_comment_remakes_only_its_articles_page(client, staff_user):
    """Approving a comment changes one article's page: the other pages stay kept."""
    commented, other = ArticleFactory(), ArticleFactory()
    comment = CommentFactory(article=commented, status=Comment.Status.PENDING)
    for url in (HOME, commented.get_absolute_url(), other.get_absolute_url()):
        cached_text(client, url)

    approve_comments(comments=Comment.objects.filter(pk=comment.pk), moderator=staff_user)

    assert client.get(commented.get_absolute_url())[STATUS_HEADER] == "miss"
    assert client.get(HOME)[STATUS_HEADER] == "hit"
    assert client.get(other.get_absolute_url())[STATUS_HEADER] == "hit"


def test_a_new_comment_waiting_for_moderation_leaves_the_cached_pages_alone(client):
    """Readers post all the time during a big story; their pending comments change nothing
    readers see, so they must not throw the cached pages away."""
    article = ArticleFactory()
    cached_text(client, article.get_absolute_url())

    CommentFactory(article=article, status=Comment.Status.PENDING)

    assert client.get(article.get_absolute_url())[STATUS_HEADER] == "hit"


def test_a_scheduled_article_appears_when_its_time_comes(client, monkeypatch):
    # At noon in the city: the day is part of the pages' version (the masthead's date), and
    # half an hour later must not be tomorrow.
    start = timezone.localtime().replace(hour=12, minute=0)
    monkeypatch.setattr(timezone, "now", lambda: start)
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


def test_an_address_with_parameters_the_page_does_not_know_is_never_kept(client, article):
    """A comment page (?binh-luan=2), a search, or junk a bot adds to addresses: rendered
    every time, so that no address can fill the cache or push the kept pages out."""
    urls = [
        f"{article.get_absolute_url()}?binh-luan=2",
        f"{HOME}?x=1",
        f"{HOME}?x=2",
        f"{reverse('articles:search')}?q=ha+noi",
    ]
    for url in urls:
        responses = [client.get(url) for _ in range(2)]
        assert [r.status_code for r in responses] == [HTTPStatus.OK] * 2, url
        assert all(STATUS_HEADER not in r for r in responses), url
        assert "s-maxage=5" in responses[0]["Cache-Control"]  # the proxy may still keep it


def test_a_search_is_rendered_every_time_and_follows_new_articles(client):
    url = f"{reverse('articles:search')}?q=cau+moi"
    assert "Cầu mới thông xe" not in text(client.get(url))

    ArticleFactory(title="Cầu mới thông xe")

    assert "Cầu mới thông xe" in text(client.get(url))


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
    """HNP_CACHE=off (settings.PAGE_CACHE): every page rendered, nothing kept."""
    settings.PAGE_CACHE = False
    responses = [client.get(HOME) for _ in range(2)]

    settings.PAGE_CACHE = True
    assert all(STATUS_HEADER not in response for response in responses)
    assert all("s-maxage=5" in response["Cache-Control"] for response in responses)
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


CACHE_DOWN = {
    "default": {"BACKEND": "hnp.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def test_pages_are_served_while_the_cache_is_down(client, article):
    with override_settings(CACHES=CACHE_DOWN):
        responses = [client.get(article.get_absolute_url()) for _ in range(2)]

    assert [response.status_code for response in responses] == [HTTPStatus.OK] * 2


def test_a_change_made_while_the_cache_was_down_is_not_hidden_when_it_is_back(client, shared_cache):
    """The versions live in the database: the copies kept before the change are never
    matched again, whatever the cache missed meanwhile (tests/faults/ does it with a real
    Redis stopped and restarted)."""
    article = ArticleFactory(title="Trước khi sửa")
    pages = (HOME, article.get_absolute_url())
    for url in pages:
        assert "Trước khi sửa" in cached_text(client, url)

    with override_settings(CACHES=CACHE_DOWN):
        article.title = "Sau khi sửa"
        article.save()

    for url in pages:
        assert "Sau khi sửa" in text(client.get(url)), url


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


def test_a_page_kept_for_https_is_not_served_over_plain_http(client, settings, article):
    """Plain HTTP is sent to HTTPS, and a kept page gets the security headers too."""
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
