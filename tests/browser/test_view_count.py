"""The view count as a real browser drives it: the article page's beacon, sent also when the
page is a copy the browser revalidated, counted once per reader and moved to the database by
the flush."""

import time

import pytest
from playwright.sync_api import expect

from articles.models import ArticleDailyViews
from articles.most_read import flush_view_counts
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Headless Chromium says "HeadlessChrome", which the count rightly takes for a bot: these
# readers present the user agents of ordinary phones.
PHONES = {
    "android": "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/131.0 Mobile Safari/537.36",
    "iphone": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
}


def read(open_page, who: str, article, *, times: int) -> list[bool]:
    """Open the article ``times`` times; for each, whether the browser showed a copy it
    already had (revalidated with If-None-Match: the server's page cache answers 304)."""
    reader = open_page(who, phone=True)
    reader.set_extra_http_headers({"User-Agent": PHONES[who]})
    from_a_copy = []
    for _ in range(times):
        with reader.expect_response(lambda response: "/luot-xem/" in response.url) as beacon:
            page = reader.goto(article.get_absolute_url())
        assert beacon.value.status == 204
        expect(reader.get_by_role("heading", level=1)).to_have_text(article.title)
        from_a_copy.append("if-none-match" in page.request.all_headers())
    return from_a_copy


def test_readers_are_counted_once_each_even_from_cached_copies(open_page):
    article = ArticleFactory(title="Phố đi bộ Hồ Gươm mở lại")

    assert read(open_page, "android", article, times=3) == [False, True, True]
    # A second browser from the same address is the same reader (issue 18: one count per
    # address per article per 30 minutes, whatever the User-Agent).
    read(open_page, "iphone", article, times=1)
    flush_view_counts(now=time.time() + 180)

    assert list(ArticleDailyViews.objects.values_list("article__title", "views")) == [
        ("Phố đi bộ Hồ Gươm mở lại", 1)
    ]
