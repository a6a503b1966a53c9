"""What a moderator does to comments: one helper per action, shared by the admin's bulk
actions, its change form and the tests, so that every decision records who and when, and
leaves an entry in the moderation log (ModerationDecision) with the reason."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .freshness import comments_changed
from .models import Comment, ModerationDecision, ModerationReason

Action = ModerationDecision.Action


def moderator_name(moderator) -> str:
    full = moderator.get_full_name() if hasattr(moderator, "get_full_name") else ""
    return (full or getattr(moderator, "username", "") or str(moderator))[:150]


def record_decisions(
    *,
    rows: list[dict],
    moderator,
    action: str,
    new_status: str = "",
    reason: str = "",
    note: str = "",
    now=None,
) -> None:
    """Log ``action`` on each comment of ``rows`` (dicts with pk, title and status)."""
    now = now or timezone.now()
    name = moderator_name(moderator)
    ModerationDecision.objects.bulk_create(
        ModerationDecision(
            comment_id=row["pk"],
            comment_title=row["title"][:200],
            moderator=moderator,
            moderator_name=name,
            created_at=now,
            action=action,
            old_status=row["status"],
            new_status=new_status or row["status"],
            reason=reason,
            note=note,
        )
        for row in rows
    )


def _moderate(
    *, comments: QuerySet, moderator, status: str, action: str, reason: str, note: str
) -> int:
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            comments.order_by().select_for_update().values("pk", "title", "status", "article_id")
        )
        if not rows:
            return 0
        changed = Comment.objects.filter(pk__in=[row["pk"] for row in rows]).update(
            status=status, moderated_by=moderator, moderated_at=now, moderation_reason=reason
        )
        record_decisions(
            rows=rows,
            moderator=moderator,
            action=action,
            new_status=status,
            reason=reason,
            note=note,
            now=now,
        )
        # update() sends no signal: the cached pages must hear of it here.
        comments_changed({row["article_id"] for row in rows})
    return changed


def approve_comments(*, comments: QuerySet, moderator, reason: str = "", note: str = "") -> int:
    """Publish ``comments``; returns how many were changed."""
    return _moderate(
        comments=comments,
        moderator=moderator,
        status=Comment.Status.APPROVED,
        action=Action.APPROVE,
        reason=reason,
        note=note,
    )


def reject_comments(
    *, comments: QuerySet, moderator, reason: str = ModerationReason.OTHER, note: str = ""
) -> int:
    return _moderate(
        comments=comments,
        moderator=moderator,
        status=Comment.Status.REJECTED,
        action=Action.REJECT,
        reason=reason,
        note=note,
    )


def mark_comments_as_spam(
    *, comments: QuerySet, moderator, reason: str = ModerationReason.ADVERTISING, note: str = ""
) -> int:
    return _moderate(
        comments=comments,
        moderator=moderator,
        status=Comment.Status.SPAM,
        action=Action.SPAM,
        reason=reason,
        note=note,
    )


def restore_comments(*, comments: QuerySet, moderator, reason: str = "", note: str = "") -> int:
    """Put rejected or spam comments back among the pending ones, to be judged again."""
    return _moderate(
        comments=comments,
        moderator=moderator,
        status=Comment.Status.PENDING,
        action=Action.RESTORE,
        reason=reason,
        note=note,
    )
