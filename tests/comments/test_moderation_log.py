"""Every moderation decision is logged (who, when, which comment, from and to which status,
why), the log can be read and filtered but never changed, and the commenter sees the reason's
category, never the moderator."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from comments import moderation, privacy
from comments.models import Comment, ModerationDecision
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")
LOG = reverse("admin:comments_moderationdecision_changelist")


def _bulk(client, action, comments, *, follow=False, **data):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [c.pk for c in comments], **data},
        follow=follow,
    )


def test_a_bulk_rejection_asks_the_reason_once_and_logs_each_comment(client, moderator):
    chosen = CommentFactory.create_batch(3, status=Comment.Status.PENDING)
    client.force_login(moderator)

    response = _bulk(client, "reject", chosen, reason="language", note="Chửi thề")

    assert response.status_code == HTTPStatus.FOUND
    decisions = ModerationDecision.objects.order_by("comment_id")
    assert [d.comment_id for d in decisions] == [c.pk for c in chosen]
    for decision, comment in zip(decisions, chosen, strict=True):
        assert decision.moderator == moderator
        assert decision.moderator_name == moderator.get_full_name() or moderator.username
        assert (decision.action, decision.old_status, decision.new_status) == (
            "reject",
            "pending",
            "rejected",
        )
        assert (decision.reason, decision.note) == ("language", "Chửi thề")
        assert decision.comment_title == comment.title
    assert set(Comment.objects.values_list("moderation_reason", flat=True)) == {"language"}


def test_rejecting_without_a_reason_changes_nothing_and_says_why(client, moderator):
    chosen = CommentFactory.create_batch(2, status=Comment.Status.PENDING)
    client.force_login(moderator)

    response = _bulk(client, "mark_as_spam", chosen, follow=True)

    assert "Hãy chọn lý do" in response.content.decode()
    assert set(Comment.objects.values_list("status", flat=True)) == {"pending"}
    assert not ModerationDecision.objects.exists()


def test_approving_needs_no_reason_and_restoring_is_logged_too(client, moderator):
    comment = CommentFactory(status=Comment.Status.SPAM)
    client.force_login(moderator)

    _bulk(client, "restore", [comment])
    _bulk(client, "approve", [comment])

    assert list(
        ModerationDecision.objects.order_by("created_at", "pk").values_list(
            "action", "old_status", "new_status"
        )
    ) == [("restore", "spam", "pending"), ("approve", "pending", "approved")]


def test_the_comment_form_asks_a_reason_for_a_rejection_and_logs_it(client, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(moderator)
    url = reverse("admin:comments_comment_change", args=[comment.pk])

    refused = client.post(url, {"status": "rejected"})
    assert refused.status_code == HTTPStatus.OK
    assert "Hãy chọn lý do khi từ chối hoặc đánh dấu spam." in refused.content.decode()
    assert Comment.objects.get().status == "pending"

    client.post(url, {"status": "rejected", "decision_reason": "false", "decision_note": "Sai"})

    decision = ModerationDecision.objects.get()
    assert (decision.action, decision.reason, decision.note) == ("reject", "false", "Sai")


def test_erasing_a_commenters_data_is_logged_and_the_log_outlives_the_comment(moderator):
    comment = CommentFactory(phone="0912345678", title="Của tôi")

    privacy.erase_commenter(phone="0912 345 678", moderator=moderator, delete=True)

    decision = ModerationDecision.objects.get()
    assert decision.action == "erase"
    assert decision.comment_id is None  # the comment is gone, its log entry is not
    assert decision.comment_title == "Của tôi"
    assert decision.note == "Đã xóa theo yêu cầu của người bình luận"
    assert not Comment.objects.filter(pk=comment.pk).exists()


def test_nobody_can_change_or_delete_the_log(client, admin_user, moderator):
    comment = CommentFactory()
    moderation.approve_comments(comments=Comment.objects.all(), moderator=moderator)
    decision = ModerationDecision.objects.get()
    client.force_login(admin_user)

    assert client.get(LOG).status_code == HTTPStatus.OK
    change = reverse("admin:comments_moderationdecision_change", args=[decision.pk])
    client.post(change, {"note": "sửa"})
    delete = reverse("admin:comments_moderationdecision_delete", args=[decision.pk])
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    with pytest.raises(PermissionError):
        decision.delete()
    with pytest.raises(PermissionError):
        ModerationDecision.objects.all().delete()
    with pytest.raises(PermissionError):
        ModerationDecision.objects.update(note="sửa")
    decision.refresh_from_db()
    assert decision.note == ""
    assert comment.decisions.count() == 1


def test_moderators_read_the_log_filtered_by_moderator_date_and_reason(client, moderator, editor):
    first, second = CommentFactory.create_batch(2)
    moderation.reject_comments(
        comments=Comment.objects.filter(pk=first.pk), moderator=moderator, reason="advertising"
    )
    moderation.reject_comments(
        comments=Comment.objects.filter(pk=second.pk), moderator=editor, reason="off-topic"
    )
    client.force_login(moderator)

    by_moderator = client.get(LOG, {"moderator__id__exact": editor.pk}).content.decode()
    by_reason = client.get(LOG, {"reason__exact": "advertising"}).content.decode()
    page = client.get(LOG).content.decode()

    assert second.title in by_moderator and first.title not in by_moderator
    assert first.title in by_reason and second.title not in by_reason
    assert "Quảng cáo" in page and "Không liên quan" in page
    assert 'href="?created_at__year=' in page  # the date drill-down


def test_the_commenters_status_page_shows_the_reasons_category_not_the_moderator(client, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING)
    moderation.reject_comments(
        comments=Comment.objects.filter(pk=comment.pk),
        moderator=moderator,
        reason="off-topic",
        note="Ghi chú nội bộ",
    )

    html = client.get(comment.get_absolute_url()).content.decode()

    assert "Lý do: Không liên quan" in html
    assert moderator.username not in html
    assert "Ghi chú nội bộ" not in html
