"""Editors hear of work waiting for them (a badge, and an e-mail sent by the task worker, off
the request) and review it oldest first; journalists see what became of their articles."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, ReviewDecision
from articles.tasks import email_editors
from tests.articles.admin_forms import article_form_data, change_url
from tests.articles.newsroom import decisions_url, queue_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(journalist):
    return ArticleFactory(
        title="Bài gửi duyệt",
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=journalist,
    )


def send_for_review(client, article):
    return client.post(
        change_url(article),
        article_form_data(article.category, article, status=Article.Status.REVIEW),
    )


# The worker commits and closes its connection; the data is put back as the browser tests,
# which run next, expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sending_for_review_queues_an_email_to_the_editors(journalist_client, editor, draft):
    response = send_for_review(journalist_client, draft)

    assert response.status_code == HTTPStatus.FOUND
    assert not mail.outbox  # not sent in the request
    task = DBTaskResult.objects.get()
    assert task.task_path == "articles.tasks.email_editors"

    call_command("db_worker", batch=True, verbosity=0)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [editor.email]
    assert message.subject == "Bài chờ duyệt: Bài gửi duyệt"
    assert "Lê Huy Kiên đã gửi bài “Bài gửi duyệt” để duyệt." in message.body
    assert change_url(draft) in message.body


def test_the_link_in_the_editors_email_comes_from_the_site_url_not_the_request(
    settings, journalist_client, editor, draft, django_capture_on_commit_callbacks
):
    """A forged Host header (one the site answers to: a catch-all name behind a proxy) must
    not send editors to someone else's site."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = "https://hnp.example.vn"
    with django_capture_on_commit_callbacks(execute=True):
        journalist_client.post(
            change_url(draft),
            article_form_data(draft.category, draft, status=Article.Status.REVIEW),
            HTTP_HOST="tin-gia.example",
        )
    task = DBTaskResult.objects.get()

    email_editors.call(**task.args_kwargs["kwargs"])

    [message] = mail.outbox
    assert f"https://hnp.example.vn{change_url(draft)}" in message.body
    assert "tin-gia.example" not in message.body


def test_editors_see_the_count_of_what_waits(editor_client, journalist_client, draft):
    send_for_review(journalist_client, draft)
    ArticleFactory(status=Article.Status.REVIEW, published_at=None)

    editors_page = editor_client.get("/admin/")
    journalists_page = journalist_client.get("/admin/")

    assert '<span class="newsroom-badge" aria-label="2 bài đang chờ">2</span>' in editors_page.text
    assert "newsroom-queue" not in journalists_page.text


def test_the_queue_lists_the_longest_waiting_first(editor_client, journalist, journalist_client):
    now = timezone.now()
    ArticleFactory(
        title="Gửi hôm qua",
        status=Article.Status.REVIEW,
        published_at=None,
        review_requested_at=now - dt.timedelta(days=1),
    )
    ArticleFactory(
        title="Gửi một giờ trước",
        status=Article.Status.REVIEW,
        published_at=None,
        review_requested_at=now - dt.timedelta(hours=1),
    )
    published = ArticleFactory(title="Bài đã đăng", created_by=journalist)
    journalist_client.post(
        change_url(published),
        article_form_data(published.category, published, title="Bản sửa bài đã đăng"),
    )
    Article.objects.filter(title="Gửi hôm qua").update(
        review_requested_at=now - dt.timedelta(days=1)
    )

    page = editor_client.get(queue_url())

    titles = [
        row["pending"].title if row["pending"] else row["article"].title
        for row in page.context["rows"]
    ]
    assert titles == ["Gửi hôm qua", "Gửi một giờ trước", "Bản sửa bài đã đăng"]


def test_journalists_do_not_open_the_queue(journalist_client):
    assert journalist_client.get(queue_url()).status_code == HTTPStatus.FORBIDDEN


def test_the_journalist_hears_their_article_was_sent_back_with_the_note(
    journalist, journalist_client, editor_client, draft
):
    send_for_review(journalist_client, draft)
    draft.refresh_from_db()

    editor_client.post(
        change_url(draft),
        article_form_data(
            draft.category,
            draft,
            status=Article.Status.DRAFT,
            review_note="Cần thêm ý kiến của người dân.",
        ),
    )

    decision = ReviewDecision.objects.get()
    assert decision.outcome == ReviewDecision.Outcome.RETURNED
    assert decision.recipient == journalist
    home = journalist_client.get("/admin/")
    assert '<span class="newsroom-badge" aria-label="1 tin chưa đọc">1</span>' in home.text
    page = journalist_client.get(decisions_url())
    assert "Bị trả lại" in page.text
    assert "Cần thêm ý kiến của người dân." in page.text
    assert "newsroom-badge" not in journalist_client.get("/admin/").text  # read now
    assert "Cần thêm ý kiến của người dân." in journalist_client.get(change_url(draft)).text


def test_the_journalist_hears_their_article_was_published(journalist_client, editor_client, draft):
    send_for_review(journalist_client, draft)
    draft.refresh_from_db()
    tomorrow = timezone.now() + dt.timedelta(days=1)

    editor_client.post(
        change_url(draft),
        article_form_data(
            draft.category, draft, status=Article.Status.PUBLISHED, published_at=tomorrow
        ),
    )

    page = journalist_client.get(decisions_url())
    assert "Đã đăng" in page.text
    assert "Sẽ tự động đăng lúc" in page.text
