"""A journalist corrects their published article: readers keep the published version until
an editor, told by the badge, compares the change with it and publishes it; the journalist
then reads the editor's decision in the admin."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import log_in_to_admin, open_article_form
from tests.factories import ArticleFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIVE = "Cầu Bình Minh thông xe"
CHANGED = "Cầu Bình Minh thông xe sớm hai tuần"


def test_a_change_to_a_published_article_waits_for_an_editor(open_page):
    journalist = newsroom_user("phongvien", "Journalist", "Lê Huy Kiên")
    editor = newsroom_user("bientap", "Editor", "Trần Minh Anh")
    article = ArticleFactory(title=LIVE, created_by=journalist)

    desk = open_page("journalist")
    log_in_to_admin(desk, journalist)
    open_article_form(desk, article)
    desk.get_by_label("Tiêu đề").fill(CHANGED)
    desk.locator("input[name=_save]").click()
    expect(desk.locator(".messagelist .success")).to_contain_text("Độc giả vẫn đọc bản đang đăng")
    expect(desk.get_by_label("Tiêu đề")).to_have_value(CHANGED)  # their change, to go on with

    reader = open_page("reader", phone=True)
    reader.goto(article.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(LIVE)

    chief = open_page("editor")
    log_in_to_admin(chief, editor)
    expect(chief.locator(".newsroom-queue .newsroom-badge")).to_have_text("1")
    chief.locator(".newsroom-queue").click()
    chief.get_by_role("link", name=CHANGED).click()
    title_row = chief.locator("tr.diff-title")
    expect(title_row.locator(".diff-before")).to_have_text(LIVE)
    expect(title_row.locator(".diff-after ins")).to_have_text("sớm hai tuần")
    chief.get_by_label("Ghi chú cho phóng viên").fill("Đã kiểm tra với Sở Giao thông.")
    chief.get_by_role("button", name="Đăng bản sửa").click()
    expect(chief.locator(".messagelist .success")).to_contain_text("độc giả giờ đọc được bản mới")
    expect(chief.locator(".newsroom-queue .newsroom-badge")).to_have_count(0)

    reader.reload()
    expect(reader.get_by_role("heading", level=1)).to_have_text(CHANGED)

    desk.goto(reverse("admin:index"))
    desk.locator(".newsroom-decisions").click()
    decision = desk.locator("tr.decision").first
    expect(decision).to_contain_text("Bản sửa đã được đăng")
    expect(decision).to_contain_text("Đã kiểm tra với Sở Giao thông.")
