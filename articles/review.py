"""What goes between journalists and editors: articles sent for review, journalists' changes
to published articles waiting for an editor (Wagtail's "draft of a live page"), and the
editors' answers (published, or sent back with a note) that the journalist reads in the admin.

Editors hear of work waiting for them by a badge in the admin (``waiting_count``) and by
e-mail, sent by a background task (articles/tasks.py) once the request's transaction has
committed, never from the request itself.
"""

from django.core.files.base import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hnp.links import site_link

from .models import (
    PENDING_CHANGE_FIELDS,
    Article,
    PendingChange,
    ReviewDecision,
    can_publish,
    display_name,
)
from .revisions import save_article
from .tasks import email_editors

CHANGE_ATTNAMES = tuple(Article._meta.get_field(name).attname for name in PENDING_CHANGE_FIELDS)


def waiting_count() -> int:
    """Articles in review plus published articles with a change waiting: the editors' badge."""
    return Article.objects.needing_an_editor().count()


def queue():
    """The editors' review queue, the longest waiting first: (sent at, article, pending
    change or None) for each article in review and each change waiting."""
    in_review = [
        (article.review_requested_at, article, None)
        for article in Article.objects.waiting_for_review()
        .select_related("category", "created_by")
        .defer("body", "search_text")
    ]
    changes = [
        (pending.submitted_at, pending.article, pending)
        for pending in PendingChange.objects.filter(returned_at__isnull=True)
        .select_related("article__category", "created_by")
        .defer("body", "article__body", "article__search_text")
    ]
    return sorted(in_review + changes, key=lambda row: (row[0] or timezone.now(), row[1].pk))


def tell_editors(article: Article, *, kind: str) -> None:
    """E-mail the editors (in the background, after the commit) that ``article`` waits for
    them: ``kind`` "review" for an article sent for review, "change" for a pending change.
    The link starts with SITE_URL (hnp.links), never with the request's Host."""
    admin_url = site_link(reverse("admin:articles_article_change", args=[article.pk]))
    transaction.on_commit(
        lambda: email_editors.enqueue(article_id=article.pk, kind=kind, admin_url=admin_url),
        robust=True,
    )


# --- A journalist's change to a published article --------------------------------------------


def propose_change(
    *, article: Article, values: dict, user, tags: list[str] | None = None
) -> PendingChange:
    """Keep ``values`` (attribute names of ``PENDING_CHANGE_FIELDS``; the cover as a storage
    name, a new upload, or "" for none) as the article's pending change, replacing the one
    waiting. The article itself is not touched."""
    pending = PendingChange.objects.filter(article=article).first() or PendingChange(
        article=article
    )
    for name in CHANGE_ATTNAMES:
        if name not in values:
            continue
        value = values[name]
        if name == "cover_image" and isinstance(value, File) and not isinstance(value, FieldFile):
            pending.cover_image.save(value.name, value, save=False)
            continue
        if name == "cover_image":
            value = getattr(value, "name", value) or ""
        setattr(pending, name, value)
    if tags is not None:
        pending.tags = sorted(tags)
    pending.base_version = article.version
    pending.created_by = user
    pending.submitted_at = timezone.now()
    pending.returned_at = None
    pending.save()
    return pending


def pending_values(pending: PendingChange) -> dict:
    values = {name: getattr(pending, name) for name in CHANGE_ATTNAMES}
    values["cover_image"] = pending.cover_image.name or ""
    return values


def show_pending_change(article: Article, pending: PendingChange) -> None:
    """Put the pending change's content on ``article`` (not saved), for the journalist's form
    to start from their own latest version."""
    for name, value in pending_values(pending).items():
        setattr(article, name, value)


@transaction.atomic
def publish_change(*, pending: PendingChange, editor, note: str = "") -> Article:
    """Readers get the change: the article takes its content, saved as a new revision."""
    article = Article.objects.select_for_update().get(pk=pending.article_id)
    for name, value in pending_values(pending).items():
        setattr(article, name, value)
    author = pending.created_by
    save_article(
        article,
        user=editor,
        comment=_("Published the change sent by %(name)s") % {"name": display_name(author)},
    )
    if pending.tags is not None:
        article.tags.set(pending.tags)
    _decide(article, ReviewDecision.Outcome.CHANGE_PUBLISHED, editor=editor, to=author, note=note)
    pending.delete()
    return article


@transaction.atomic
def send_back_change(*, pending: PendingChange, editor, note: str) -> None:
    pending.returned_at = timezone.now()
    pending.save(update_fields=["returned_at"])
    _decide(
        pending.article,
        ReviewDecision.Outcome.CHANGE_RETURNED,
        editor=editor,
        to=pending.created_by,
        note=note,
    )


def discard_change(*, pending: PendingChange) -> None:
    """Forget the change (its writer gave it up, or an editor refused it for good)."""
    cover = pending.cover_image
    if cover and cover.name != pending.article.cover_image.name:
        cover.delete(save=False)
    pending.delete()


# --- Editors' decisions on articles sent for review ------------------------------------------


def record_decision(
    *, article: Article, previous_status: str | None, editor, note: str = ""
) -> ReviewDecision | None:
    """After an editor saved ``article``: if it went from review back to draft, or was
    published (or scheduled), tell the journalist who wrote it, with the editor's note."""
    if previous_status == article.status or not can_publish(editor):
        return None
    if article.status == Article.Status.PUBLISHED:
        outcome = ReviewDecision.Outcome.PUBLISHED
    elif previous_status == Article.Status.REVIEW and article.status == Article.Status.DRAFT:
        outcome = ReviewDecision.Outcome.RETURNED
    else:
        return None
    return _decide(article, outcome, editor=editor, to=article.created_by, note=note)


def _decide(article, outcome, *, editor, to, note: str) -> ReviewDecision | None:
    if to is None or to.pk == editor.pk:
        return None
    return ReviewDecision.objects.create(
        article=article, outcome=outcome, note=note.strip(), decided_by=editor, recipient=to
    )


def unread_count(user) -> int:
    return ReviewDecision.objects.filter(recipient=user, read_at__isnull=True).count()


def decisions_for(user):
    return ReviewDecision.objects.filter(recipient=user).select_related("article", "decided_by")


def mark_read(user) -> None:
    ReviewDecision.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
