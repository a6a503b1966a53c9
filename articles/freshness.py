"""What follows every change to articles or categories: the categories' and tags' article
counts are recounted, and the page cache (hnp.pagecache) hears that what readers see has
changed.

Every save or deletion of an article, a category, an author or a correction note changes the
site's version (lists show every article, author pages and bylines the authors' names), with the
times still to come of the scheduled articles, so that each of them appears at its time with no
job running. Connected to the models' signals in ArticlesConfig.ready() (the admin's bulk delete
sends them too); code that changes articles with ``update()`` calls ``articles_changed()``
itself.
"""

from collections.abc import Iterable

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from hnp.pagecache import SITE, bump

from .models import Article, Author, Category, Correction, Tag, TaggedArticle

# More scheduled articles than this at once would be unusual; past it, the later ones appear
# when something else changes or when their pages expire (PAGE_CACHE_SECONDS).
MAX_UPCOMING = 1000


def article_scope(slug: str) -> str:
    """The scope of what an article's own page shows besides the site's lists (its comments):
    the comments app bumps it when it moderates."""
    return f"article:{slug}"


def articles_changed(
    *, category_ids: Iterable[int | None] = (), tag_ids: Iterable[int] = ()
) -> None:
    """Recount ``category_ids`` and ``tag_ids`` (the categories and tags of the articles that
    changed) and bump the site's version. Call it in the transaction of the change."""
    categories = {pk for pk in category_ids if pk is not None}
    if categories:
        Category.objects.filter(pk__in=categories).recount()
    tags = set(tag_ids)
    if tags:
        Tag.objects.filter(pk__in=tags).recount()
    scheduled = Article.objects.scheduled().order_by("published_at")
    upcoming = scheduled.values_list("published_at", flat=True)[:MAX_UPCOMING]
    bump(SITE, upcoming=[moment.timestamp() for moment in upcoming])


def _tag_ids(article: Article) -> list[int]:
    return list(TaggedArticle.objects.filter(content_object=article).values_list("tag", flat=True))


def _remember_tags(sender, instance: Article, **kwargs) -> None:
    # Before a deletion: its tags go with it, and their counts are made after it.
    instance.deleted_tag_ids = _tag_ids(instance)


def _article_changed(sender, instance: Article, **kwargs) -> None:
    stored_category = getattr(instance, "stored_category_id", None)
    tags = getattr(instance, "deleted_tag_ids", None)
    if tags is None and getattr(instance, "stored_status", None) != instance.status:
        # Its tags count it only while it is published; an edit that keeps the status, the
        # usual save, leaves their counts alone.
        tags = _tag_ids(instance)
    articles_changed(category_ids=(stored_category, instance.category_id), tag_ids=tags or ())
    instance.stored_category_id = instance.category_id
    instance.stored_status = instance.status


def _shown_with_articles_changed(sender, **kwargs) -> None:
    articles_changed()


def _tags_changed(sender, instance, action: str, pk_set, **kwargs) -> None:
    # taggit sends the article as ``instance`` and the tags' ids as ``pk_set``, except for a
    # clear, whose tags are only known before it.
    if action == "pre_clear":
        instance.cleared_tag_ids = _tag_ids(instance)
    elif action.startswith("post_"):
        tags = getattr(instance, "cleared_tag_ids", []) if action == "post_clear" else pk_set
        articles_changed(tag_ids=tags or ())


def connect_signals() -> None:
    # Tags added or removed (the admin does it after the article's own save): their counts.
    m2m_changed.connect(
        _tags_changed, sender=Article.tags.through, dispatch_uid="freshness-article-tags"
    )
    pre_delete.connect(_remember_tags, sender=Article, dispatch_uid="freshness-article-tags-kept")
    for signal in (post_save, post_delete):
        signal.connect(_article_changed, sender=Article, dispatch_uid="freshness-article")
        for model in (Category, Author, Correction, Tag):
            signal.connect(
                _shown_with_articles_changed,
                sender=model,
                dispatch_uid=f"freshness-{model.__name__}",
            )
