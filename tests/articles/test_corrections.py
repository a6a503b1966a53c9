"""Editors attach public correction notes ("Đính chính", with their time); the article page
and its structured data get them from the models and articles/seo.py."""

import datetime as dt
from http import HTTPStatus

import pytest
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, Correction
from articles.seo import news_article_data
from tests.articles.admin_forms import article_form_data, change_url, correction_forms
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_correction_in_the_article_form(editor, editor_client):
    article = ArticleFactory()

    response = editor_client.post(
        change_url(article),
        article_form_data(
            article.category,
            article,
            **correction_forms("Bài viết trước đó ghi sai tên phường, nay đã sửa."),
        ),
    )

    assert response.status_code == HTTPStatus.FOUND, response.context["adminform"].form.errors
    correction = Correction.objects.get()
    assert correction.article == article
    assert correction.created_by == editor
    assert correction.corrected_at <= timezone.now()


def test_journalists_cannot_add_corrections(journalist, journalist_client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=journalist)

    form_page = journalist_client.get(change_url(article))
    journalist_client.post(
        change_url(article),
        article_form_data(article.category, article, **correction_forms("Đính chính trộm")),
    )

    assert "Đính chính" not in form_page.text
    assert not Correction.objects.exists()


def test_the_article_lists_its_corrections_oldest_first():
    article = ArticleFactory()
    now = timezone.now()
    Correction.objects.create(article=article, text="Sau", corrected_at=now)
    Correction.objects.create(
        article=article, text="Trước", corrected_at=now - dt.timedelta(hours=2)
    )

    assert [c.text for c in article.corrections.all()] == ["Trước", "Sau"]


def test_structured_data_carries_the_corrections():
    article = ArticleFactory()
    when = timezone.now()
    correction = Correction.objects.create(article=article, text="Sửa số liệu.", corrected_at=when)
    request = RequestFactory().get("/")

    data = news_article_data(request, article, [correction])
    plain = news_article_data(request, article)

    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Sửa số liệu.",
            "datePublished": timezone.localtime(when).isoformat(timespec="seconds"),
        }
    ]
    assert data["dateModified"] >= plain["dateModified"]
    assert "correction" not in plain
