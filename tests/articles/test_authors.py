"""Authors: the bylines become author pages' owners (data migration), an author's published
articles come from one queryset, and bylines are written family name first."""

import importlib

import pytest
from django.apps import apps as django_apps

from articles.models import Article, Author
from articles.paging import ArticleList, ArticlePaginator
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("articles.migrations.0008_authors_and_newsroom_roles")


def test_existing_bylines_become_authors_linked_to_their_articles():
    first = ArticleFactory(byline="Nguyễn Thu Hà")
    second = ArticleFactory(byline="Nguyễn Thu Hà")
    other = ArticleFactory(byline="Đỗ Đức Trí")
    Article.objects.update(author=None)

    migration.authors_from_bylines(django_apps, None)

    authors = {author.name: author for author in Author.objects.all()}
    assert set(authors) == {"Nguyễn Thu Hà", "Đỗ Đức Trí"}
    assert authors["Đỗ Đức Trí"].slug == "do-duc-tri"
    assert set(Article.objects.filter(author=authors["Nguyễn Thu Hà"])) == {first, second}
    other.refresh_from_db()
    assert other.author == authors["Đỗ Đức Trí"]


def test_author_slugs_stay_unique():
    Author.objects.create(name="Lê Văn An")

    assert Author.objects.create(name="Lê Văn An").slug == "le-van-an-2"


def test_an_authors_published_articles():
    author = Author.objects.create(name="Trần Minh Anh")
    mine = ArticleFactory(author=author)
    ArticleFactory(author=author, status=Article.Status.DRAFT, published_at=None)
    ArticleFactory()

    articles = ArticleList.by_author(author)
    assert articles.count() == 1
    assert [a.slug for a in ArticlePaginator(articles, 20, count=1).page(1)] == [mine.slug]


def test_the_author_page_address(settings):
    """The reader side serves it under the name "articles:author" at /tac-gia/<slug>/."""
    settings.ROOT_URLCONF = "tests.articles.author_urls"
    author = Author.objects.create(name="Vũ Đức Trí")

    assert author.get_absolute_url() == "/tac-gia/vu-duc-tri/"
