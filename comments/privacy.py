"""Commenters' personal data: erased after the retention period, or at the commenter's
request (SECURITY.md says what is kept and for how long)."""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .forms import normalise_phone
from .freshness import comments_changed
from .models import Comment, ModerationDecision
from .moderation import record_decisions

logger = logging.getLogger(__name__)


def purge_commenter_data(*, now: dt.datetime | None = None) -> int:
    """Erase the phone number, IP address and browser of comments moderated more than
    COMMENT_PII_RETENTION_DAYS ago; returns how many comments were changed.

    Run daily by ``manage.py purge_commenter_data`` (see comments/README.md). The name, title
    and text stay: for a published comment they are public anyway.
    """
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.COMMENT_PII_RETENTION_DAYS)
    return (
        Comment.objects.moderated_before(cutoff)
        .with_personal_data()
        .order_by()
        .update(phone="", ip_address=None, user_agent="")
    )


def anonymous_name() -> str:
    """The name an anonymised comment is shown under, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Anonymous reader")


def _erasure_note(*, delete: bool) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if delete:
            return _("Deleted at the commenter's request")
        return _("Anonymised at the commenter's request")


def erase_commenter(*, phone: str, moderator, delete: bool = False) -> int:
    """Erase, at the commenter's request, every comment left with ``phone`` (typed as people
    type it); returns how many comments were affected.

    By default the comments are anonymised: the name becomes "Anonymous reader" and the phone
    number, IP address and browser are erased, while the text stays where it was published.
    With ``delete`` the comments are deleted outright. Raises ValidationError for a phone
    number that is not one (``normalise_phone``).
    """
    comments = Comment.objects.filter(phone=normalise_phone(phone)).order_by()
    with transaction.atomic():
        rows = list(comments.select_for_update().values("pk", "title", "status", "article_id"))
        # Logged first: a deleted comment's entries keep its title, with the link emptied.
        record_decisions(
            rows=rows,
            moderator=moderator,
            action=ModerationDecision.Action.ERASE,
            note=_erasure_note(delete=delete),
        )
        if delete:
            count = comments.delete()[1].get(Comment._meta.label, 0)
        else:
            count = comments.update(name=anonymous_name(), phone="", ip_address=None, user_agent="")
            if count:
                # update() sends no signal; names show on pages
                comments_changed({row["article_id"] for row in rows})
    logger.info(
        "Commenter data erased on request by %s: %d comment(s) %s.",
        getattr(moderator, "username", moderator),
        count,
        "deleted" if delete else "anonymised",
    )
    return count
