"""Moderators are e-mailed about each new pending comment, without risk for the reader."""

import logging
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from comments.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server is down")


@pytest.fixture
def moderators(moderator, editor):
    """Two moderators with an address, one without, and an editor (not a moderator)."""
    UserFactory(username="kiemduyet2", email="kd2@example.com", groups=[moderator.groups.get()])
    UserFactory(username="khongcothu", email="", groups=[moderator.groups.get()])
    return ["kd2@example.com", moderator.email]


def test_a_new_pending_comment_emails_the_moderators(
    article, comment_data, post_comment, moderators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(article, {**comment_data, "content": "Mong có thêm cây xanh."})

    assert response.status_code == HTTPStatus.FOUND
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted(moderators)
    assert message.subject == "Bình luận mới chờ duyệt: Cần thêm chỗ gửi xe"
    assert article.title in message.body
    assert "Mong có thêm cây xanh." in message.body
    comment = Comment.objects.get()
    assert f"http://testserver/admin/comments/comment/{comment.pk}/change/" in message.body
    # Personal data stays in the admin.
    assert "0912345678" not in message.body
    assert "127.0.0.1" not in message.body


def test_the_email_is_sent_only_after_the_comment_is_committed(
    article, comment_data, post_comment, moderators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_comment(article, comment_data)

    assert mail.outbox == []
    assert len(callbacks) == 1


def test_spam_and_honeypot_submissions_email_nobody(
    article, comment_data, post_comment, moderators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(article, {**comment_data, "content": "Chơi casino ngay"})
        post_comment(article, {**comment_data, "website": "http://bot.example"})

    assert mail.outbox == []


def test_a_broken_mail_server_does_not_break_the_readers_request(
    settings,
    caplog,
    article,
    comment_data,
    post_comment,
    moderators,
    django_capture_on_commit_callbacks,
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailServer"}}

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = post_comment(article, comment_data)

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.pending().count() == 1
    assert "Could not e-mail the moderators" in caplog.text
    assert "0912345678" not in caplog.text


def test_no_moderators_with_an_address_means_no_email(
    article, comment_data, post_comment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(article, comment_data)

    assert response.status_code == HTTPStatus.FOUND
    assert mail.outbox == []
