"""Restoring an earlier revision of an article: as a new revision, or, for a journalist's
published article, as a change waiting for an editor (articles/review.py)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from reversion.models import Version

from .models import Article, can_publish
from .review import propose_change
from .revisions import local_time_text, restored_content, save_article


@dataclass(frozen=True)
class Restored:
    article: Article
    pending: bool  # True: saved as a change waiting for an editor, readers see no change yet


def restore_revision(article: Article, version: Version, *, user) -> Restored:
    """Bring ``version``'s content (title, lead, body, cover, category, byline…) back.

    Whether and when the article is published stays as it is: restoring text never publishes
    or withdraws an article. A category or author deleted since is left as it is now.
    """
    values = restored_content(version)
    when = version.revision.date_created
    comment = _("Restored the revision of %(when)s") % {"when": local_time_text(when)}
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.status == Article.Status.PUBLISHED and not can_publish(user):
            pending = propose_change(article=article, values=values, user=user)
            return Restored(pending.article, pending=True)
        for name, value in values.items():
            setattr(article, name, value)
        save_article(article, user=user, comment=comment)
    return Restored(article, pending=False)
