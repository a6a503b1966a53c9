"""Autosave: what someone types in an article's form is kept every 30 seconds and when they
leave the page (static/admin_hnp/newsroom_editing.js), and offered back when they open the
article again ("Khôi phục bản đang soạn lúc 10:42?").

An autosave is kept apart from the article (one per person and article) and never changes
it: nothing is published or overwritten by it. Saving the article forgets the saver's
autosave. It remembers the article version it was typed over; restoring it puts that version
back in the form, so that saving it after someone else saved a newer one is refused with the
differences (the version check in articles/forms.py) instead of silently undoing their
change. The page offers it only when it differs from what the form shows.

The page also keeps a copy in the browser's localStorage: when the session has expired, the
server refuses the autosave, and the copy is what is offered after logging in again.
"""

from django.db.models import Q
from django.utils import timezone

from .models import Article, Autosave

# The form fields an autosave keeps: what someone types, not files or confirmations.
FIELDS = (
    "title",
    "slug",
    "category",
    "lead",
    "body",
    "cover_caption",
    "byline",
    "author",
    "status",
    "published_at_0",
    "published_at_1",
    "is_featured",
    "allow_comments",
    "review_note",
)
# Labels of the chosen options of the autocomplete fields, so the form can show them again.
LABELS = ("category_label", "author_label")
MAX_FIELD_LENGTH = 1_000_000


def clean_data(posted) -> dict[str, str]:
    """The fields of a posted autosave that it keeps, as text."""
    return {
        name: str(posted[name])[:MAX_FIELD_LENGTH] for name in (*FIELDS, *LABELS) if name in posted
    }


def store(*, user, article: Article | None, data: dict, base_version: int | None) -> Autosave:
    """Keep ``user``'s typing for ``article`` (None: an article not saved yet)."""
    autosave = offer(user=user, article=article) or Autosave(user=user, article=article)
    autosave.data = data
    autosave.base_version = base_version
    autosave.saved_at = timezone.now()
    autosave.save()
    return autosave


def offer(*, user, article: Article | None) -> Autosave | None:
    """``user``'s unsaved work on ``article`` (None: on an article not saved yet), if any."""
    if article is None:
        return Autosave.objects.filter(user=user, article__isnull=True).first()
    return Autosave.objects.filter(user=user, article=article).first()


def as_dict(autosave: Autosave | None) -> dict | None:
    """What the page's script needs to offer ``autosave`` back."""
    if autosave is None:
        return None
    return {
        "data": autosave.data,
        "version": autosave.base_version,
        "saved_at": autosave.saved_at.isoformat(),
    }


def forget(*, user, article: Article | None) -> None:
    """The work was saved (or dismissed): its autosave goes. Saving a new article also clears
    the autosave of the unsaved one."""
    condition = Q(article=article) if article is not None else Q(article__isnull=True)
    if article is not None:
        condition |= Q(article__isnull=True)
    Autosave.objects.filter(condition, user=user).delete()
