"""E-mail to the moderators about comments waiting for them."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import MODERATOR_GROUP, Comment

logger = logging.getLogger(__name__)


def moderator_emails() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=MODERATOR_GROUP)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )


def notify_moderators(*, comment: Comment, base_url: str = "") -> bool:
    """E-mail the Moderator group about a new pending comment. Never raises.

    Called after the comment is committed, so a slow or broken mail server cannot lose the
    comment; a failure is logged and the reader's request goes on. (The SMTP connection has
    the EMAIL_TIMEOUT of the mail settings.) Returns whether a mail was sent.
    """
    try:
        recipients = moderator_emails()
        if not recipients:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            admin_path = reverse("admin:comments_comment_change", args=[comment.pk])
            context = {
                "comment": comment,
                "article_title": comment.article.title,
                "admin_url": f"{base_url.rstrip('/')}{admin_path}",
                "held_for_links": comment.needs_review_reason
                == Comment.ReviewReason.TOO_MANY_LINKS,
            }
            subject = _("New comment awaiting moderation: %(title)s") % {
                "title": " ".join(comment.title.split())[:120]
            }
            body = render_to_string("comments/email/new_comment.txt", context)
        EmailMessage(subject=subject, body=body, to=recipients).send()
    except Exception:
        logger.exception("Could not e-mail the moderators about comment %s.", comment.pk)
        return False
    return True
