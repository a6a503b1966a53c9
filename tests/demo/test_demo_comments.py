"""The demo comments that `make run` loads after the demo articles."""

import pytest
from django.core.management import CommandError, call_command

from comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_demo_comments_are_loaded_once_approved_and_pending(settings):
    settings.DEBUG = True
    articles = ArticleFactory.create_batch(6)

    call_command("load_demo_comments", stdout=None)
    first = Comment.objects.count()
    call_command("load_demo_comments", stdout=None)

    assert Comment.objects.count() == first
    assert Comment.objects.approved().count() >= 10
    assert Comment.objects.pending().count() >= 2
    assert Comment.objects.exclude(phone="").exists()
    assert Comment.objects.filter(needs_review_reason="links").exists()
    assert {c.article_id for c in Comment.objects.approved()} >= {a.pk for a in articles[:4]}
    for comment in Comment.objects.all():
        assert comment.created_at >= comment.article.published_at


def test_demo_comments_need_articles_first(settings):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_demo_comments")


def test_demo_comments_refuse_a_production_site(settings):
    settings.DEBUG = False
    ArticleFactory()

    with pytest.raises(CommandError):
        call_command("load_demo_comments")
    assert not Comment.objects.exists()
