""" "Xem theo ngày": a day's published articles in Hà Nội's time, for the site or a category,
with a date picker; days with nothing say so, and what is not a past day is a clear 404."""

import datetime as dt
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def hanoi(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=HANOI)


def day_page(client, day: str, **query):
    return client.get(reverse("articles:day", kwargs={"day": day}), query)


def test_a_day_lists_what_was_published_that_day_in_hanoi_time_newest_first(client):
    ArticleFactory(title="Đầu ngày", published_at=hanoi(2026, 11, 30, 0, 5))
    ArticleFactory(title="Cuối ngày", published_at=hanoi(2026, 11, 30, 23, 55))
    # 23:30 UTC on the 29th is 06:30 on the 30th in Hà Nội; 17:30 UTC on the 30th, the 1st.
    ArticleFactory(
        title="Sáng sớm theo giờ Hà Nội",
        published_at=dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.UTC),
    )
    ArticleFactory(title="Hôm sau", published_at=hanoi(2026, 12, 1, 0, 0))
    ArticleFactory(title="Hôm trước", published_at=hanoi(2026, 11, 29, 23, 59))
    ArticleFactory(
        title="Bản nháp trong ngày",
        status=Article.Status.DRAFT,
        published_at=hanoi(2026, 11, 30, 9, 0),
    )

    response = day_page(client, "2026-11-30")

    assert response.status_code == HTTPStatus.OK
    assertContains(response, "Tin ngày 30/11/2026")
    html = response.content.decode()
    assert html.index("Cuối ngày") < html.index("Sáng sớm theo giờ Hà Nội") < html.index("Đầu ngày")
    for absent in ("Hôm sau", "Hôm trước", "Bản nháp trong ngày"):
        assertNotContains(response, absent)


def test_a_categorys_day_lists_only_that_category(client):
    city, sport = CategoryFactory(name="Đô thị", slug="do-thi"), CategoryFactory(name="Thể thao")
    ArticleFactory(title="Tin đô thị", category=city, published_at=hanoi(2026, 11, 30, 9, 0))
    ArticleFactory(title="Tin thể thao", category=sport, published_at=hanoi(2026, 11, 30, 9, 0))

    response = client.get(
        reverse("articles:category_day", kwargs={"slug": "do-thi", "day": "2026-11-30"})
    )

    assertContains(response, "Tin đô thị")
    assertNotContains(response, "Tin thể thao")
    assertContains(response, "Đô thị ngày 30/11/2026")


def test_a_day_without_articles_says_so(client):
    response = day_page(client, "2020-01-01")

    assert response.status_code == HTTPStatus.OK
    assertContains(response, "Không có bài viết nào được đăng trong ngày này.")


def test_a_scheduled_article_of_today_is_not_listed_before_its_time(client):
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + dt.timedelta(minutes=5))

    response = day_page(client, timezone.localdate().isoformat())

    assert response.status_code == HTTPStatus.OK
    assertNotContains(response, "Bài hẹn giờ")


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("hom-nay", "“hom-nay” không phải là ngày."),
        ("30-11-2026", "“30-11-2026” không phải là ngày."),
        ("2026-02-30", "2026-02-30 không phải là một ngày có thật."),
        ("2026-13-01", "2026-13-01 không phải là một ngày có thật."),
    ],
)
def test_a_malformed_date_is_a_404_that_says_why(client, day, message):
    response = day_page(client, day)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assertContains(response, message, status_code=HTTPStatus.NOT_FOUND)
    assertContains(response, 'id="day-picker-day"', status_code=HTTPStatus.NOT_FOUND)


def test_a_future_day_is_a_404_that_says_it_has_not_come(client):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = day_page(client, tomorrow.isoformat())

    assert response.status_code == HTTPStatus.NOT_FOUND
    assertContains(response, f"Ngày {tomorrow:%d/%m/%Y} chưa đến", status_code=HTTPStatus.NOT_FOUND)


def test_the_picker_leads_to_the_days_page(client):
    response = client.get(reverse("articles:day_picker"), {"ngay": "2026-11-30"})

    assertRedirects(response, "/ngay/2026-11-30/", fetch_redirect_response=False)


def test_the_picker_with_a_category_leads_to_the_categorys_day(client):
    CategoryFactory(slug="do-thi")

    response = client.get(
        reverse("articles:day_picker"), {"ngay": "2026-11-30", "chuyen-muc": "do-thi"}
    )

    assertRedirects(response, "/chuyen-muc/do-thi/ngay/2026-11-30/", fetch_redirect_response=False)


def test_the_picker_without_a_day_opens_today(client):
    response = client.get(reverse("articles:day_picker"))

    assertRedirects(
        response, f"/ngay/{timezone.localdate().isoformat()}/", fetch_redirect_response=False
    )


def test_a_bad_day_in_the_picker_is_explained_next_to_the_field_and_kept(client):
    response = client.get(reverse("articles:day_picker"), {"ngay": "31/11/2026"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert 'value="31/11/2026"' in html
    assert 'aria-describedby="day-picker-error"' in html
    assert "“31/11/2026” không phải là ngày." in html


def test_the_day_page_links_the_days_around_it_but_never_tomorrow(client):
    today = timezone.localdate()

    html = day_page(client, today.isoformat()).content.decode()
    past = day_page(client, "2026-11-30").content.decode()

    assert f'href="/ngay/{(today - dt.timedelta(days=1)).isoformat()}/"' in html
    assert 'rel="next"' not in html
    assert 'rel="next" href="/ngay/2026-12-01/"' in past


def test_every_page_links_to_the_day_archive(client):
    assertContains(client.get("/"), f'href="{reverse("articles:day_picker")}"')


@pytest.mark.parametrize("count", [3, 30])
def test_the_day_page_query_count_does_not_grow_with_its_articles(
    client, django_assert_num_queries, count
):
    """Guards against a query per listed article (its category, its cover): the content
    version, the count, the page's articles, the picker's categories, the navigation, the site
    settings (read once, then cached)."""
    for n in range(count):
        ArticleFactory(published_at=hanoi(2026, 11, 30, 8, 0) + dt.timedelta(minutes=n))

    with django_assert_num_queries(6):
        response = day_page(client, "2026-11-30")

    assert response.status_code == HTTPStatus.OK
