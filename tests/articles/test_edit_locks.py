"""Who has an article open, and since when: others see it, cannot save over them, and an
editor can take the article over; a lock nobody renews expires."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.utils import timezone

from articles.models import Article, EditLock
from tests.articles.admin_forms import article_form_data, change_url
from tests.articles.newsroom import editing_url, non_field_errors, take_over_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(journalist):
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=journalist)


def test_opening_an_article_takes_its_lock(journalist, journalist_client, draft):
    journalist_client.get(change_url(draft))

    lock = EditLock.objects.get(article=draft)
    assert lock.user == journalist


def test_someone_else_sees_who_is_editing_and_since_when(
    journalist_client, other_journalist, draft
):
    from tests.support.accounts import logged_in

    journalist_client.get(change_url(draft))
    since = timezone.localtime(EditLock.objects.get().since).strftime("%H:%M %d/%m/%Y")

    page = logged_in(other_journalist).get(change_url(draft))

    assert f"Lê Huy Kiên đang sửa bài này từ {since}" in page.text
    assert page.context["has_change_permission"] is False
    assert "Giành quyền sửa" not in page.text


def test_a_save_over_someone_elses_lock_is_refused_and_keeps_what_was_typed(
    journalist_client, other_journalist, draft
):
    from tests.support.accounts import logged_in

    journalist_client.get(change_url(draft))
    other = logged_in(other_journalist)

    response = other.post(
        change_url(draft), article_form_data(draft.category, draft, title="Gõ đè lên người khác")
    )

    assert response.status_code == HTTPStatus.OK
    assert "Lê Huy Kiên đang sửa bài này" in non_field_errors(response)
    assert 'value="Gõ đè lên người khác"' in response.text
    draft.refresh_from_db()
    assert draft.title != "Gõ đè lên người khác"


def test_an_editor_takes_the_article_over(journalist_client, editor, editor_client, draft):
    journalist_client.get(change_url(draft))

    offered = editor_client.get(change_url(draft))
    taken = editor_client.post(take_over_url(draft))
    editable = editor_client.get(change_url(draft))
    heartbeat = journalist_client.post(editing_url(draft))

    assert "Giành quyền sửa" in offered.text
    assert taken.status_code == HTTPStatus.FOUND
    assert EditLock.objects.get().user == editor
    assert editable.context["has_change_permission"] is True
    assert heartbeat.json()["lock"] == {
        "mine": False,
        "name": "Trần Minh Anh",
        "time": (timezone.localtime(EditLock.objects.get().since).strftime("%H:%M")),
    }


def test_journalists_cannot_take_over(journalist_client, other_journalist, draft):
    from tests.support.accounts import logged_in

    journalist_client.get(change_url(draft))

    response = logged_in(other_journalist).post(take_over_url(draft))

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_an_abandoned_lock_expires(journalist_client, other_journalist, draft):
    from tests.support.accounts import logged_in

    journalist_client.get(change_url(draft))
    EditLock.objects.update(
        renewed_at=timezone.now() - EditLock.EXPIRES_AFTER - dt.timedelta(seconds=1)
    )

    page = logged_in(other_journalist).get(change_url(draft))

    assert page.context["has_change_permission"] is True
    assert EditLock.objects.get().user == other_journalist


def test_the_heartbeat_keeps_the_lock_and_leaving_gives_it_up(journalist_client, draft):
    journalist_client.get(change_url(draft))
    EditLock.objects.update(renewed_at=timezone.now() - dt.timedelta(seconds=100))

    journalist_client.post(editing_url(draft))
    renewed = EditLock.objects.get().renewed_at
    journalist_client.post(editing_url(draft), {"leave": "1"})

    assert renewed > timezone.now() - dt.timedelta(seconds=5)
    assert not EditLock.objects.exists()


def test_saving_and_leaving_the_form_gives_the_lock_up(journalist_client, draft):
    journalist_client.get(change_url(draft))

    journalist_client.post(change_url(draft), article_form_data(draft.category, draft))

    assert not EditLock.objects.exists()


def test_the_heartbeat_tells_of_a_newer_save(journalist_client, editor_client, draft):
    opened_at = draft.version
    editor_client.post(change_url(draft), article_form_data(draft.category, draft, title="Mới"))

    answer = journalist_client.post(editing_url(draft), {"edit_version": opened_at}).json()

    assert answer["newer"]["name"] == "Trần Minh Anh"


def test_a_malformed_address_is_not_found(editor_client):
    response = editor_client.get("/admin/articles/article/abc/change/")

    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.NOT_FOUND}
