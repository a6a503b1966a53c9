"""RSS feeds: what feed readers get, parsed by a real feed parser."""

import datetime as dt
from http import HTTPStatus

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_site_feed_lists_published_articles_newest_first_with_their_details(client):
    older = ArticleFactory(
        title="Đường Lê Lợi thông xe", published_at=timezone.now() - dt.timedelta(days=2)
    )
    newer = ArticleFactory(
        title="Khai giảng năm học mới",
        lead="Hơn 2.000 học sinh dự lễ khai giảng.",
        byline="Thu Hà",
        published_at=timezone.now() - dt.timedelta(hours=3),
    )

    feed = parse(client, reverse("feed"))

    assert [entry.title for entry in feed.entries] == [newer.title, older.title]
    first = feed.entries[0]
    assert first.link == f"http://testserver{newer.get_absolute_url()}"
    assert first.summary == "Hơn 2.000 học sinh dự lễ khai giảng."
    assert first.author == "Thu Hà"
    published = dt.datetime(*first.published_parsed[:6], tzinfo=dt.UTC)
    assert abs(published - newer.published_at) < dt.timedelta(seconds=1)
    assert feed.feed.language == "vi"


def test_feeds_never_show_drafts_reviews_or_scheduled_articles(client):
    category = CategoryFactory()
    ArticleFactory(category=category, title="Bài nháp", status=Article.Status.DRAFT)
    ArticleFactory(category=category, title="Bài chờ duyệt", status=Article.Status.REVIEW)
    ArticleFactory(
        category=category,
        title="Bài hẹn giờ",
        published_at=timezone.now() + dt.timedelta(hours=1),
    )
    visible = ArticleFactory(category=category, title="Bài đã đăng")

    for url in (reverse("feed"), reverse("category-feed", kwargs={"slug": category.slug})):
        assert [entry.title for entry in parse(client, url).entries] == [visible.title]


def test_category_feed_holds_only_that_category(client):
    sport, culture = CategoryFactory(name="Thể thao"), CategoryFactory(name="Văn hóa")
    match = ArticleFactory(category=sport, title="Đội bóng phường thắng giải")
    ArticleFactory(category=culture, title="Lễ hội áo dài")

    feed = parse(client, reverse("category-feed", kwargs={"slug": sport.slug}))

    assert [entry.title for entry in feed.entries] == [match.title]
    assert feed.feed.title == "HNP: Thể thao"


def test_feed_of_an_unknown_category_is_404(client):
    response = client.get(reverse("category-feed", kwargs={"slug": "khong-co"}))
    assert response.status_code == HTTPStatus.NOT_FOUND
