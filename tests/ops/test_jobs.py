"""The periodic jobs: `manage.py run_jobs` (docker-compose's `jobs` service) does each one."""

import datetime as dt
import time

import pytest
from captcha.models import CaptchaStore
from django.core.management import call_command
from django.utils import timezone

from articles.models import ArticleDailyViews
from articles.most_read import record_view
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory
from tests.ops.helpers import compose

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_work(settings):
    """One of each kind of work the jobs exist for."""
    settings.COMMENT_PII_RETENTION_DAYS = 90
    article = ArticleFactory()
    an_hour_ago = time.time() - 3600
    for reader in ("203.0.113.1", "203.0.113.2"):
        record_view(article_id=article.pk, client_ip=reader, user_agent="Firefox", now=an_hour_ago)
    expired = CaptchaStore.objects.create(challenge="ABCDE", response="abcde")
    CaptchaStore.objects.filter(pk=expired.pk).update(
        expiration=timezone.now() - dt.timedelta(minutes=1)
    )
    long_ago = timezone.now() - dt.timedelta(days=120)
    old = CommentFactory(
        status=Comment.Status.APPROVED,
        phone="0912345678",
        ip_address="203.0.113.9",
        moderated_at=long_ago,
        created_at=long_ago,
    )
    return article, old


def test_run_jobs_once_moves_view_counts_cleans_captchas_and_erases_old_personal_data(due_work):
    article, old_comment = due_work

    call_command("run_jobs", "--once")

    assert ArticleDailyViews.objects.get(article=article).views == 2
    assert not CaptchaStore.objects.exists()
    old_comment.refresh_from_db()
    assert old_comment.phone == ""
    assert old_comment.ip_address is None


def test_a_failing_job_does_not_stop_the_others(due_work, monkeypatch, caplog):
    def broken():
        raise RuntimeError("cache unreachable")

    monkeypatch.setattr("articles.management.commands.flush_view_counts.flush_view_counts", broken)

    call_command("run_jobs", "--once")

    assert not CaptchaStore.objects.exists()
    assert "Scheduled job flush_view_counts failed" in caplog.text


def test_the_compose_jobs_service_runs_every_job_once_the_database_is_migrated(settings):
    jobs = compose()["services"]["jobs"]
    assert jobs["command"] == ["python", "manage.py", "run_jobs"]
    assert jobs["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "deploy" not in jobs or jobs["deploy"].get("replicas", 1) == 1
    assert {command for command, _every in settings.PERIODIC_JOBS} == {
        "flush_view_counts",
        "captcha_clean",
        "purge_commenter_data",
        "prune_db_task_results",
        "prune_staff_sessions",
        "clearsessions",
        "queue_moderator_digest",
    }
