"""Moderation in the admin: the list, the bulk actions, and who may use them."""

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from comments.moderation import approve_comments, mark_comments_as_spam, reject_comments
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def _action(client, action, comments, **data):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in comments], **data}
    )


def test_the_moderator_group_may_view_and_moderate_comments_and_nothing_else():
    codenames = set(
        Group.objects.get(name="Moderator").permissions.values_list("codename", flat=True)
    )

    assert codenames == {"view_comment", "change_comment", "moderate_comment"}


def test_editors_may_moderate_and_journalists_may_not(editor, journalist):
    assert editor.has_perm("comments.moderate_comment")
    assert not journalist.has_perm("comments.moderate_comment")
    assert not journalist.has_perm("comments.view_comment")


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Comment.Status.APPROVED),
        ("reject", Comment.Status.REJECTED),
        ("mark_as_spam", Comment.Status.SPAM),
    ],
)
def test_a_moderator_handles_comments_in_bulk_and_is_recorded(client, moderator, action, status):
    chosen = CommentFactory.create_batch(2, status=Comment.Status.PENDING)
    untouched = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(moderator)
    before = timezone.now()

    response = _action(client, action, chosen, reason="off-topic")

    assert response.status_code == HTTPStatus.FOUND
    for comment in chosen:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.moderated_by == moderator
        assert comment.moderated_at >= before
    untouched.refresh_from_db()
    assert (untouched.status, untouched.moderated_by) == (Comment.Status.PENDING, None)


def test_an_editor_may_approve_comments(client, editor):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(editor)

    _action(client, "approve", [comment])

    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.APPROVED, editor)


def test_a_journalist_cannot_see_or_moderate_comments(client, journalist):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(journalist)

    assert client.get(CHANGELIST).status_code == HTTPStatus.FORBIDDEN
    assert _action(client, "approve", [comment]).status_code == HTTPStatus.FORBIDDEN
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_without_the_moderate_permission_the_actions_are_hidden_and_refused(client, viewer):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(viewer)

    page = client.get(CHANGELIST)
    _action(client, "approve", [comment])

    assert page.status_code == HTTPStatus.OK
    assert 'value="approve"' not in page.content.decode()
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.PENDING, None)


def test_the_moderation_helpers_record_who_and_when(moderator):
    comments = CommentFactory.create_batch(3, status=Comment.Status.PENDING)
    first, second, third = comments

    assert approve_comments(comments=Comment.objects.filter(pk=first.pk), moderator=moderator) == 1
    reject_comments(comments=Comment.objects.filter(pk=second.pk), moderator=moderator)
    mark_comments_as_spam(comments=Comment.objects.filter(pk=third.pk), moderator=moderator)

    assert [c.status for c in Comment.objects.order_by("pk")] == ["approved", "rejected", "spam"]
    assert all(c.moderated_by == moderator and c.moderated_at for c in Comment.objects.all())


def test_the_list_shows_pending_comments_first_then_the_newest(client, moderator):
    now = timezone.now()
    approved_new = CommentFactory(status="approved", title="Đã duyệt mới", created_at=now)
    pending_old = CommentFactory(
        status="pending", title="Chờ duyệt cũ", created_at=now - dt.timedelta(days=2)
    )
    pending_new = CommentFactory(
        status="pending", title="Chờ duyệt mới", created_at=now - dt.timedelta(hours=1)
    )
    spam = CommentFactory(status="spam", title="Thư rác", created_at=now)
    client.force_login(moderator)

    response = client.get(CHANGELIST)

    shown = list(response.context["cl"].result_list)
    assert shown == [pending_new, pending_old, approved_new, spam]


def test_the_list_says_how_many_comments_are_waiting(client, moderator):
    CommentFactory.create_batch(3, status="pending")
    CommentFactory(status="approved")
    client.force_login(moderator)

    html = client.get(CHANGELIST).content.decode()

    assert "Bình luận: 3 bình luận đang chờ duyệt" in html


def test_the_list_shows_the_article_the_start_of_the_content_and_the_link_flag(client, moderator):
    article = ArticleFactory(title="Mở rộng đường Vành đai")
    CommentFactory(
        article=article,
        status="pending",
        content="Rất mong dự án sớm hoàn thành. " * 10,
        needs_review_reason=Comment.ReviewReason.TOO_MANY_LINKS,
    )
    CommentFactory(status="pending", content="Bình luận bình thường.")
    client.force_login(moderator)

    html = client.get(CHANGELIST).content.decode()

    assert f'href="{article.get_absolute_url()}#binh-luan"' in html
    assert "Mở rộng đường Vành đai" in html
    assert "Rất mong dự án sớm hoàn thành." in html
    assert "Rất mong dự án sớm hoàn thành. " * 10 not in html
    flagged_cells = re.findall(r'<td class="field-link_flag">([^<]*)</td>', html)
    assert sorted(flagged_cells) == ["", "Quá nhiều liên kết"]  # only the flagged one is marked
    assert 'alt="None"' not in html and 'alt="False"' not in html


def test_the_list_can_be_filtered_and_searched(client, moderator):
    article = ArticleFactory()
    wanted = CommentFactory(article=article, status="pending", title="Cây xanh bị chặt")
    CommentFactory(article=article, status="approved", title="Vỉa hè")
    CommentFactory(status="pending", title="Ở bài khác")
    client.force_login(moderator)

    by_article_and_status = client.get(
        CHANGELIST, {"status__exact": "pending", "article__id__exact": article.pk}
    )
    by_search = client.get(CHANGELIST, {"q": "cây xanh"})

    assert list(by_article_and_status.context["cl"].result_list) == [wanted]
    assert list(by_search.context["cl"].result_list) == [wanted]
    assert article.title in by_article_and_status.content.decode()


def _changelist_queries(client, n):
    Comment.objects.all().delete()
    for _ in range(n):
        CommentFactory(article=ArticleFactory())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(CHANGELIST).status_code == HTTPStatus.OK
    return len(queries)


def test_the_list_query_count_does_not_grow_with_the_comments(client, moderator):
    """Guards against a query per row for the comment's article (list_select_related)."""
    client.force_login(moderator)

    assert _changelist_queries(client, 3) == _changelist_queries(client, 30)


def test_phone_and_ip_are_shown_only_to_moderators(client, moderator, viewer):
    comment = CommentFactory(phone="0912345678", ip_address="203.0.113.99")
    change_url = reverse("admin:comments_comment_change", args=[comment.pk])

    client.force_login(viewer)
    hidden = client.get(change_url).content.decode() + client.get(CHANGELIST).content.decode()
    client.force_login(moderator)
    shown = client.get(change_url).content.decode()

    assert "0912345678" not in hidden and "203.0.113.99" not in hidden
    assert "0912345678" in shown and "203.0.113.99" in shown


def test_changing_the_status_on_the_form_records_the_moderator(client, moderator):
    comment = CommentFactory(status="pending")
    client.force_login(moderator)

    response = client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]), {"status": "approved"}
    )

    assert response.status_code == HTTPStatus.FOUND
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.APPROVED, moderator)
    assert comment.moderated_at is not None


def test_the_reader_text_cannot_be_changed_in_the_admin(client, moderator):
    comment = CommentFactory(status="pending", title="Nguyên văn")
    client.force_login(moderator)

    client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {"status": "pending", "title": "Đã sửa", "phone": "0999999999"},
    )

    comment.refresh_from_db()
    assert comment.title == "Nguyên văn"


def test_comments_cannot_be_added_in_the_admin(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("admin:comments_comment_add"))

    assert response.status_code == HTTPStatus.FORBIDDEN
