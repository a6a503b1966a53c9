"""The moderators' e-mail: a digest of the comments waiting for them (comments/tasks.py decides
when it goes). Links are built from settings.SITE_URL, never from a request's Host header."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hnp.links import site_link

from .models import MODERATOR_GROUP, Comment

# A digest lists this many comments at most, then says how many more wait in the admin.
DIGEST_LIST_LIMIT = 30


def moderator_emails() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=MODERATOR_GROUP)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )


def send_digest(*, comments: list[Comment], recipients: list[str]) -> None:
    """One e-mail to ``recipients`` listing ``comments`` (pending, oldest first). Raises what
    the mail server raises: the caller retries."""
    listed = comments[:DIGEST_LIST_LIMIT]
    with translation.override(settings.LANGUAGE_CODE):
        changelist = reverse("admin:comments_comment_changelist")
        context = {
            "comments": [
                {
                    "comment": comment,
                    "article_title": comment.article.title,
                    "admin_url": site_link(
                        reverse("admin:comments_comment_change", args=[comment.pk])
                    ),
                    "held_for_links": comment.needs_review_reason
                    == Comment.ReviewReason.TOO_MANY_LINKS,
                }
                for comment in listed
            ],
            "more": len(comments) - len(listed),
            "pending_url": site_link(f"{changelist}?status__exact={Comment.Status.PENDING}"),
        }
        if len(comments) == 1:
            subject = _("New comment awaiting moderation: %(title)s") % {
                "title": " ".join(comments[0].title.split())[:120]
            }
        else:
            subject = ngettext(
                "%(count)d new comments awaiting moderation",
                "%(count)d new comments awaiting moderation",
                len(comments),
            ) % {"count": len(comments)}
        body = render_to_string("comments/email/digest.txt", context)
    EmailMessage(subject=subject, body=body, to=recipients).send()
