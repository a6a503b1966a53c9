"""Editors publish, unpublish and schedule the selected articles at once; journalists are
not offered the actions, and the server refuses them."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.utils import timezone

from articles.models import Article
from articles.revisions import revisions_of
from tests.articles.admin_forms import changelist_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BULK_ACTIONS = {"publish_now", "unpublish", "schedule"}


def run(client, action, articles, **extra):
    return client.post(
        changelist_url(),
        {"action": action, "_selected_action": [a.pk for a in articles], **extra},
    )


@pytest.fixture
def drafts():
    return [
        ArticleFactory(title=f"Nháp {n}", status=Article.Status.REVIEW, published_at=None)
        for n in range(3)
    ]


def test_editors_publish_the_selected_articles_now(editor, editor_client, drafts):
    response = run(editor_client, "publish_now", drafts[:2])

    assert response.status_code == HTTPStatus.FOUND
    assert set(Article.objects.published().values_list("title", flat=True)) == {"Nháp 0", "Nháp 1"}
    assert revisions_of(drafts[0]).first().revision.user == editor


def test_editors_unpublish_the_selected_articles(editor_client):
    live = [ArticleFactory(), ArticleFactory(published_at=timezone.now() + dt.timedelta(days=1))]

    run(editor_client, "unpublish", live)

    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DRAFT}


def test_editors_schedule_the_selected_articles(editor_client, drafts):
    asked = run(editor_client, "schedule", drafts)
    done = run(
        editor_client,
        "schedule",
        drafts,
        apply="1",
        published_at_0="01/12/2031",
        published_at_1="07:30",
    )

    assert asked.status_code == HTTPStatus.OK
    assert "Hẹn giờ đăng bài" in asked.text
    assert done.status_code == HTTPStatus.FOUND
    times = set(Article.objects.values_list("published_at", flat=True))
    assert times == {dt.datetime(2031, 12, 1, 0, 30, tzinfo=dt.UTC)}
    assert Article.objects.scheduled().count() == 3
    message = editor_client.get(done["Location"]).text
    assert "Sẽ tự động đăng lúc 07:30, thứ Hai 01/12/2031" in message


def test_a_schedule_in_the_past_is_refused_in_vietnamese(editor_client, drafts):
    response = run(
        editor_client,
        "schedule",
        drafts,
        apply="1",
        published_at_0="01/12/2020",
        published_at_1="07:30",
    )

    assert response.status_code == HTTPStatus.OK
    assert "đã qua" in response.text
    assert 'value="01/12/2020"' in response.text
    assert not Article.objects.scheduled().exists()


def test_journalists_are_not_offered_the_actions(journalist_client, editor_client):
    ArticleFactory()

    journalists = set(
        journalist_client.get(changelist_url()).context["action_form"].fields["action"].choices
    )
    editors = set(
        editor_client.get(changelist_url()).context["action_form"].fields["action"].choices
    )

    assert not BULK_ACTIONS & {value for value, _label in journalists}
    assert {value for value, _label in editors} >= BULK_ACTIONS


@pytest.mark.parametrize("action", sorted(BULK_ACTIONS))
def test_the_server_refuses_the_actions_to_journalists(journalist_client, drafts, action):
    live = ArticleFactory(title="Đang đăng")

    run(
        journalist_client,
        action,
        [*drafts, live],
        apply="1",
        published_at_0="01/12/2031",
        published_at_1="07:30",
    )

    assert list(Article.objects.published().values_list("title", flat=True)) == ["Đang đăng"]
    assert not Article.objects.scheduled().exists()
