"""An editor schedules an article with the admin's calendar and clock, and by typing the date
as Vietnamese editors write it: both mean the day first."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.helpers import log_in_to_admin
from tests.factories import CategoryFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]


def start_article(page, title: str, category_name: str) -> None:
    page.goto(reverse("admin:articles_article_add"))
    page.get_by_label("Tiêu đề").fill(title)
    page.get_by_label("Sapo").fill("Sapo của bài hẹn giờ.")
    page.locator(".field-category .select2-selection").click()
    page.locator(".select2-results__option", has_text=category_name).click()
    page.wait_for_function("() => CKEDITOR.instances.id_body?.status === 'ready'")
    page.evaluate("CKEDITOR.instances.id_body.setData('<p>Nội dung bài hẹn giờ.</p>')")
    page.get_by_label("Trạng thái").select_option("published")


def test_the_calendar_writes_and_the_server_reads_the_day_first(open_page):
    editor = newsroom_user("bientap", "Editor", "Trang Thu")
    category = CategoryFactory(name="Thời sự")
    desk = open_page("editor")
    log_in_to_admin(desk, editor)
    start_article(desk, "Bài hẹn giờ bằng lịch", category.name)

    date_input = desk.locator("#id_published_at_0")
    desk.locator(".field-published_at .datetimeshortcuts a", has_text="Hôm nay").click()
    expect(date_input).to_have_value(timezone.localdate().strftime("%d/%m/%Y"))

    desk.locator("#calendarlink0").click()
    desk.locator("#calendarbox0 .calendarnav-next").click()
    desk.locator("#calendarbox0 td a", has_text="1").first.click()
    first_of_next_month = (timezone.localdate().replace(day=28) + dt.timedelta(days=4)).replace(
        day=1
    )
    expect(date_input).to_have_value(first_of_next_month.strftime("%d/%m/%Y"))
    desk.locator("#id_published_at_1").fill("07:30")
    # Before saving, the time in words: "Sẽ tự động đăng lúc 07:30, thứ Ba 01/12/2026".
    weekday = WEEKDAYS[first_of_next_month.weekday()]
    expect(desk.locator(".publish-time-words")).to_have_text(
        f"Sẽ tự động đăng lúc 07:30, {weekday} {first_of_next_month:%d/%m/%Y}"
    )
    desk.locator("input[name=_save]").click()

    expect(desk.locator(".messagelist .success")).to_be_visible()
    article = Article.objects.get()
    assert article.published_at == dt.datetime.combine(
        first_of_next_month, dt.time(7, 30), tzinfo=HANOI
    )
    assert article.is_scheduled


def test_a_typed_past_date_is_held_back_until_confirmed(open_page):
    editor = newsroom_user("bientap", "Editor", "Trang Thu")
    category = CategoryFactory(name="Thời sự")
    desk = open_page("editor")
    log_in_to_admin(desk, editor)
    start_article(desk, "Bài gõ nhầm ngày", category.name)
    desk.locator("#id_published_at_0").fill("01/02/2020")
    desk.locator("#id_published_at_1").fill("07:30")
    expect(desk.locator(".publish-time-words")).to_have_text("")  # no schedule in the past
    desk.locator("input[name=_save]").click()

    error = desk.locator(".field-published_at .errorlist")
    expect(error).to_contain_text("07:30 01/02/2020 đã qua")
    expect(desk.get_by_label("Tiêu đề")).to_have_value("Bài gõ nhầm ngày")
    expect(desk.locator("#id_published_at_0")).to_have_value("01/02/2020")
    assert not Article.objects.exists()

    desk.get_by_label("Đăng ngay với thời gian đã qua?").check()
    desk.locator("input[name=_save]").click()
    expect(desk.locator(".messagelist .success")).to_be_visible()
    assert Article.objects.get().published_at == dt.datetime(2020, 2, 1, 7, 30, tzinfo=HANOI)


def test_a_typed_day_first_date_is_read_back_in_words(open_page):
    editor = newsroom_user("bientap", "Editor", "Trang Thu")
    category = CategoryFactory(name="Thời sự")
    desk = open_page("editor")
    log_in_to_admin(desk, editor)
    start_article(desk, "Bài hẹn giờ gõ tay", category.name)
    words = desk.locator(".publish-time-words")

    desk.locator("#id_published_at_0").fill("01/12/2031")
    desk.locator("#id_published_at_1").fill("7h30")
    expect(words).to_have_text("Sẽ tự động đăng lúc 07:30, thứ Hai 01/12/2031")

    desk.get_by_label("Trạng thái").select_option("review")
    expect(words).to_have_text("")
