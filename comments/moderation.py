"""What a moderator does to comments: one helper per action, shared by the admin's bulk
actions, its change form and the tests, so that every decision records who and when."""

from django.db.models import QuerySet
from django.utils import timezone

from .freshness import comments_changed
from .models import Comment


def _moderate(*, comments: QuerySet, moderator, status: str) -> int:
    article_ids = set(comments.values_list("article_id", flat=True))
    changed = comments.order_by().update(
        status=status, moderated_by=moderator, moderated_at=timezone.now()
    )
    if changed:
        # update() sends no signal: the cached pages must hear of it here.
        comments_changed(article_ids)
    return changed


def approve_comments(*, comments: QuerySet, moderator) -> int:
    """Publish ``comments``; returns how many were changed."""
    return _moderate(comments=comments, moderator=moderator, status=Comment.Status.APPROVED)


def reject_comments(*, comments: QuerySet, moderator) -> int:
    return _moderate(comments=comments, moderator=moderator, status=Comment.Status.REJECTED)


def mark_comments_as_spam(*, comments: QuerySet, moderator) -> int:
    return _moderate(comments=comments, moderator=moderator, status=Comment.Status.SPAM)
