"""What a moderator does to comments: one helper per action, shared by the admin's bulk
actions, its change form and the tests, so that every decision records who and when, and
leaves an entry in the moderation log (ModerationDecision) with the reason."""

import re

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


_CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)
_BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(text: str) -> str:
    """The reply as stored: plain text (shown escaped, line breaks kept), without control or
    direction-changing characters, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_CHARACTERS.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


class CannotReply(ValueError):
    """A rejected comment or spam gets no official reply."""


def publish_reply(*, comment: Comment, moderator, text: str) -> None:
    """Publish (or, with an empty ``text``, withdraw) the newsroom's reply to ``comment``.

    Shown at once under the comment: a pending comment is approved with it (both decisions
    are logged). Raises CannotReply for a rejected comment or spam.
    """
    text = plain_text(text)
    now = timezone.now()
    with transaction.atomic():
        row = (
            Comment.objects.select_for_update()
            .values("pk", "title", "status", "article_id")
            .get(pk=comment.pk)
        )
        if text and row["status"] in (Comment.Status.REJECTED, Comment.Status.SPAM):
            raise CannotReply(row["status"])
        if text and row["status"] == Comment.Status.PENDING:
            approve_comments(comments=Comment.objects.filter(pk=row["pk"]), moderator=moderator)
            row["status"] = Comment.Status.APPROVED
        Comment.objects.filter(pk=row["pk"]).update(
            reply=text, replied_by=moderator if text else None, replied_at=now if text else None
        )
        record_decisions(rows=[row], moderator=moderator, action=Action.REPLY, note=text, now=now)
        comments_changed([row["article_id"]])
    comment.refresh_from_db()
