"""Publish times as editors type them: day first, and never backdated without a "yes".

An editor typed 01/12/2026 (1 December) and the article went live at once, dated 12 January.
These post the admin form as a browser, or a hand-made request, would.
"""

import datetime as dt
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_forms import add_url, article_form_data, change_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
ASKS_TO_CONFIRM = "Đăng ngay với thời gian đã qua?"


def scheduled_form(category, day: str, time: str, **overrides) -> dict:
    data = article_form_data(category, status=Article.Status.PUBLISHED, **overrides)
    data.update(published_at_0=day, published_at_1=time)
    return data


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors


@pytest.mark.parametrize(
    ("typed_day", "typed_time"),
    [
        ("01/12/2031", "07:30"),
        ("1/12/2031", "7:30"),
        ("01-12-2031", "07:30"),
        ("01.12.2031", "07h30"),
        ("01/12/31", "07:30:00"),
        ("2031-12-01", "07:30"),
    ],
)
def test_a_typed_date_is_read_day_first(editor_client, category, typed_day, typed_time):
    response = editor_client.post(add_url(), scheduled_form(category, typed_day, typed_time))

    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    article = Article.objects.get()
    assert article.published_at == dt.datetime(2031, 12, 1, 7, 30, tzinfo=HANOI)
    assert article.is_scheduled


def test_an_embargo_for_tomorrow_typed_day_first_stays_unpublished(editor_client, category):
    """The reported case: a day of the month that is also a month number."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    if tomorrow.day > 12:
        tomorrow = tomorrow.replace(day=1) + dt.timedelta(days=40)
        tomorrow = tomorrow.replace(day=1)
    typed = tomorrow.strftime("%d/%m/%Y")

    response = editor_client.post(add_url(), scheduled_form(category, typed, "07:30"))

    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    article = Article.objects.get()
    assert timezone.localtime(article.published_at).date() == tomorrow
    assert not Article.objects.published().exists()


def test_a_month_first_date_is_refused_with_a_vietnamese_message(editor_client, category):
    response = editor_client.post(add_url(), scheduled_form(category, "12/31/2031", "07:30"))

    assert response.status_code == HTTPStatus.OK
    assert "Nhập ngày theo thứ tự ngày/tháng/năm" in str(form_errors(response)["published_at"])
    assert not Article.objects.exists()


def test_a_past_time_is_refused_until_the_editor_confirms_it(editor_client, category):
    form = scheduled_form(category, "10/08/2020", "07:27", title="Bài có ngày đã qua")

    refused = editor_client.post(add_url(), form)

    assert refused.status_code == HTTPStatus.OK
    errors = str(form_errors(refused)["published_at"])
    assert "07:27 10/08/2020 đã qua" in errors
    assert ASKS_TO_CONFIRM in errors
    assert not Article.objects.exists()
    # Nothing typed is lost: the form comes back with the reader's values in it.
    page = refused.content.decode()
    assert 'value="Bài có ngày đã qua"' in page
    assert 'value="10/08/2020"' in page
    assert ASKS_TO_CONFIRM in page

    confirmed = editor_client.post(add_url(), {**form, "confirm_past_publish_time": "on"})

    assert confirmed.status_code == HTTPStatus.FOUND
    article = Article.objects.get()
    assert article.published_at == dt.datetime(2020, 8, 10, 7, 27, tzinfo=HANOI)
    assert article.is_visible_to_readers


def test_publishing_a_draft_that_carries_a_past_time_asks_too(editor_client, category):
    draft = ArticleFactory(
        category=category,
        status=Article.Status.DRAFT,
        published_at=timezone.now() - dt.timedelta(days=30),
    )

    response = editor_client.post(
        change_url(draft), article_form_data(category, draft, status=Article.Status.PUBLISHED)
    )

    assert response.status_code == HTTPStatus.OK
    assert "published_at" in form_errors(response)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_a_time_a_few_minutes_ago_counts_as_now(editor_client, category):
    just_now = timezone.now() - dt.timedelta(minutes=2)

    response = editor_client.post(
        add_url(),
        article_form_data(category, status=Article.Status.PUBLISHED, published_at=just_now),
    )

    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    assert Article.objects.published().exists()


def test_editing_a_published_article_does_not_ask_about_its_own_time(editor_client, category):
    published = ArticleFactory(
        category=category, published_at=timezone.now() - dt.timedelta(days=400)
    )

    response = editor_client.post(
        change_url(published), article_form_data(category, published, title="Tiêu đề sửa")
    )

    assert response.status_code == HTTPStatus.FOUND, form_errors(response)
    published.refresh_from_db()
    assert published.title == "Tiêu đề sửa"


def test_the_admin_writes_dates_day_first(editor_client, category):
    article = ArticleFactory(
        category=category,
        status=Article.Status.PUBLISHED,
        published_at=dt.datetime(2031, 12, 1, 7, 30, tzinfo=HANOI),
    )

    page = editor_client.get(change_url(article)).content.decode()

    assert 'name="published_at_0" value="01/12/2031"' in page
    assert 'name="published_at_1" value="07:30"' in page


def test_journalists_have_nothing_to_confirm(journalist_client):
    page = journalist_client.get(add_url()).content.decode()

    assert ASKS_TO_CONFIRM not in page
