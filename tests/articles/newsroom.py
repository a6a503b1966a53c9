"""Addresses of the newsroom's admin pages and what the article form's page posts, shared by
the newsroom tests (revisions, pending changes, locks, autosave, the queue)."""

from django.urls import reverse

from articles.models import Article


def revisions_url(article: Article) -> str:
    return reverse("admin:articles_article_revisions", args=[article.pk])


def compare_url(article: Article, older, newer) -> str:
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return f"{url}?from={older.pk}&to={newer.pk}"


def restore_url(article: Article, version) -> str:
    return reverse("admin:articles_article_restore", args=[article.pk, version.pk])


def pending_url(article: Article) -> str:
    return reverse("admin:articles_article_pending", args=[article.pk])


def editing_url(article: Article | None = None) -> str:
    if article is None:
        return reverse("admin:articles_article_editing_new")
    return reverse("admin:articles_article_editing", args=[article.pk])


def take_over_url(article: Article) -> str:
    return reverse("admin:articles_article_take_over", args=[article.pk])


def queue_url() -> str:
    return reverse("admin:articles_article_queue")


def calendar_url() -> str:
    return reverse("admin:articles_article_calendar")


def decisions_url() -> str:
    return reverse("admin:articles_article_decisions")


def non_field_errors(response) -> str:
    return " ".join(response.context["adminform"].form.non_field_errors())
