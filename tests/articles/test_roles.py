"""Journalists and editors in the admin: what each role may do, enforced on the server.

The forms are posted directly, as a journalist with a hand-made request could, so these tests
hold even if the admin's HTML offered more than it should.
"""

import datetime as dt
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_forms import (
    add_url,
    article_form_data,
    change_url,
    changelist_url,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOT_ALLOWED_TO_PUBLISH = "Chỉ biên tập viên mới được đăng"


def article_permissions_of(group_name: str) -> set[str]:
    """The group's permissions on articles and categories (other apps add their own)."""
    group = Group.objects.get(name=group_name)
    codenames = group.permissions.filter(content_type__app_label="articles").values_list(
        "codename", flat=True
    )
    return {f"articles.{codename}" for codename in codenames}


def test_the_data_migration_creates_the_journalist_role():
    assert article_permissions_of("Journalist") == {
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.view_category",
        "articles.view_author",
    }


def test_the_data_migration_creates_the_editor_role_with_publishing():
    assert article_permissions_of("Editor") == {
        "articles.add_article",
        "articles.change_article",
        "articles.delete_article",
        "articles.view_article",
        "articles.publish_article",
        "articles.add_category",
        "articles.change_category",
        "articles.delete_category",
        "articles.view_category",
        "articles.add_author",
        "articles.change_author",
        "articles.delete_author",
        "articles.view_author",
        "articles.add_correction",
        "articles.change_correction",
        "articles.delete_correction",
        "articles.view_correction",
    }


def test_journalist_writes_a_draft_and_is_recorded_as_its_creator(
    journalist, journalist_client, category
):
    response = journalist_client.post(add_url(), article_form_data(category))

    assert response.status_code == HTTPStatus.FOUND
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by == journalist
    assert article.slug == "ha-noi-mo-rong-pho-di-bo-quanh-ho-guom"


def test_journalist_sends_a_draft_to_review(journalist, journalist_client, category):
    draft = ArticleFactory(
        category=category, status=Article.Status.DRAFT, published_at=None, created_by=journalist
    )

    response = journalist_client.post(
        change_url(draft), article_form_data(category, draft, status=Article.Status.REVIEW)
    )

    assert response.status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW


def test_journalist_is_not_offered_publishing_in_the_form(journalist_client):
    response = journalist_client.get(add_url())

    status = response.context["adminform"].form.fields["status"]
    assert [value for value, _ in status.choices] == [
        Article.Status.DRAFT,
        Article.Status.REVIEW,
    ]
    assert "published_at" not in response.context["adminform"].form.fields
    assert "is_featured" not in response.context["adminform"].form.fields


def test_journalist_cannot_publish_a_new_article_by_posting_the_form(journalist_client, category):
    response = journalist_client.post(
        add_url(), article_form_data(category, status=Article.Status.PUBLISHED)
    )

    assert response.status_code == HTTPStatus.OK
    assert NOT_ALLOWED_TO_PUBLISH in response.context["adminform"].form.errors["status"][0]
    assert not Article.objects.exists()


def test_journalist_cannot_publish_their_draft_by_posting_the_form(
    journalist, journalist_client, category
):
    draft = ArticleFactory(
        category=category, status=Article.Status.REVIEW, published_at=None, created_by=journalist
    )

    response = journalist_client.post(
        change_url(draft),
        article_form_data(category, draft, status=Article.Status.PUBLISHED),
    )

    assert response.status_code == HTTPStatus.OK
    assert NOT_ALLOWED_TO_PUBLISH in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW
    assert draft.published_at is None


def test_journalist_cannot_schedule_or_feature_by_posting_the_form(
    journalist, journalist_client, category
):
    """The publish time and the home-page lead are editors' fields: posted values are dropped."""
    draft = ArticleFactory(
        category=category, status=Article.Status.DRAFT, published_at=None, created_by=journalist
    )
    tomorrow = timezone.now() + dt.timedelta(days=1)

    response = journalist_client.post(
        change_url(draft),
        article_form_data(
            category,
            draft,
            status=Article.Status.REVIEW,
            published_at=tomorrow,
            is_featured="on",
        ),
    )

    assert response.status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW
    assert draft.published_at is None
    assert draft.is_featured is False


def test_journalist_cannot_change_someone_elses_published_article(
    journalist_client, other_journalist, category
):
    published = ArticleFactory(category=category, created_by=other_journalist)

    response = journalist_client.post(
        change_url(published), article_form_data(category, published, title="Sửa trộm")
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    published.refresh_from_db()
    assert published.title != "Sửa trộm"


def test_journalist_sees_someone_elses_published_article_read_only(
    journalist_client, other_journalist, category
):
    published = ArticleFactory(category=category, created_by=other_journalist)

    response = journalist_client.get(change_url(published))

    assert response.status_code == HTTPStatus.OK
    assert response.context["has_change_permission"] is False
    assert not response.context["adminform"].form.fields


def test_journalist_may_help_with_someone_elses_draft(
    journalist_client, other_journalist, category
):
    draft = ArticleFactory(
        category=category,
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=other_journalist,
    )

    response = journalist_client.post(
        change_url(draft), article_form_data(category, draft, title="Tiêu đề đã sửa")
    )

    assert response.status_code == HTTPStatus.FOUND
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề đã sửa"


def test_journalists_correction_of_their_published_article_waits_for_an_editor(
    journalist, journalist_client, category
):
    """Nor can they unpublish it: the status they post is dropped. The change itself is
    tested in test_pending_changes.py."""
    published = ArticleFactory(category=category, created_by=journalist)

    response = journalist_client.post(
        change_url(published),
        article_form_data(
            category, published, title="Tiêu đề đã đính chính", status=Article.Status.DRAFT
        ),
    )

    assert response.status_code == HTTPStatus.FOUND
    published.refresh_from_db()
    assert published.title != "Tiêu đề đã đính chính"
    assert published.pending_change.title == "Tiêu đề đã đính chính"
    assert published.status == Article.Status.PUBLISHED


def test_journalist_cannot_delete_a_published_article(journalist, journalist_client, category):
    published = ArticleFactory(category=category, created_by=journalist)
    delete_url = reverse("admin:articles_article_delete", args=[published.pk])

    response = journalist_client.post(delete_url, {"post": "yes"})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Article.objects.filter(pk=published.pk).exists()


def test_journalist_cannot_bulk_delete_published_articles(journalist, journalist_client, category):
    published = ArticleFactory(category=category, created_by=journalist)

    response = journalist_client.post(
        changelist_url(),
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Article.objects.filter(pk=published.pk).exists()


def test_journalist_deletes_their_own_draft(journalist, journalist_client, category):
    draft = ArticleFactory(
        category=category, status=Article.Status.DRAFT, published_at=None, created_by=journalist
    )
    delete_url = reverse("admin:articles_article_delete", args=[draft.pk])

    response = journalist_client.post(delete_url, {"post": "yes"})

    assert response.status_code == HTTPStatus.FOUND
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_journalist_cannot_manage_categories(journalist_client, category):
    add_response = journalist_client.get(reverse("admin:articles_category_add"))
    change_response = journalist_client.post(
        reverse("admin:articles_category_change", args=[category.pk]),
        {"name": "Đổi tên", "slug": "doi-ten", "position": 1},
    )

    assert add_response.status_code == HTTPStatus.FORBIDDEN
    assert change_response.status_code == HTTPStatus.FORBIDDEN


def test_editor_publishes_a_review_without_a_time_and_it_goes_live_now(
    editor_client, journalist, category
):
    review = ArticleFactory(
        category=category, status=Article.Status.REVIEW, published_at=None, created_by=journalist
    )
    before = timezone.now()

    response = editor_client.post(
        change_url(review), article_form_data(category, review, status=Article.Status.PUBLISHED)
    )

    assert response.status_code == HTTPStatus.FOUND
    review.refresh_from_db()
    assert review.status == Article.Status.PUBLISHED
    assert before <= review.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=review.pk).exists()
    assert review.created_by == journalist


def test_editor_schedules_an_article(editor_client, category):
    at = (timezone.now() + dt.timedelta(days=2)).replace(microsecond=0)

    response = editor_client.post(
        add_url(),
        article_form_data(category, status=Article.Status.PUBLISHED, published_at=at),
    )

    assert response.status_code == HTTPStatus.FOUND
    article = Article.objects.get()
    assert article.published_at == at
    assert article.is_scheduled
    assert not Article.objects.published().exists()


def test_editor_changes_a_journalists_published_article_and_features_it(
    editor_client, journalist, category
):
    published = ArticleFactory(category=category, created_by=journalist)

    response = editor_client.post(
        change_url(published),
        article_form_data(category, published, title="Tiêu đề mới", is_featured="on"),
    )

    assert response.status_code == HTTPStatus.FOUND
    published.refresh_from_db()
    assert published.title == "Tiêu đề mới"
    assert published.is_featured is True


def test_editor_deletes_a_published_article(editor_client, category):
    published = ArticleFactory(category=category)

    response = editor_client.post(
        reverse("admin:articles_article_delete", args=[published.pk]), {"post": "yes"}
    )

    assert response.status_code == HTTPStatus.FOUND
    assert not Article.objects.exists()
