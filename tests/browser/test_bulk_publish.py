"""An editor publishes several articles at once from the list, and schedules others with
the time shown in words; a journalist's list offers neither."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.helpers import log_in_to_admin
from tests.factories import ArticleFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def select(page, *titles):
    for title in titles:
        page.locator("#result_list tr", has_text=title).locator("input.action-select").check()


def test_an_editor_publishes_and_schedules_selected_articles(open_page):
    editor = newsroom_user("bientap", "Editor", "Trần Minh Anh")
    journalist = newsroom_user("phongvien", "Journalist", "Lê Huy Kiên")
    for title in ("Bài một", "Bài hai", "Bài ba"):
        ArticleFactory(title=title, status=Article.Status.REVIEW, published_at=None)

    chief = open_page("editor")
    log_in_to_admin(chief, editor)
    chief.goto(reverse("admin:articles_article_changelist"))
    select(chief, "Bài một", "Bài hai")
    chief.locator("select[name=action]").select_option(label="Đăng ngay các bài đã chọn")
    chief.get_by_role("button", name="Thực hiện").click()
    expect(chief.locator(".messagelist .success")).to_contain_text("Đã đăng 2 bài.")

    reader = open_page("reader", phone=True)
    for title, status in (("Bài một", 200), ("Bài hai", 200), ("Bài ba", 404)):
        assert reader.goto(Article.objects.get(title=title).get_absolute_url()).status == status

    select(chief, "Bài ba")
    chief.locator("select[name=action]").select_option(label="Hẹn giờ đăng các bài đã chọn…")
    chief.get_by_role("button", name="Thực hiện").click()
    next_year = dt.date.today().year + 1
    chief.locator("#id_published_at_0").fill(f"01/12/{next_year}")
    chief.locator("#id_published_at_1").fill("07:30")
    weekday = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"][
        dt.date(next_year, 12, 1).weekday()
    ]
    words = f"Sẽ tự động đăng lúc 07:30, {weekday} 01/12/{next_year}"
    expect(chief.locator(".publish-time-words")).to_have_text(words)
    chief.get_by_role("button", name="Hẹn giờ đăng").click()
    expect(chief.locator(".messagelist .success")).to_contain_text(words)
    assert Article.objects.scheduled().get().title == "Bài ba"

    desk = open_page("journalist")
    log_in_to_admin(desk, journalist)
    desk.goto(reverse("admin:articles_article_changelist"))
    actions = desk.locator("select[name=action] option")
    expect(actions.filter(has_text="Đăng ngay")).to_have_count(0)
    expect(actions.filter(has_text="Hẹn giờ")).to_have_count(0)
    expect(actions.filter(has_text="Gỡ")).to_have_count(0)
