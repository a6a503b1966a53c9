"""Sitemaps and robots.txt, as search engines read them."""

import datetime as dt
import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iterfind(".//sm:loc", NS)]


@pytest.fixture
def mixed_articles():
    category = CategoryFactory(slug="do-thi")
    published = ArticleFactory(category=category, title="Cầu mới bắc qua sông")
    ArticleFactory(category=category, status=Article.Status.DRAFT, title="Nháp")
    ArticleFactory(category=category, status=Article.Status.REVIEW, title="Chờ duyệt")
    ArticleFactory(category=category, published_at=timezone.now() + dt.timedelta(days=1))
    return category, published


def test_index_points_to_the_article_and_category_sitemaps(client):
    root = get_xml(client, reverse("sitemap-index"))
    sections = locations(root)
    assert "http://testserver/sitemap-articles.xml" in sections
    assert "http://testserver/sitemap-categories.xml" in sections


def test_article_sitemap_lists_only_what_readers_may_see(client, mixed_articles):
    _, published = mixed_articles
    root = get_xml(client, "/sitemap-articles.xml")
    assert locations(root) == [f"http://testserver{published.get_absolute_url()}"]
    lastmod = root.find(".//sm:lastmod", NS).text
    assert lastmod == timezone.localdate(published.updated_at).isoformat()


def test_category_sitemap_dates_each_category_by_its_latest_published_article(
    client, mixed_articles
):
    category, published = mixed_articles
    root = get_xml(client, "/sitemap-categories.xml")
    (url,) = root.iterfind("sm:url", NS)
    assert url.find("sm:loc", NS).text == f"http://testserver{category.get_absolute_url()}"
    expected = timezone.localdate(published.published_at).isoformat()
    assert url.find("sm:lastmod", NS).text == expected


def test_news_sitemap_holds_the_last_two_days_only(client, mixed_articles):
    _, recent = mixed_articles
    ArticleFactory(title="Tin cũ", published_at=timezone.now() - dt.timedelta(days=3))

    root = get_xml(client, reverse("sitemap-news"))

    (url,) = root.iterfind("sm:url", NS)
    assert url.find("sm:loc", NS).text == f"http://testserver{recent.get_absolute_url()}"
    assert url.find("news:news/news:title", NS).text == recent.title
    assert url.find("news:news/news:publication/news:language", NS).text == "vi"
    published = dt.datetime.fromisoformat(url.find("news:news/news:publication_date", NS).text)
    assert published.utcoffset() == dt.timedelta(hours=7)
    assert abs(published - recent.published_at) < dt.timedelta(seconds=1)


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemaps(client):
    response = client.get(reverse("robots"))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
