"""The reader's whole flow: write, send, get redirected back, follow the comment's status."""

from http import HTTPStatus

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from comments.moderation import approve_comments
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SUCCESS_MESSAGE = "Bình luận của bạn đã được gửi và đang chờ kiểm duyệt."


def test_a_good_comment_is_stored_as_pending_and_the_reader_is_sent_back_to_the_article(
    client, article, comment_data, post_comment
):
    response = post_comment(article, comment_data, HTTP_USER_AGENT="Mozilla/5.0 Mobile")

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{article.get_absolute_url()}#binh-luan"
    comment = Comment.objects.get()
    assert comment.article == article
    assert comment.status == Comment.Status.PENDING
    assert (comment.name, comment.title) == ("Nguyễn Thị Lan", "Cần thêm chỗ gửi xe")
    assert comment.content == (
        "Khu vực này buổi sáng rất đông.\nMong thành phố sớm mở thêm bãi xe."
    )
    assert comment.phone == "0912345678"
    assert comment.ip_address == "127.0.0.1"
    assert comment.user_agent == "Mozilla/5.0 Mobile"
    assert comment.moderated_by is None

    page = client.get(response["Location"])
    assert SUCCESS_MESSAGE in page.content.decode()
    # Pending: not shown to readers yet.
    assert "Cần thêm chỗ gửi xe" not in page.content.decode()


def test_after_posting_the_article_page_gives_the_reader_the_private_status_link(
    client, article, comment_data, post_comment
):
    post_comment(article, comment_data)
    token = Comment.objects.get().status_token

    page = client.get(article.get_absolute_url())

    assert reverse("comments:status", args=[token]) in page.content.decode()
    other_article = ArticleFactory()
    assert token not in client.get(other_article.get_absolute_url()).content.decode()


def test_the_status_token_is_long_and_different_for_every_comment(
    client, article, comment_data, post_comment
):
    post_comment(article, comment_data)
    post_comment(article, {**comment_data, "content": "Một ý kiến khác hẳn."})

    tokens = list(Comment.objects.values_list("status_token", flat=True))
    assert len(set(tokens)) == 2
    assert all(len(token) >= 40 for token in tokens)


def test_reloading_the_page_after_the_redirect_posts_nothing_again(
    client, article, comment_data, post_comment
):
    response = post_comment(article, comment_data)
    client.get(response["Location"])
    client.get(response["Location"])

    assert Comment.objects.count() == 1


def test_the_success_message_is_shown_only_once(client, article, comment_data, post_comment):
    response = post_comment(article, comment_data)

    assert SUCCESS_MESSAGE in client.get(response["Location"]).content.decode()
    assert SUCCESS_MESSAGE not in client.get(response["Location"]).content.decode()


def test_an_approved_comment_appears_under_the_article(
    client, article, comment_data, post_comment, moderator
):
    post_comment(article, comment_data)
    approve_comments(comments=Comment.objects.all(), moderator=moderator)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Cần thêm chỗ gửi xe" in html
    assert "Nguyễn Thị Lan" in html
    assert "Khu vực này buổi sáng rất đông.<br>Mong thành phố sớm mở thêm bãi xe." in html


def test_the_plain_comment_page_renders_the_form_with_a_captcha(client, article):
    """For readers without JavaScript: the same form, with the captcha made on the server."""
    response = client.get(reverse("comments:write", args=[article.slug]))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    key = CaptchaStore.objects.get().hashkey
    assert f'name="captcha_0" id="id_captcha_0" value="{key}"' in html
    assert reverse("captcha-image", args=[key]) in html
    assert f'action="{reverse("comments:post", args=[article.pk])}"' in html
    assert "no-cache" in response["Cache-Control"]


def test_the_plain_comment_page_sends_a_good_comment_the_same_way(
    client, article, comment_data, post_comment, real_captcha
):
    client.get(reverse("comments:write", args=[article.slug]))
    store = CaptchaStore.objects.get()

    response = post_comment(
        article, {**comment_data, "captcha_0": store.hashkey, "captcha_1": store.response}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.pending().count() == 1


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
def test_unpublished_articles_cannot_be_commented_on(client, comment_data, post_comment, status):
    article = ArticleFactory(status=status, published_at=None)

    assert post_comment(article, comment_data).status_code == HTTPStatus.NOT_FOUND
    write_url = reverse("comments:write", args=[article.slug])
    assert client.get(write_url).status_code == HTTPStatus.NOT_FOUND
    assert not Comment.objects.exists()


def test_the_comment_urls_only_take_the_right_method(client, article):
    assert client.get(reverse("comments:post", args=[article.pk])).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )
    assert client.post(reverse("comments:write", args=[article.slug])).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )
