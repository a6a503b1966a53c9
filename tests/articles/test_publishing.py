"""What readers may see: published articles whose publish time has come."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article, MostReadEntry
from articles.related import related_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_shows_only_published_articles_whose_time_has_come():
    now = timezone.now()
    live = ArticleFactory(published_at=now - dt.timedelta(minutes=1))
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    ArticleFactory(status=Article.Status.DRAFT, published_at=now - dt.timedelta(days=1))
    ArticleFactory(status=Article.Status.REVIEW, published_at=now - dt.timedelta(days=1))
    ArticleFactory(published_at=now + dt.timedelta(minutes=5))

    assert list(Article.objects.published()) == [live]


def test_every_list_written_as_sql_shows_exactly_what_published_shows():
    """The lists read with written-out SQL (latest, featured, most read, per category, the
    article page's, the related articles, search) keep the one rule of what readers may see."""
    now = timezone.now()
    for status in Article.Status.values:
        for published_at in (None, now - dt.timedelta(days=1), now + dt.timedelta(minutes=5)):
            ArticleFactory(
                title="Phân luồng giao thông",
                status=status,
                published_at=published_at,
                is_featured=True,
            )
    for position, article in enumerate(Article.objects.all(), start=1):
        MostReadEntry.objects.create(position=position, article=article, views=100 - position)
    visible = {article.slug for article in Article.objects.published()}

    other = ArticleFactory(published_at=now - dt.timedelta(days=2))
    visible.add(other.slug)
    for article in Article.objects.all():
        article.tags.add("Chung")
    newer, older, latest, most_read = Article.objects.around(
        other, newer=50, older=50, latest=50, most_read=50
    )
    related = related_articles(other, tag_ids=[tag.pk for tag in other.tags_for_page()])

    newest, featured, front_most_read = Article.objects.front_page(latest=50, most_read=50)
    assert {a.slug for a in newest} == visible
    assert featured.slug == Article.objects.published().filter(is_featured=True).first().slug
    assert {a.slug for a in front_most_read} == visible - {other.slug}
    assert {a.slug for a in Article.objects.newest_per_category(50)} == visible
    assert {h.slug for h in [*newer, *older, *latest]} == visible - {other.slug}
    assert {h.slug for h in most_read} == visible - {other.slug}
    assert {h.slug for h in related} == visible - {other.slug}
    found = Article.objects.listed_in_order(Article.objects.search_ranking("giao thông"))
    assert {a.slug for a in found} == visible - {other.slug}


def test_scheduled_lists_published_articles_waiting_for_their_time():
    now = timezone.now()
    ArticleFactory(published_at=now - dt.timedelta(minutes=1))
    ArticleFactory(status=Article.Status.DRAFT, published_at=now + dt.timedelta(days=1))
    waiting = ArticleFactory(published_at=now + dt.timedelta(days=1))

    assert list(Article.objects.scheduled()) == [waiting]
    assert waiting.is_scheduled
    assert not waiting.is_visible_to_readers


def test_publishing_without_a_time_publishes_now():
    before = timezone.now()

    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)

    assert before <= article.published_at <= timezone.now()
    assert article.is_visible_to_readers
    assert not article.is_scheduled
    assert list(Article.objects.published()) == [article]


def test_a_draft_keeps_an_empty_publish_time():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    assert article.published_at is None
    assert not article.is_visible_to_readers


def test_validating_a_published_article_without_a_time_gives_it_one():
    """Model forms check the database constraint before save(); publishing must still work."""
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    article.status = Article.Status.PUBLISHED

    article.full_clean()

    assert article.published_at is not None


def test_a_scheduled_article_becomes_visible_when_its_time_arrives(monkeypatch):
    now = timezone.now()
    article = ArticleFactory(published_at=now + dt.timedelta(hours=2))
    assert not Article.objects.published().exists()

    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(hours=2, seconds=1))

    assert list(Article.objects.published()) == [article]
