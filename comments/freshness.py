"""Telling the page cache (hnp.pagecache) that an article's comments changed, so that its page
(and only its page) is made again. Connected to the model's signals in CommentsConfig.ready();
moderation and erasure, which change comments with ``update()``, call ``comments_changed``
themselves."""

from collections.abc import Iterable

from django.db.models.signals import post_delete, post_save

from articles.freshness import article_scope
from articles.models import Article
from hnp.pagecache import bump

from .models import Comment


def comments_changed(article_ids: Iterable[int]) -> None:
    for slug in Article.objects.filter(pk__in=set(article_ids)).values_list("slug", flat=True):
        bump(article_scope(slug))


def _saved(sender, instance: Comment, created: bool, **kwargs) -> None:
    # A new comment waits for a moderator: readers see nothing of it yet. An edited one (in
    # the admin) may have been published or unpublished.
    if not created or instance.status == Comment.Status.APPROVED:
        comments_changed([instance.article_id])


def _deleted(sender, instance: Comment, **kwargs) -> None:
    if instance.status == Comment.Status.APPROVED:
        comments_changed([instance.article_id])


def connect_signals() -> None:
    post_save.connect(_saved, sender=Comment, dispatch_uid="freshness-comment-save")
    post_delete.connect(_deleted, sender=Comment, dispatch_uid="freshness-comment-delete")
