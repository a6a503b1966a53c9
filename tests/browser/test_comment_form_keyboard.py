"""A reader who uses only the keyboard (Tab, Shift+Tab, Enter, Space and typing; no clicks)
comments under an article: gets the captcha wrong, is taken to the error summary, follows its
links to the fields, gets a new code and listens to it, and sends the comment. axe audits the
page with the errors shown."""

import re
from http import HTTPStatus

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    blocking_accessibility_problems,
    captcha_answer,
    wait_for_loaded_image,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# More than the article page has focusable things before its comment form.
MOST_TABS = 200

TYPED = {
    "#id_name": "Đỗ Quang Vinh",
    "#id_phone": "12345",  # too short: the server says so
    "#id_title": "Cần thêm đèn đường",
    "#id_content": "Đoạn phố gần hồ buổi tối rất tối.\nMong thành phố lắp thêm đèn.",
}


def is_focused(page: Page, selector: str) -> bool:
    return page.evaluate(
        "(selector) => document.activeElement?.matches(selector) ?? false", selector
    )


def tab_to(page: Page, selector: str, *, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab ``backwards``) until ``selector`` has the focus, as a keyboard
    user does; fails if it is never reached."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MOST_TABS):
        if is_focused(page, selector):
            return
        page.keyboard.press(key)
    assert is_focused(page, selector), f"{selector} cannot be reached with {key}"


def type_into(page: Page, selector: str, text: str) -> None:
    """Type in the focused field, the textarea's line breaks with Enter."""
    assert is_focused(page, selector)
    for number, line in enumerate(text.split("\n")):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(line)


def wrong(answer: str) -> str:
    return "00000" if answer != "00000" else "11111"


def get_a_new_code(page: Page) -> None:
    """From the answer field: Tab to "Lấy lại mã bảo mật", Enter; a new picture, focus back."""
    image = page.locator("[data-captcha-image]")
    first = image.get_attribute("src")
    tab_to(page, "[data-captcha-refresh]")
    expect(page.get_by_role("link", name="Lấy lại mã bảo mật")).to_be_focused()
    page.keyboard.press("Enter")
    expect(image).not_to_have_attribute("src", first)
    wait_for_loaded_image(page, "[data-captcha-image]")
    expect(page.locator("#id_captcha_1")).to_be_focused()


def listen_to_the_code(page: Page) -> None:
    """From the answer field: Tab to the audio alternative, Enter: the spoken code is fetched
    and played on the page (the reader stays on the form), focus back to the answer."""
    address = page.url
    tab_to(page, "[data-captcha-audio]")
    audio = page.locator("[data-captcha-audio]")
    expect(audio).to_have_accessible_name("Nghe mã bảo mật")
    key = page.locator("#id_captcha_0").input_value()
    with page.expect_response(re.compile(rf"/captcha/audio/{key}\.wav$")) as sound:
        page.keyboard.press("Enter")
    # 200, or 206 for the range the media player asks for.
    assert sound.value.status in {HTTPStatus.OK, HTTPStatus.PARTIAL_CONTENT}
    assert sound.value.header_value("content-type") == "audio/wav"
    expect(page.locator("#id_captcha_1")).to_be_focused()
    assert page.url == address


def test_a_keyboard_user_corrects_a_wrong_captcha_and_sends_the_comment(open_page, news_site):
    article = news_site.featured
    reader = open_page("reader")
    reader.goto(article.get_absolute_url())

    tab_to(reader, "#id_name")
    for selector, text in TYPED.items():
        tab_to(reader, selector)
        type_into(reader, selector, text)
    tab_to(reader, "#id_captcha_1")
    # The code's picture is there, next to the field the reader is in.
    wait_for_loaded_image(reader, "[data-captcha-image]")
    expect(reader.locator("[data-captcha-image]")).to_be_in_viewport()
    expect(reader.locator("[data-captcha-image]")).to_have_accessible_name("Hình mã xác nhận")
    get_a_new_code(reader)
    listen_to_the_code(reader)
    reader.keyboard.type(wrong(captcha_answer(reader)))
    tab_to(reader, "button[type=submit]")
    with reader.expect_navigation() as sent:
        reader.keyboard.press("Enter")

    # The comment page, with the errors: focus on their summary.
    assert sent.value.status == HTTPStatus.BAD_REQUEST
    summary = reader.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(2)
    for selector, text in TYPED.items():
        expect(reader.locator(selector)).to_have_value(text)
    for link_target in ("#id_phone", "#id_captcha_1"):
        tab_to(reader, f'[data-error-summary] a[href="{link_target}"]', backwards=True)
        reader.keyboard.press("Enter")
        expect(reader.locator(link_target)).to_be_focused()
        expect(reader.locator(link_target)).to_have_attribute("aria-invalid", "true")
    # The summary's last link led to the answer field: the code is there to get and hear.
    wait_for_loaded_image(reader, "[data-captcha-image]")
    get_a_new_code(reader)
    listen_to_the_code(reader)

    assert blocking_accessibility_problems(reader) == []

    # Correct the phone number (through the summary) and the code, send with Space.
    tab_to(reader, '[data-error-summary] a[href="#id_phone"]', backwards=True)
    reader.keyboard.press("Enter")
    reader.keyboard.press("ControlOrMeta+a")
    reader.keyboard.type("0912 345 678")
    tab_to(reader, "#id_captcha_1")
    reader.keyboard.type(captcha_answer(reader))
    tab_to(reader, "button[type=submit]")
    with reader.expect_navigation():
        reader.keyboard.press("Space")

    expect(reader).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "#binh-luan$"))
    confirmation = reader.locator("#binh-luan").get_by_role("status")
    expect(confirmation).to_have_text("Bình luận của bạn đã được gửi và đang chờ kiểm duyệt.")
    expect(confirmation).to_be_focused()
