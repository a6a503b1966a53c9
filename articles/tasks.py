"""Background work of the newsroom, run by Django's tasks framework (TASKS in
config/settings.py: django-tasks-db's database queue, worked by ``manage.py db_worker``).

Tasks take only JSON values and look everything else up when they run: the article may have
changed, or gone, between the request and the worker.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Q
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def editor_emails() -> list[str]:
    """The addresses of the active staff who may publish (by their group or their own
    right)."""
    permission = Permission.objects.filter(
        content_type__app_label="articles", codename="publish_article"
    ).first()
    if permission is None:
        return []
    return list(
        get_user_model()
        .objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .filter(is_active=True, is_staff=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )


@task
def email_editors(*, article_id: int, kind: str, admin_url: str) -> int:
    """E-mail the editors that an article (``kind`` "review") or a change to a published one
    (``kind`` "change") waits for them. Returns how many addresses it was sent to."""
    from .models import Article, display_name

    article = Article.objects.filter(pk=article_id).select_related("created_by").first()
    recipients = editor_emails()
    if article is None or not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        name = display_name(article.created_by) if article.created_by else article.byline
        if kind == "change":
            subject = _("Change waiting for an editor: %(title)s")
            intro = _("%(name)s changed the published article “%(title)s”.")
            action = _("Compare it with the live version and publish or send it back here:")
        else:
            subject = _("Article waiting for review: %(title)s")
            intro = _("%(name)s sent “%(title)s” for review.")
            action = _("Review, publish or send it back here:")
        title = " ".join(article.title.split())[:120]
        body = "\n\n".join([intro % {"name": name, "title": title}, f"{action}\n{admin_url}"])
        EmailMessage(subject=subject % {"title": title}, body=body + "\n", to=recipients).send()
    return len(recipients)
