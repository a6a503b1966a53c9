"""Journey 1: a reader on a phone goes from the home page to an article and around it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import wait_for_loaded_image

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_follows_a_headline_and_reads_the_article(open_page, news_site):
    article = news_site.featured
    reader = open_page("reader", phone=True)

    reader.goto("/")
    reader.locator(".lead-story").get_by_role("link", name=article.title).click()

    expect(reader).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text(article.title)
    published = timezone.localtime(article.published_at)
    time = reader.locator(".article__time time")
    expect(time).to_have_text(published.strftime("%H:%M %d/%m/%Y"))
    expect(time).to_have_text(re.compile(r"^\d\d:\d\d \d\d/\d\d/\d{4}$"))
    # The lead opens with the portal's dateline (ARTICLE_DATELINE, "HNP - ").
    expect(reader.locator(".article__lead")).to_have_text(f"HNP - {article.lead}")
    expect(reader.locator(".article__cover figcaption")).to_have_text(article.cover_caption)
    captions = reader.locator(".article__body figure figcaption")
    expect(captions).to_have_text(
        [
            "Người dân tập thể dục quanh hồ lúc sáng sớm. Ảnh: Minh Anh",
            "Phố đi bộ buổi tối cuối tuần.",
        ]
    )
    expect(reader.locator(".article__body figure img")).to_have_count(2)
    wait_for_loaded_image(reader, ".article__body figure img")
    expect(reader.locator(".article__byline")).to_have_text("Huy Kiên")
    newer = reader.get_by_role("region", name="Các bài mới đăng")
    older = reader.get_by_role("region", name="Các bài đã đăng")
    expect(newer.get_by_role("link")).to_have_text(
        [news_site.newer.title, news_site.elsewhere.title]
    )
    expect(older.get_by_role("link")).to_have_text([news_site.older.title])

    newer.get_by_role("link", name=news_site.newer.title).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(news_site.newer.title)
    expect(reader.get_by_role("region", name="Các bài đã đăng").get_by_role("link")).to_have_text(
        [news_site.elsewhere.title, article.title, news_site.older.title]
    )

    reader.go_back()
    expect(reader).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text(article.title)
