"""The Nu HTML Checker (vnu.jar) finds no error on the reader pages: home, article with its
comments, category, search (found and not found), the plain comment page, the comment status
page, a portal page, a tag page, a day page, and the 404, 500 and 503 pages.

The jar is pinned and fetched by `make vnu` (Makefile), which `make test` runs and passes on as
``VNU_JAR``. Without Java or the jar the test is skipped with a loud reason; with ``CI=true``
it fails instead.
"""

import json
import subprocess
from http import HTTPStatus
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from hnp import errors
from portal.models import Page
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def _pages(client, rf) -> dict[str, bytes]:
    category = CategoryFactory(name="Thể thao", slug="the-thao")
    CategoryFactory(name="Đô thị", slug="do-thi")
    older = ArticleFactory(title="Giải chạy vì cộng đồng", category=category)
    article = ArticleFactory(
        title="Đại hội thể dục thể thao phường",
        category=category,
        body="<p>Đoạn mở đầu.</p><table><tr><th>Môn</th><td>Bơi</td></tr></table>",
        is_featured=True,
    )
    ArticleFactory.create_batch(4, category=category, published_at=older.published_at)
    article.tags.add("Thể thao phong trào")
    CommentFactory(article=article, title="Góp ý", content="Dòng một\ndòng hai")
    pending = CommentFactory(article=article, status=Comment.Status.PENDING)
    Page.objects.create(slug="lien-he", title="Liên hệ", content="<p>Tòa soạn.</p>")

    def get(url: str, status: HTTPStatus = HTTPStatus.OK) -> bytes:
        response = client.get(url)
        assert response.status_code == status, url
        return response.content

    return {
        "home": get(reverse("articles:home")),
        "article": get(article.get_absolute_url()),
        "category": get(category.get_absolute_url()),
        "search": get(reverse("articles:search") + "?q=dai+hoi"),
        "search-nothing-found": get(reverse("articles:search") + "?q=khong+co+dau"),
        "comment-page": get(reverse("comments:write", kwargs={"slug": article.slug})),
        "comment-status": get(reverse("comments:status", args=[pending.status_token])),
        "portal-page": get(reverse("portal:page", kwargs={"slug": "lien-he"})),
        "tag": get(reverse("articles:tag", kwargs={"slug": article.tags.get().slug})),
        "day": get(
            reverse("articles:day", kwargs={"day": f"{timezone.localdate(article.published_at)}"})
        ),
        "404": get("/khong-co-trang-nay/", HTTPStatus.NOT_FOUND),
        "500": errors.server_error(rf.get("/")).content,
        "503": errors.service_unavailable().content,
    }


def test_the_reader_pages_are_valid_html(client, rf, tmp_path, vnu_command):
    pages = _pages(client, rf)
    for name, html in pages.items():
        (tmp_path / f"{name}.html").write_bytes(html)

    result = subprocess.run(  # noqa: S603 (the pinned jar, on files this test wrote)
        [
            *vnu_command,
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *sorted(tmp_path.glob("*")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    messages = json.loads(result.stdout)["messages"]
    found = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine')}: {message['message']}"
        f" [{message.get('extract', '').strip()[:120]}]"
        for message in messages
        if message["type"] == "error"
    ]
    assert not found, "The Nu HTML Checker found errors:\n" + "\n".join(found)
