"""The first load of an article on a phone stays light: its HTML, CSS and JavaScript weigh
less than 60 KB compressed.

The live server does not compress, so each response the browser loaded is compressed here
with gzip at deploy/nginx.conf's level (5; the static files' precompressed copies are
smaller still). Pictures are left out: their renditions are sized for the screen elsewhere
(articles/renditions.py).
"""

import gzip

import pytest
from playwright.sync_api import Response

from tests.comments.factories import CommentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BUDGET_BYTES = 60 * 1024
COUNTED = {"document", "stylesheet", "script"}
NGINX_GZIP_LEVEL = 5


def test_an_article_on_a_phone_weighs_under_60_kb_compressed(open_page, news_site):
    # A busy article: a page of comments under it, as the demo's most discussed one has.
    for n in range(50):
        CommentFactory(article=news_site.featured, content=f"Ý kiến thứ {n} của bạn đọc. " * 6)
    page = open_page("reader", phone=True)
    loaded: list[Response] = []
    page.on("response", lambda response: loaded.append(response))

    page.goto(news_site.featured.get_absolute_url(), wait_until="networkidle")

    weights = {
        f"{response.request.resource_type} {response.url}": len(
            gzip.compress(response.body(), compresslevel=NGINX_GZIP_LEVEL)
        )
        for response in loaded
        if response.request.resource_type in COUNTED and response.ok
    }
    assert {kind.split()[0] for kind in weights} == COUNTED
    total = sum(weights.values())
    listing = "\n".join(f"  {size:>7,} B  {name}" for name, size in weights.items())
    assert total < BUDGET_BYTES, f"{total:,} bytes compressed:\n{listing}"
