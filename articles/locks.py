"""Edit locks: who has an article open in the admin, and since when.

Opening an article's form takes its lock unless someone else holds one that is still
renewed; the form's page renews it every 30 seconds and gives it up when it is left
(static/admin_hnp/newsroom_editing.js). Others then see who is editing and since when, and
their form is read-only; an editor may take the lock over. A lock not renewed for
``EditLock.EXPIRES_AFTER`` was abandoned and goes to the next person who opens the article.

Locks keep people from typing over each other; the version number in the form (a save made
from an out-of-date form is refused) is what guarantees that no change is silently lost.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Article, EditLock, can_publish


@dataclass(frozen=True)
class LockState:
    lock: EditLock | None
    mine: bool  # the user holds it (or nobody does)
    can_take_over: bool

    @property
    def holder(self):
        return self.lock.user if self.lock is not None and not self.mine else None


def _live_lock(article: Article) -> EditLock | None:
    lock = EditLock.objects.filter(article=article).select_related("user", "taken_from").first()
    if lock is not None and lock.is_expired:
        lock.delete()
        return None
    return lock


def state(article: Article, user) -> LockState:
    """The lock as ``user`` sees it, without taking it."""
    lock = _live_lock(article)
    mine = lock is None or lock.user_id == user.pk
    return LockState(lock, mine, can_take_over=not mine and can_publish(user))


def acquire(article: Article, user) -> LockState:
    """Take the lock if it is free, expired or already ``user``'s (renewing it)."""
    now = timezone.now()
    with transaction.atomic():
        lock = _live_lock(article)
        if lock is None:
            try:
                with transaction.atomic():
                    lock = EditLock.objects.create(
                        article=article, user=user, since=now, renewed_at=now
                    )
            except IntegrityError:  # someone took it a moment ago
                return state(article, user)
            return LockState(lock, True, False)
        if lock.user_id != user.pk:
            return LockState(lock, False, can_take_over=can_publish(user))
        lock.renewed_at = now
        lock.save(update_fields=["renewed_at"])
        return LockState(lock, True, False)


def renew(article: Article, user) -> LockState:
    """The page's heartbeat: keeps ``user``'s lock, or says who took it."""
    return acquire(article, user)


def take_over(article: Article, user) -> EditLock:
    """An editor takes the article from whoever holds it."""
    now = timezone.now()
    with transaction.atomic():
        lock = EditLock.objects.select_for_update().filter(article=article).first()
        if lock is None:
            return EditLock.objects.create(article=article, user=user, since=now, renewed_at=now)
        if lock.user_id != user.pk:
            lock.taken_from_id = lock.user_id
            lock.user = user
            lock.since = now
        lock.renewed_at = now
        lock.save()
        return lock


def release(article: Article, user) -> None:
    """``user`` left the article: their lock (only theirs) goes."""
    EditLock.objects.filter(article=article, user=user).delete()
