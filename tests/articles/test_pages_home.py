import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import override_script_prefix
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours)


def lead_story_title(html: str) -> str:
    block = re.search(r'<article class="lead-story[^"]*">(.*?)</article>', html, re.S).group(1)
    return re.search(r'class="lead-story__title"><a href="[^"]+">([^<]+)</a>', block).group(1)


def section_titles(html: str, heading_id: str) -> list[str]:
    block = re.search(rf'aria-labelledby="{heading_id}">(.*?)</section>', html, re.S).group(1)
    return re.findall(r'class="story__title"><a href="[^"]+">([^<]+)</a>', block)


def test_home_leads_with_the_newest_featured_article(client):
    ArticleFactory(title="Tin nổi bật cũ", is_featured=True, published_at=hours_ago(30))
    ArticleFactory(title="Tin nổi bật mới", is_featured=True, published_at=hours_ago(20))
    ArticleFactory(title="Tin thường mới nhất", published_at=hours_ago(1))
    ArticleFactory(
        title="Tin nổi bật hẹn giờ",
        is_featured=True,
        published_at=timezone.now() + dt.timedelta(hours=1),
    )

    response = client.get(reverse("articles:home"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert lead_story_title(html) == "Tin nổi bật mới"
    # Too few for sub-leads and a latest list: the others go to the latest list.
    assert section_titles(html, "latest-heading") == ["Tin thường mới nhất", "Tin nổi bật cũ"]
    assertNotContains(response, "sub-leads")
    assertNotContains(response, "Tin nổi bật hẹn giờ")


def test_a_featured_article_older_than_the_latest_list_still_leads(client):
    ArticleFactory(title="Tin nổi bật tuần trước", is_featured=True, published_at=hours_ago(150))
    for n in range(20):
        ArticleFactory(title=f"Tin thường {n:02d}", published_at=hours_ago(n + 1))

    html = client.get(reverse("articles:home")).content.decode()

    assert lead_story_title(html) == "Tin nổi bật tuần trước"
    assert "Tin nổi bật tuần trước" not in section_titles(html, "latest-heading")


def test_without_a_featured_article_the_newest_leads(client):
    ArticleFactory(title="Tin cũ", published_at=hours_ago(5))
    ArticleFactory(title="Tin mới nhất", published_at=hours_ago(1))
    ArticleFactory(
        title="Bản nháp", status=Article.Status.DRAFT, published_at=None, is_featured=True
    )

    html = client.get(reverse("articles:home")).content.decode()

    assert lead_story_title(html) == "Tin mới nhất"
    assert section_titles(html, "latest-heading") == ["Tin cũ"]


def test_the_lead_is_followed_by_three_sub_leads_then_the_ten_next_newest(client):
    for n in range(16):
        ArticleFactory(title=f"Tin số {n:02d}", published_at=hours_ago(n + 1))

    html = client.get(reverse("articles:home")).content.decode()

    assert lead_story_title(html) == "Tin số 00"
    assert section_titles(html, "sub-leads-title") == ["Tin số 01", "Tin số 02", "Tin số 03"]
    assert section_titles(html, "latest-heading") == [f"Tin số {n:02d}" for n in range(4, 14)]
    assert html.index("lead-story") < html.index("sub-leads") < html.index("category-block")


def test_each_category_block_shows_its_four_newest_published_articles(client):
    politics = CategoryFactory(name="Thời sự", slug="thoi-su", position=1)
    culture = CategoryFactory(name="Văn hóa", slug="van-hoa", position=2)
    CategoryFactory(name="Chuyên mục trống", slug="trong", position=3)
    for n in range(6):
        ArticleFactory(title=f"Thời sự {n}", category=politics, published_at=hours_ago(n + 1))
    ArticleFactory(title="Văn hóa 0", category=culture, published_at=hours_ago(2))
    ArticleFactory(title="Văn hóa nháp", category=culture, status=Article.Status.DRAFT)

    response = client.get(reverse("articles:home"))

    html = response.content.decode()
    assert section_titles(html, "category-thoi-su") == [f"Thời sự {n}" for n in range(4)]
    assert section_titles(html, "category-van-hoa") == ["Văn hóa 0"]
    assert html.index('id="category-thoi-su"') < html.index('id="category-van-hoa"')
    assertNotContains(response, 'id="category-trong"')
    assertContains(response, '<a href="/chuyen-muc/van-hoa/">Văn hóa</a>', html=True)


def test_a_category_block_counts_neither_scheduled_articles_nor_a_shared_time_twice(client):
    """The four newest readers can see: a scheduled article neither shows nor pushes one out,
    and articles published at the same minute as the fourth do not make the block longer."""
    sport = CategoryFactory(name="Thể thao", slug="the-thao")
    ArticleFactory(
        title="Thể thao hẹn giờ",
        category=sport,
        published_at=timezone.now() + dt.timedelta(hours=2),
    )
    for n in range(3):
        ArticleFactory(title=f"Thể thao {n}", category=sport, published_at=hours_ago(n + 1))
    same_minute = hours_ago(10)
    ArticleFactory(title="Thể thao cùng giờ A", category=sport, published_at=same_minute)
    ArticleFactory(title="Thể thao cùng giờ B", category=sport, published_at=same_minute)

    html = client.get(reverse("articles:home")).content.decode()

    titles = section_titles(html, "category-the-thao")
    assert titles[:3] == ["Thể thao 0", "Thể thao 1", "Thể thao 2"]
    assert len(titles) == 4
    assert titles[3] in {"Thể thao cùng giờ A", "Thể thao cùng giờ B"}


def test_empty_site_says_nothing_is_published_yet(client):
    response = client.get(reverse("articles:home"))

    assert response.status_code == HTTPStatus.OK
    assertContains(response, "Chưa có bài viết nào được đăng.")


def test_home_is_in_vietnamese_with_the_site_frame(client):
    CategoryFactory(name="Giao thông", slug="giao-thong")

    response = client.get(reverse("articles:home"))

    assertContains(response, '<html lang="vi">')
    assertContains(response, '<span class="site-name__word">HNP</span>', html=True)
    assertContains(response, '<nav class="site-nav" aria-label="Chuyên mục" data-site-nav>')
    assertContains(response, '<a href="/chuyen-muc/giao-thong/">Giao thông</a>', html=True)


@pytest.mark.parametrize(("published_count", "category_count"), [(3, 1), (30, 6)])
def test_home_query_count_does_not_grow_with_articles_or_categories(
    client, django_assert_num_queries, published_count, category_count
):
    """Guards against a query per category block (its newest articles) and per listed
    article (its category): the content version (the page cache's miss), navigation, the
    latest, featured and most-read lists (one query), the newest per category (on SQLite,
    which has no LATERAL, the categories' cut-off times first), and the site settings of the
    masthead and footer."""
    categories = CategoryFactory.create_batch(category_count)
    for n in range(published_count):
        ArticleFactory(
            category=categories[n % category_count],
            published_at=hours_ago(n + 1),
            is_featured=n == 2,
        )

    with django_assert_num_queries(5 if connection.vendor == "postgresql" else 6):
        response = client.get(reverse("articles:home"))

    assert response.status_code == HTTPStatus.OK


def test_links_follow_the_path_the_site_is_served_under(client):
    """Behind a proxy that serves the site under /tin-tuc/ (the WSGI server sets the script
    prefix from SCRIPT_NAME), every link carries that path, and a request without it gets
    plain links again: no address is remembered across prefixes."""
    category = CategoryFactory(name="Giao thông", slug="giao-thong")
    ArticleFactory(title="Tin giao thông", slug="tin-giao-thong", category=category)

    with override_script_prefix("/tin-tuc/"):
        under = client.get("/", SCRIPT_NAME="/tin-tuc").content.decode()
    plain = client.get("/").content.decode()

    assert 'href="/tin-tuc/chuyen-muc/giao-thong/"' in under
    assert 'href="/tin-tuc/bai-viet/tin-giao-thong/"' in under
    assert 'action="/tin-tuc/tim-kiem/"' in under
    assert 'href="/chuyen-muc/giao-thong/"' in plain
    assert 'action="/tim-kiem/"' in plain
    assert "/tin-tuc/" not in plain
