"""The article form gives the writing room: the title and the body's editor use the page's
width, and the admin's header names the newsroom."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import log_in_to_admin, open_article_form
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def width(locator) -> float:
    return locator.bounding_box()["width"]


@pytest.mark.parametrize("viewport_width", [1280, 1920])
def test_the_title_and_the_editor_use_the_pages_width(open_page, viewport_width):
    journalist = newsroom_user("phongvien", "Journalist", "Lê Huy Kiên")
    desk = open_page("journalist")
    desk.set_viewport_size({"width": viewport_width, "height": 900})
    log_in_to_admin(desk, journalist)
    open_article_form(desk)

    expect(desk.locator("#site-name")).to_have_text("HNP – Quản trị tòa soạn")
    row = width(desk.locator(".form-row.field-title"))
    assert width(desk.get_by_label("Tiêu đề")) > 0.9 * row
    assert width(desk.locator(".field-body .cke")) > 0.9 * row
    assert width(desk.get_by_label("Sapo")) > 0.9 * row
