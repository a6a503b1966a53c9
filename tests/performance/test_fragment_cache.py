"""Fragment caching ({% cachedfragment %}) and the cached counts behind reader pages: what a
page rendered without the page cache reuses, and that every change still shows at once."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.paging import ArticlePaginator
from comments.models import Comment
from comments.moderation import approve_comments, reject_comments
from hnp.templatetags import fragments
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

HOME = reverse("articles:home")


@pytest.fixture(autouse=True)
def _fragments_only(settings):
    settings.PAGE_CACHE = False


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(queries)


def text(client, url: str) -> str:
    return client.get(url).content.decode()


def test_a_second_reader_of_an_article_does_not_read_its_comments_again(client):
    """Guards against the comment thread (its count and page) being read on every request."""
    article = ArticleFactory()
    CommentFactory.create_batch(60, article=article)

    first = query_count(client, article.get_absolute_url())
    second = query_count(client, article.get_absolute_url())

    assert second <= first - 2


def test_the_comment_thread_follows_moderation_at_once(client, staff_user):
    article = ArticleFactory()
    CommentFactory(article=article, title="Ý kiến đầu tiên")
    waiting = CommentFactory(article=article, status=Comment.Status.PENDING, title="Ý kiến sau")
    url = article.get_absolute_url()
    assert "(1)" in text(client, url)

    approve_comments(comments=Comment.objects.filter(pk=waiting.pk), moderator=staff_user)
    html = text(client, url)
    assert "Ý kiến sau" in html
    assert "(2)" in html

    reject_comments(comments=Comment.objects.filter(pk=waiting.pk), moderator=staff_user)
    html = text(client, url)
    assert "Ý kiến sau" not in html
    assert "(1)" in html


def test_each_page_of_comments_is_its_own_fragment(client, settings):
    settings.COMMENTS_PER_PAGE = 2
    article = ArticleFactory()
    for n in range(3):
        CommentFactory(article=article, title=f"Góp ý {n}")
    url = article.get_absolute_url()
    text(client, url)

    second_page = text(client, f"{url}?binh-luan=2")

    assert "Góp ý 2" in second_page
    assert "Góp ý 0" not in second_page


def test_category_page_counts_follow_publishing(client):
    category = CategoryFactory()
    ArticleFactory.create_batch(21, category=category)
    page_2 = f"{category.get_absolute_url()}?page=2"
    assert "Trang 2/2" in text(client, page_2)

    ArticleFactory.create_batch(20, category=category)

    assert "Trang 2/3" in text(client, page_2)


def test_a_scheduled_article_reaches_the_lists_when_its_time_comes(client, monkeypatch):
    start = timezone.now()
    category = CategoryFactory()
    ArticleFactory(category=category)
    ArticleFactory(
        category=category, title="Tin đúng giờ", published_at=start + dt.timedelta(minutes=10)
    )
    for url in (HOME, category.get_absolute_url()):
        assert "Tin đúng giờ" not in text(client, url)

    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(minutes=11))

    for url in (HOME, category.get_absolute_url()):
        assert "Tin đúng giờ" in text(client, url)


def test_fragments_are_rendered_every_time_when_switched_off(client, settings):
    settings.FRAGMENT_CACHE = False
    article = ArticleFactory()
    CommentFactory.create_batch(3, article=article)

    first = query_count(client, article.get_absolute_url())
    second = query_count(client, article.get_absolute_url())

    assert second == first


@pytest.mark.parametrize("number", [1, 2, 5])
def test_a_page_read_by_ids_first_holds_what_a_plain_slice_holds(number):
    category = CategoryFactory()
    ArticleFactory.create_batch(45, category=category)
    articles = Article.objects.published().for_listing().filter(category=category)
    paginator = ArticlePaginator(articles, 10, count_key="test-count", timeout=60)

    page = paginator.page(number)

    start = (number - 1) * 10
    assert list(page.object_list) == list(articles[start : start + 10])
    assert paginator.num_pages == 5


def test_the_navigation_is_read_once_and_follows_a_renamed_category(client):
    """Guards against the navigation's categories being read on every page."""
    category = CategoryFactory(name="Giao thông")
    ArticleFactory(category=category)
    status_page = CommentFactory(article=ArticleFactory()).get_absolute_url()

    query_count(client, status_page)
    second = query_count(client, status_page)
    category.name = "Giao thông đô thị"
    category.save()

    assert second == 1  # the comment the page is about; the navigation came from the cache
    assert "Giao thông đô thị" in text(client, status_page)


def test_a_fragment_with_a_period_is_made_again_when_the_period_turns(monkeypatch, rf):
    template = Template(
        '{% load fragments %}{% cachedfragment "clock" every=300 %}{{ value }}'
        "{% endcachedfragment %}"
    )
    request = rf.get("/")

    monkeypatch.setattr(fragments.time, "time", lambda: 1_000_000 * 300 + 10)
    first = template.render(Context({"value": "before", "request": request}))
    same_period = template.render(Context({"value": "after", "request": request}))
    monkeypatch.setattr(fragments.time, "time", lambda: 1_000_001 * 300 + 10)
    next_period = template.render(Context({"value": "after", "request": request}))

    assert (first, same_period, next_period) == ("before", "before", "after")


def test_the_comment_form_fragment_carries_nothing_of_a_reader(client, settings):
    settings.COMMENT_RATE_LIMIT = "0"
    article = ArticleFactory()
    first = text(client, article.get_absolute_url())

    other = Client().get(article.get_absolute_url()).content.decode()

    assert 'name="captcha_0" id="id_captcha_0" value=""' in other
    assert "csrfmiddlewaretoken" not in first + other


def test_reader_pages_built_from_warm_fragments_ask_the_database_nothing(client):
    """What a page cache miss costs once its fragments are made: no SQL at all."""
    category = CategoryFactory(name="Giao thông")
    article = ArticleFactory(category=category, title="Phân luồng giao thông cầu Thăng Long")
    ArticleFactory.create_batch(25, category=category)
    CommentFactory.create_batch(3, article=article)
    search = f"{reverse('articles:search')}?q=giao+thong"
    pages = [
        HOME,
        category.get_absolute_url(),
        f"{category.get_absolute_url()}?page=2",
        article.get_absolute_url(),
        search,
    ]
    for url in pages:
        query_count(client, url)

    assert {url: query_count(client, url) for url in pages} == dict.fromkeys(pages, 0)


def test_the_kept_article_follows_an_edit_and_an_unpublishing_at_once(client):
    article = ArticleFactory(title="Tiêu đề cũ")
    assert "Tiêu đề cũ" in text(client, article.get_absolute_url())

    article.title = "Tiêu đề mới"
    article.save()
    assert "Tiêu đề mới" in text(client, article.get_absolute_url())

    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_search_follows_a_newly_published_article_at_once(client):
    search = f"{reverse('articles:search')}?q=cau+vuot"
    assert "Khánh thành cầu vượt" not in text(client, search)

    ArticleFactory(title="Khánh thành cầu vượt Mai Dịch")

    assert "Khánh thành cầu vượt" in text(client, search)
