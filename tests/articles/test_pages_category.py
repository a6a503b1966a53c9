import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def category_url(slug: str) -> str:
    return reverse("articles:category", kwargs={"slug": slug})


def listed_titles(html: str) -> list[str]:
    return re.findall(r'class="story__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def sport():
    """Forty-five published sport articles an hour apart: "Thể thao 00" is the newest."""
    category = CategoryFactory(name="Thể thao", slug="the-thao")
    now = timezone.now()
    for n in range(45):
        ArticleFactory(
            title=f"Thể thao {n:02d}",
            category=category,
            published_at=now - dt.timedelta(hours=n + 1),
        )
    return category


def test_category_lists_its_published_articles_newest_first(client):
    category = CategoryFactory(name="Giáo dục", slug="giao-duc")
    ArticleFactory(
        title="Tuyển sinh lớp 10",
        category=category,
        published_at=timezone.now() - dt.timedelta(days=2),
    )
    ArticleFactory(title="Khai giảng năm học mới", category=category)
    ArticleFactory(title="Bản nháp giáo dục", category=category, status=Article.Status.DRAFT)
    ArticleFactory(
        title="Bài hẹn giờ", category=category, published_at=timezone.now() + dt.timedelta(hours=1)
    )
    ArticleFactory(title="Tin chuyên mục khác")

    response = client.get(category_url("giao-duc"))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, '<h1 class="page-header__title">Giáo dục</h1>', html=True)
    assert listed_titles(response.content.decode()) == [
        "Khai giảng năm học mới",
        "Tuyển sinh lớp 10",
    ]
    assertContains(
        response,
        '<a href="/chuyen-muc/giao-duc/" class="is-current" aria-current="page">Giáo dục</a>',
        html=True,
    )
    assertNotContains(response, 'class="pagination"')


def test_first_page_shows_twenty_with_numbered_page_links(client, sport):
    response = client.get(category_url("the-thao"))

    assert listed_titles(response.content.decode()) == [f"Thể thao {n:02d}" for n in range(20)]
    assertContains(
        response,
        '<a href="/chuyen-muc/the-thao/" aria-current="page">'
        '<span class="visually-hidden">Trang </span>1</a>',
        html=True,
    )
    assertContains(
        response, '<a href="?page=2"><span class="visually-hidden">Trang </span>2</a>', html=True
    )
    assertContains(
        response, '<a href="?page=3"><span class="visually-hidden">Trang </span>3</a>', html=True
    )
    assertContains(response, 'rel="next"')
    assertNotContains(response, 'rel="prev"')


def test_later_pages_continue_the_list(client, sport):
    second = client.get(category_url("the-thao"), {"page": 2})
    last = client.get(category_url("the-thao"), {"page": 3})

    assert listed_titles(second.content.decode()) == [f"Thể thao {n:02d}" for n in range(20, 40)]
    assertContains(
        second,
        '<a href="?page=2" aria-current="page"><span class="visually-hidden">Trang </span>2</a>',
        html=True,
    )
    assertContains(second, "<title>Thể thao · Trang 2 · HNP</title>", html=True)
    assert listed_titles(last.content.decode()) == [f"Thể thao {n:02d}" for n in range(40, 45)]
    assertNotContains(last, 'rel="next"')


def test_scheduled_articles_count_towards_no_page(client, sport):
    """Forty published and five scheduled: two pages, the second one full, and no third."""
    Article.objects.filter(title__in=[f"Thể thao {n:02d}" for n in range(5)]).update(
        published_at=timezone.now() + dt.timedelta(days=1)
    )

    second = client.get(category_url("the-thao"), {"page": 2})
    third = client.get(category_url("the-thao"), {"page": 3})

    assert listed_titles(second.content.decode()) == [f"Thể thao {n:02d}" for n in range(25, 45)]
    assertNotContains(second, 'rel="next"')
    assert third.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("page", ["4", "0", "khong-phai-so"])
def test_pages_that_do_not_exist_are_404(client, sport, page):
    response = client.get(category_url("the-thao"), {"page": page})

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_unknown_category_is_404(client):
    response = client.get(category_url("khong-co"))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_empty_category_says_so(client):
    CategoryFactory(name="Môi trường", slug="moi-truong")

    response = client.get(category_url("moi-truong"))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, "Chuyên mục này chưa có bài viết.")


@pytest.mark.parametrize("published_count", [3, 30])
def test_category_query_count_does_not_grow_with_articles(
    client, django_assert_num_queries, published_count
):
    """Guards against a query per listed article (a column for_listing() defers, or a related
    row, read by the list template): the content version (the page cache's miss), category
    with its scheduled articles (the pager's count), the page's articles, navigation, and the
    site settings of the masthead and footer (read once, then cached: portal/identity.py)."""
    category = CategoryFactory(slug="kinh-te")
    CategoryFactory.create_batch(3)
    ArticleFactory.create_batch(published_count, category=category)

    with django_assert_num_queries(5):
        response = client.get(category_url("kinh-te"))

    assert response.status_code == HTTPStatus.OK
