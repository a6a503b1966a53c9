"""bench/build_data.py: the benchmark's data set, here at a tiny size (COPY on PostgreSQL,
bulk_create on SQLite)."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from articles.models import Article, Category
from articles.sanitizer import sanitize_html
from articles.text import vietnamese_slugify
from bench.build_data import build_data_set
from comments.models import Comment, content_fingerprint
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLES, COMMENTS = 120, 1500


@pytest.fixture
def bench_data():
    build_data_set(articles=ARTICLES, comments=COMMENTS)


def test_it_builds_the_asked_numbers_over_twenty_categories_and_ten_years(bench_data):
    span = Article.objects.aggregate(first=Min("published_at"), last=Max("published_at"))

    assert Category.objects.count() == 20
    assert Article.objects.count() == ARTICLES
    assert Comment.objects.count() == COMMENTS
    assert span["last"] - span["first"] > dt.timedelta(days=365 * 9)
    assert Article.objects.published().count() >= ARTICLES * 0.95


def test_most_comments_are_approved_some_wait_and_one_article_has_500_or_more(bench_data):
    by_status = dict(
        Comment.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    busiest = (
        Article.objects.annotate(n=Count("comments", filter=Q(comments__status="approved")))
        .order_by("-n")
        .first()
    )

    assert by_status[Comment.Status.APPROVED] > COMMENTS * 0.8
    assert by_status[Comment.Status.PENDING] > 0
    assert busiest.n >= 500
    assert busiest.is_visible_to_readers


def test_comments_come_after_their_article_and_only_on_published_ones(bench_data):
    comments = Comment.objects.select_related("article")

    assert all(c.article.is_visible_to_readers for c in comments)
    assert all(c.article.published_at < c.created_at <= timezone.now() for c in comments)


def test_it_fills_the_columns_save_would_fill_as_save_would(bench_data):
    """bulk inserts skip save(): the command must derive the same values itself."""
    for article in Article.objects.all():
        assert article.body == sanitize_html(article.body)
        assert article.slug.startswith(vietnamese_slugify(article.title)[:40])
        assert article.search_text == article.build_search_text()
    for comment in Comment.objects.all()[:200]:
        assert comment.content_hash == content_fingerprint(comment.content)
    assert Comment.objects.values("status_token").distinct().count() == COMMENTS
    assert Article.objects.values("slug").distinct().count() == ARTICLES


def test_the_site_works_on_the_data_and_new_rows_get_new_ids(client, bench_data):
    busiest = (
        Article.objects.annotate(n=Count("comments", filter=Q(comments__status="approved")))
        .order_by("-n")
        .first()
    )
    article = ArticleFactory()
    comment = CommentFactory(article=article)

    page = client.get(busiest.get_absolute_url())

    assert page.status_code == HTTPStatus.OK
    assert f"({busiest.n})" in page.content.decode()
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK
    assert article.pk > ARTICLES
    assert comment.pk > COMMENTS


def test_it_refuses_a_database_with_articles_unless_asked_to_replace_them():
    ArticleFactory(title="Bài thật của toà soạn")

    with pytest.raises(ValueError, match="already has articles"):
        build_data_set(articles=10, comments=10)
    build_data_set(articles=10, comments=10, replace=True)

    assert not Article.objects.filter(title="Bài thật của toà soạn").exists()
    assert Article.objects.count() == 10
