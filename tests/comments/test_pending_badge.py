"""The admin's pending-comments badge reads a small JSON endpoint that only staff who may
moderate can read."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:comments_comment_pending_count")


def test_moderators_read_the_pending_count_and_every_admin_page_carries_the_badge(
    client, moderator
):
    CommentFactory.create_batch(3, status=Comment.Status.PENDING)
    CommentFactory(status=Comment.Status.APPROVED)
    client.force_login(moderator)

    response = client.get(URL)

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"pending": 3}
    assert "no-store" in response["Cache-Control"]
    index = client.get(reverse("admin:index")).content.decode()
    assert f'data-pending-url="{URL}"' in index
    assert "admin_hnp/pending_badge.js" in index


def test_staff_who_may_not_moderate_and_readers_cannot_read_it(client, viewer):
    assert client.get(URL).status_code == HTTPStatus.FOUND  # to the login page
    client.force_login(viewer)
    assert client.get(URL).status_code == HTTPStatus.FORBIDDEN
    assert "data-pending-url" not in client.get(reverse("admin:index")).content.decode()
