"""Article revisions, kept by django-reversion: every save made through the newsroom's tools
(the admin form, bulk actions, publishing a pending change, restoring) records who, when, and
the fields in ``models.REVISION_FIELDS``.

Revisions live in reversion's own tables, which no reader page reads: 100,000 articles with a
history each cost the reader pages nothing.

A restore copies an old revision's content onto the article and saves it as a *new*
revision; it never rewrites or removes history. A journalist restoring their own published
article makes a pending change instead (articles/review.py), like any of their edits to it.
"""

import reversion
from django.utils import timezone
from django.utils.formats import date_format
from reversion.models import Version

from .models import PENDING_CHANGE_FIELDS, Article, Author, Category


def save_article(article: Article, *, user, comment: str) -> None:
    """Save ``article`` and keep the result as a revision by ``user``."""
    with reversion.create_revision():
        article.save()
        reversion.set_user(user)
        reversion.set_comment(comment)


def revisions_of(article: Article):
    """The article's revisions, newest first, with who made each."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def restored_content(version: Version) -> dict:
    """What restoring ``version`` puts back (attribute names): its content fields."""
    fields = version.field_dict
    values = {}
    for name in PENDING_CHANGE_FIELDS:
        attname = Article._meta.get_field(name).attname
        if attname in fields:
            values[attname] = fields[attname]
    if not Category.objects.filter(pk=values.get("category_id")).exists():
        values.pop("category_id", None)
    author_id = values.get("author_id")
    if author_id is not None and not Author.objects.filter(pk=author_id).exists():
        values.pop("author_id")
    if "cover_image" in values:
        values["cover_image"] = getattr(values["cover_image"], "name", values["cover_image"])
    return values


def local_time_text(when) -> str:
    return date_format(timezone.localtime(when), "H:i d/m/Y")
