"""The moderators' digest, through Django's tasks framework (TASKS: django-tasks-db's queue in
the database, worked by ``manage.py db_worker``; docs/deploy.md).

A reader's pending comment never sends mail in the reader's request: it asks for a digest
(``schedule_moderator_digest``, after the comment is committed). At most one digest is queued
at a time, and it runs no sooner than COMMENT_DIGEST_MINUTES after the last one, so each
moderator gets at most one e-mail per period, listing every comment that came meanwhile.

A comment is marked as e-mailed only once the mail server has taken the digest; until then it
is in the next one. A failed send is retried (RETRY_DELAYS), as often as it takes: a mail server
that is down delays the digest, never loses it.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from django.tasks import task
from django.utils import timezone

from .models import Comment, ModeratorDigest
from .notifications import moderator_emails, send_digest

logger = logging.getLogger(__name__)

# Seconds before the next attempt, by attempt; the last one repeats.
RETRY_DELAYS = (60, 5 * 60, 15 * 60, 60 * 60)
# A digest queued longer ago than this has been lost (the task's row deleted, say): the next
# comment queues another.
LOST_AFTER = dt.timedelta(hours=2)


def _digest_row() -> ModeratorDigest:
    """The row, locked until the end of the transaction."""
    ModeratorDigest.objects.get_or_create(pk=1)
    return ModeratorDigest.objects.select_for_update().get(pk=1)


def _queue(digest: ModeratorDigest, *, run_at: dt.datetime, attempt: int = 1) -> None:
    # In the transaction that records it: the task's row and the digest's commit together.
    digest.queued_for = run_at
    digest.save(update_fields=["queued_for"])
    send_moderator_digest.using(run_after=run_at).enqueue(attempt=attempt)


def _earliest(digest: ModeratorDigest, now: dt.datetime) -> dt.datetime:
    if digest.last_sent_at is None:
        return now
    return max(now, digest.last_sent_at + dt.timedelta(minutes=settings.COMMENT_DIGEST_MINUTES))


def schedule_moderator_digest(*, now: dt.datetime | None = None) -> None:
    """Queue a digest of the pending comments, unless one is queued already."""
    now = now or timezone.now()
    with transaction.atomic():
        digest = _digest_row()
        if digest.queued_for is not None and digest.queued_for > now - LOST_AFTER:
            return
        _queue(digest, run_at=_earliest(digest, now))


def digest_after_comment() -> None:
    """Run once a pending comment is committed. If the database fails just then, the comment
    is stored all the same, and the digest is queued by the next comment or by the
    ``queue_moderator_digest`` job (settings.PERIODIC_JOBS): one warning, no traceback."""
    try:
        schedule_moderator_digest()
    except DatabaseError as error:
        logger.warning(
            "Could not queue the moderators' digest (%s); the periodic job will.",
            type(error).__name__,
        )


def queue_missed_digest() -> bool:
    """Queue a digest if comments wait that no digest has listed (one whose queueing failed);
    returns whether any wait."""
    waiting = Comment.objects.pending().filter(moderators_emailed_at__isnull=True).exists()
    if waiting:
        schedule_moderator_digest()
    return waiting


@task
def send_moderator_digest(*, attempt: int = 1) -> int:
    """E-mail the moderators the pending comments they have not been told about; returns how
    many comments the digest listed (0 when there was nothing to send, or it failed)."""
    now = timezone.now()
    waiting = list(
        Comment.objects.pending()
        .filter(moderators_emailed_at__isnull=True)
        .select_related("article")
        .order_by("created_at", "pk")
    )
    recipients = moderator_emails() if waiting else []
    if waiting and recipients:
        try:
            send_digest(comments=waiting, recipients=recipients)
        except Exception:
            delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
            logger.exception(
                "Could not e-mail the moderators' digest (attempt %d); next try in %d s.",
                attempt,
                delay,
            )
            with transaction.atomic():
                _queue(_digest_row(), run_at=now + dt.timedelta(seconds=delay), attempt=attempt + 1)
            return 0
    with transaction.atomic():
        digest = _digest_row()
        digest.queued_for = None
        if waiting and recipients:
            Comment.objects.filter(pk__in=[c.pk for c in waiting]).update(moderators_emailed_at=now)
            digest.last_sent_at = now
        digest.save(update_fields=["queued_for", "last_sent_at"])
        # Comments that came while the mail was being sent: the next digest, in its time.
        if (
            recipients
            and Comment.objects.pending().filter(moderators_emailed_at__isnull=True).exists()
        ):
            _queue(digest, run_at=_earliest(digest, timezone.now()))
    return len(waiting) if recipients else 0
