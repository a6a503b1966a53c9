"""Author pages (/tac-gia/<slug>/), the linked byline, and correction notes at the end of the
article and in its structured data."""

import datetime as dt
import json
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, Author, Correction
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return Author.objects.create(name="Nguyễn Minh Anh", slug="nguyen-minh-anh")


def json_ld(response) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    return json.loads(found[1])


def test_an_author_page_lists_their_published_articles_newest_first(client, author):
    now = timezone.now()
    older = ArticleFactory(author=author, title="Bài cũ hơn", published_at=now - dt.timedelta(2))
    newer = ArticleFactory(author=author, title="Bài mới hơn", published_at=now - dt.timedelta(1))
    ArticleFactory(author=author, title="Bản nháp", status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(title="Bài của người khác")

    response = client.get(author.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    assert author.get_absolute_url() == "/tac-gia/nguyen-minh-anh/"
    assertContains(response, '<h1 class="page-header__title">Nguyễn Minh Anh</h1>', html=True)
    html = response.text
    assert html.index(newer.title) < html.index(older.title)
    assert "Bản nháp" not in html and "Bài của người khác" not in html


def test_an_author_page_comes_in_numbered_pages(client, author):
    for n in range(25):
        ArticleFactory(author=author, title=f"Bài số {n:02d}")

    second = client.get(author.get_absolute_url(), {"page": 2})

    assert second.status_code == HTTPStatus.OK
    assert second.text.count('class="story__title"') == 5
    assert client.get(author.get_absolute_url(), {"page": 9}).status_code == HTTPStatus.NOT_FOUND


def test_an_unknown_author_is_a_404(client):
    url = reverse("articles:author", kwargs={"slug": "khong-co"})
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_the_byline_links_to_the_authors_page_and_the_structured_data_names_it(client, author):
    article = ArticleFactory(author=author, byline="Nguyễn Minh Anh")
    plain = ArticleFactory(byline="Phóng viên HNP")

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        '<p class="article__byline"><a href="/tac-gia/nguyen-minh-anh/" rel="author">'
        "Nguyễn Minh Anh</a></p>",
        html=True,
    )
    assert json_ld(response)["author"] == [
        {
            "@type": "Person",
            "name": "Nguyễn Minh Anh",
            "url": "http://testserver/tac-gia/nguyen-minh-anh/",
        }
    ]
    assertContains(
        client.get(plain.get_absolute_url()),
        '<p class="article__byline">Phóng viên HNP</p>',
        html=True,
    )


def test_corrections_show_at_the_end_of_the_article_and_in_its_structured_data(client):
    article = ArticleFactory(published_at=timezone.now() - dt.timedelta(days=1))
    at = timezone.now().replace(microsecond=0)
    Correction.objects.create(article=article, text="Số liệu đúng là 1,2 km.", corrected_at=at)

    response = client.get(article.get_absolute_url())

    assertContains(
        response, '<h2 class="corrections__title" id="corrections-title">Đính chính</h2>', html=True
    )
    assertContains(response, "Số liệu đúng là 1,2 km.")
    html = response.text
    assert html.index('class="article__byline"') < html.index('class="corrections"')
    data = json_ld(response)
    assert data["correction"][0]["text"] == "Số liệu đúng là 1,2 km."
    assert data["dateModified"] == data["correction"][0]["datePublished"]


def test_an_article_without_corrections_has_none(client):
    response = client.get(ArticleFactory().get_absolute_url())

    assertNotContains(response, "corrections__title")
    assert "correction" not in json_ld(response)


def test_a_correction_added_later_shows_on_the_next_request(client):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"

    Correction.objects.create(article=article, text="Tên phường đúng là Yên Hòa.")

    assertContains(client.get(article.get_absolute_url()), "Tên phường đúng là Yên Hòa.")


def test_renaming_an_author_shows_on_the_next_request(client, author):
    ArticleFactory(author=author)
    client.get(author.get_absolute_url())

    author.name = "Nguyễn Thị Minh Anh"
    author.save()

    assertContains(client.get(author.get_absolute_url()), "Nguyễn Thị Minh Anh")
