"""The editorial calendar: scheduled and published articles by week and by day, with their
time, title, category, byline and state."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from articles.models import Article
from tests.articles.newsroom import calendar_url
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def week():
    sport = CategoryFactory(name="Thể thao")
    ArticleFactory(
        title="Trận chung kết",
        category=sport,
        byline="Vũ Đức Trí",
        published_at=dt.datetime(2031, 12, 2, 7, 30, tzinfo=HANOI),
    )
    ArticleFactory(title="Đầu tuần", published_at=dt.datetime(2031, 12, 1, 0, 5, tzinfo=HANOI))
    ArticleFactory(
        title="Bài của tuần kế", published_at=dt.datetime(2031, 12, 8, 9, 0, tzinfo=HANOI)
    )
    ArticleFactory(title="Bài còn là nháp", status=Article.Status.DRAFT, published_at=None)


def test_the_week_lists_each_day_in_time_order(journalist_client, week):
    page = journalist_client.get(calendar_url(), {"date": "2031-12-03"})

    days = page.context["days"]
    assert [day["name"] for day in days][:2] == ["Thứ Hai 01/12/2031", "Thứ Ba 02/12/2031"]
    assert len(days) == 7
    tuesday = days[1]["rows"]
    assert [(row["time"], row["article"].title, row["state"]) for row in tuesday] == [
        ("07:30", "Trận chung kết", "Đã lên lịch")
    ]
    assert "Thể thao" in page.text
    assert "Vũ Đức Trí" in page.text
    assert "Bài của tuần kế" not in page.text
    assert "Bài còn là nháp" not in page.text


def test_one_day(editor_client, week):
    page = editor_client.get(calendar_url(), {"view": "day", "date": "2031-12-01"})

    assert [row["article"].title for row in page.context["days"][0]["rows"]] == ["Đầu tuần"]
    assert "Ngày sau" in page.text


def test_the_calendar_runs_a_fixed_number_of_queries(
    editor_client, week, django_assert_num_queries
):
    """Guards against a query per article for its category."""
    # Session, user, the user's permissions (own, then through groups), the week's articles
    # with their categories, and the header's two counts.
    with django_assert_num_queries(7):
        editor_client.get(calendar_url(), {"date": "2031-12-03"})
