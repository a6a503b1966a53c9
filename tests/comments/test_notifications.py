"""Moderators hear of new pending comments through a digest sent by the task worker: never in
the reader's request, at most one e-mail every COMMENT_DIGEST_MINUTES, with links built from
SITE_URL, and retried until the mail server takes it."""

import datetime as dt
import logging
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from comments.tasks import send_moderator_digest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DIGEST_TASK = "comments.tasks.send_moderator_digest"


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server is down")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://hnp.example.vn"
    settings.COMMENT_DIGEST_MINUTES = 10


@pytest.fixture
def moderators(moderator, editor):
    """Two moderators with an address, one without, and an editor (not a moderator)."""
    UserFactory(username="kiemduyet2", email="kd2@example.com", groups=[moderator.groups.get()])
    UserFactory(username="khongcothu", email="", groups=[moderator.groups.get()])
    return ["kd2@example.com", moderator.email]


@pytest.fixture
def post_and_commit(post_comment, comment_data, django_capture_on_commit_callbacks):
    def post(article, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return post_comment(article, {**comment_data, **changes})

    return post


def queued_digests():
    return list(DBTaskResult.objects.filter(task_path=DIGEST_TASK, status="READY"))


def run_digest(attempt=1):
    DBTaskResult.objects.filter(task_path=DIGEST_TASK).delete()  # what the worker took
    return send_moderator_digest.call(attempt=attempt)


def test_a_pending_comment_queues_a_digest_and_sends_nothing_in_the_request(
    article, post_and_commit, moderators
):
    response = post_and_commit(article)

    assert response.status_code == HTTPStatus.FOUND
    assert mail.outbox == []
    [task] = queued_digests()
    assert task.run_after <= timezone.now()


def test_the_digest_lists_the_comment_with_links_from_the_site_url(
    article, post_and_commit, moderators
):
    post_and_commit(article, content="Mong có thêm cây xanh.", HTTP_HOST="testserver")

    assert run_digest() == 1

    [message] = mail.outbox
    assert sorted(message.to) == sorted(moderators)
    assert message.subject == "Bình luận mới chờ duyệt: Cần thêm chỗ gửi xe"
    assert f"Ở bài “{article.title}”" in message.body
    assert "Mong có thêm cây xanh." in message.body
    comment = Comment.objects.get()
    assert f"https://hnp.example.vn/admin/comments/comment/{comment.pk}/change/" in message.body
    assert "testserver" not in message.body
    # Personal data stays in the admin.
    assert "0912345678" not in message.body
    assert "127.0.0.1" not in message.body
    assert comment.moderators_emailed_at is not None


def test_comments_within_ten_minutes_share_one_later_email(article, post_and_commit, moderators):
    post_and_commit(article, title="Câu hỏi thứ nhất")
    run_digest()
    sent_at = timezone.now()

    post_and_commit(article, title="Câu hỏi thứ hai", content="Nội dung thứ hai")
    post_and_commit(article, title="Câu hỏi thứ ba", content="Nội dung thứ ba")

    [task] = queued_digests()
    assert task.run_after >= sent_at + dt.timedelta(minutes=9, seconds=59)
    assert len(mail.outbox) == 1

    assert run_digest() == 2
    assert len(mail.outbox) == 2
    second = mail.outbox[1]
    assert second.subject == "2 bình luận mới chờ duyệt"
    assert "Câu hỏi thứ hai" in second.body and "Câu hỏi thứ ba" in second.body
    assert "Câu hỏi thứ nhất" not in second.body
    assert "https://hnp.example.vn/admin/comments/comment/?status__exact=pending" in second.body
    assert queued_digests() == []


def test_a_down_mail_server_delays_the_digest_and_loses_nothing(
    settings, caplog, article, post_and_commit, moderators
):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenMailServer"}}
    post_and_commit(article)

    with caplog.at_level(logging.ERROR):
        assert run_digest() == 0

    assert "Could not e-mail the moderators' digest (attempt 1)" in caplog.text
    assert "0912345678" not in caplog.text
    [retry] = queued_digests()
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now() + dt.timedelta(seconds=50)
    assert Comment.objects.get().moderators_emailed_at is None

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert run_digest(attempt=2) == 1
    assert len(mail.outbox) == 1
    assert Comment.objects.get().moderators_emailed_at is not None


def test_spam_and_honeypot_submissions_queue_nothing(article, post_and_commit, moderators):
    post_and_commit(article, content="Chơi casino ngay")
    post_and_commit(article, website="http://bot.example")

    assert queued_digests() == []


def test_without_moderators_the_comment_waits_for_the_next_digest(article, post_and_commit, editor):
    post_and_commit(article)

    assert run_digest() == 0
    assert mail.outbox == []
    assert Comment.objects.get().moderators_emailed_at is None


# The worker commits and closes its connection; the data is put back as the browser tests,
# which run next, expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_digest(article, post_comment, comment_data, moderators):
    assert post_comment(article, comment_data).status_code == HTTPStatus.FOUND
    assert mail.outbox == []

    call_command("db_worker", batch=True, verbosity=0)

    assert len(mail.outbox) == 1
    assert Comment.objects.get().moderators_emailed_at is not None


def test_a_digest_that_could_not_be_queued_is_queued_by_the_periodic_job(
    article, post_and_commit, moderators, monkeypatch, caplog
):
    """As when the database goes away just after the comment is committed: the comment is
    kept, one warning without a traceback is logged, and the job queues the digest."""

    def database_gone():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("comments.tasks.schedule_moderator_digest", database_gone)
    with caplog.at_level(logging.WARNING):
        response = post_and_commit(article, title="Ngập ở phố Huế")

    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.pending().filter(title="Ngập ở phố Huế").exists()
    assert queued_digests() == []
    [record] = [r for r in caplog.records if "digest" in r.getMessage()]
    assert record.levelno == logging.WARNING and record.exc_info is None

    monkeypatch.undo()
    call_command("queue_moderator_digest", verbosity=0)
    assert len(queued_digests()) == 1
    assert run_digest() == 1
    assert "Ngập ở phố Huế" in mail.outbox[0].body


def test_the_periodic_job_queues_nothing_when_no_comment_waits(moderators):
    call_command("queue_moderator_digest", verbosity=0)

    assert queued_digests() == []
