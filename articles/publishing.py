"""Editors' bulk actions on the selected articles: publish now, unpublish, schedule.

Each article is saved on its own (its save() rules apply, it keeps a revision, and the page
cache hears of it: articles/freshness.py), in one transaction; the journalists whose articles
were published hear of it (articles/review.py). Only editors may run them: the admin hides the
actions from journalists and refuses them on the server
(``ArticleAdmin.has_publish_permission``); these functions check again.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, can_publish
from .review import record_decision
from .revisions import save_article


def _change_each(articles, *, editor, change, comment: str) -> int:
    if not can_publish(editor):
        raise PermissionDenied
    count = 0
    with transaction.atomic():
        for article in Article.objects.select_for_update().filter(
            pk__in=[article.pk for article in articles]
        ):
            previous_status = article.status
            change(article)
            save_article(article, user=editor, comment=comment)
            record_decision(article=article, previous_status=previous_status, editor=editor)
            count += 1
    return count


def publish_now(articles, *, editor) -> int:
    """Readers see the articles from now on (scheduled ones too, dated now)."""
    now = timezone.now()

    def publish(article: Article) -> None:
        if not article.is_visible_to_readers:
            article.published_at = now
        article.status = Article.Status.PUBLISHED

    return _change_each(articles, editor=editor, change=publish, comment=_("Published now"))


def unpublish(articles, *, editor) -> int:
    """Back to draft: readers no longer see them (nor do scheduled ones go live)."""

    def withdraw(article: Article) -> None:
        article.status = Article.Status.DRAFT

    return _change_each(articles, editor=editor, change=withdraw, comment=_("Unpublished"))


def schedule(articles, *, editor, when: dt.datetime) -> int:
    """Published at ``when``, a time still to come."""
    if when <= timezone.now():
        raise ValueError("a schedule is a time still to come")

    def set_time(article: Article) -> None:
        article.status = Article.Status.PUBLISHED
        article.published_at = when

    comment = _("Scheduled for %(when)s") % {
        "when": timezone.localtime(when).strftime("%H:%M %d/%m/%Y")
    }
    return _change_each(articles, editor=editor, change=set_time, comment=comment)
