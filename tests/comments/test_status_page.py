"""The reader's private status page for a comment they sent."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _status_page(client, comment):
    return client.get(reverse("comments:status", args=[comment.status_token]))


@pytest.mark.parametrize(
    ("status", "moderated", "says"),
    [
        (Comment.Status.PENDING, False, "Đang chờ kiểm duyệt."),
        (Comment.Status.APPROVED, True, "Đã được duyệt và đăng dưới bài viết."),
        (Comment.Status.REJECTED, True, "Không được đăng"),
        # Spam is never named; caught by the block list it reads as pending, so the status
        # page cannot be used to probe the block list.
        (Comment.Status.SPAM, False, "Đang chờ kiểm duyệt."),
        (Comment.Status.SPAM, True, "Không được đăng"),
    ],
)
def test_the_status_page_says_where_the_comment_stands(client, status, moderated, says):
    comment = CommentFactory(
        status=status, moderated_at=timezone.now() if moderated else None, title="Góp ý"
    )

    response = _status_page(client, comment)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert says in html
    assert "Góp ý" in html
    assert comment.article.title in html
    assert "spam" not in html.lower().replace("comments.css", "")


def test_the_status_page_shows_what_the_reader_typed_as_text(client):
    comment = CommentFactory(
        status=Comment.Status.PENDING,
        title="<i>nghiêng</i>",
        content="<script>alert(1)</script>\ndòng hai",
        phone="0912345678",
        ip_address="203.0.113.44",
    )

    html = _status_page(client, comment).content.decode()

    assert "&lt;i&gt;nghiêng&lt;/i&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>dòng hai" in html
    assert "<script>alert(1)" not in html
    assert "0912345678" not in html
    assert "203.0.113.44" not in html


def test_an_unknown_token_is_not_found(client):
    CommentFactory()

    response = client.get(reverse("comments:status", args=["khong-phai-ma-that"]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_status_page_is_private(client):
    response = _status_page(client, CommentFactory())

    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_an_approved_comment_links_to_itself_under_the_article(client):
    comment = CommentFactory(status=Comment.Status.APPROVED, moderated_at=timezone.now())

    html = _status_page(client, comment).content.decode()

    assert f'href="{comment.article.get_absolute_url()}#binh-luan-{comment.pk}"' in html


def test_an_article_no_longer_published_is_named_but_not_linked(client):
    article = ArticleFactory()
    comment = CommentFactory(article=article)
    article.status = "draft"
    article.save()

    html = _status_page(client, comment).content.decode()

    assert article.title in html
    assert f'href="{article.get_absolute_url()}' not in html
