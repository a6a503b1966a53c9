"""Journey 2: a reader comments from a phone, through the real captcha."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import captcha_answer, fill_comment, send_comment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMMENT = {
    "name": "Lê Thu Hà",
    "phone": "0912 345 678",
    "title": "Nên mở thêm giờ buổi sáng",
    "content": "Phố đi bộ rất đẹp.\nMong thành phố mở thêm vào sáng Chủ nhật cho các cháu nhỏ.",
}


def test_a_reader_corrects_a_wrong_captcha_and_waits_for_moderation(open_page, news_site):
    article = news_site.featured
    reader = open_page("reader", phone=True)
    reader.goto(article.get_absolute_url())

    fill_comment(reader, **COMMENT)
    answer = captcha_answer(reader)
    wrong = "00000" if answer != "00000" else "11111"
    response = send_comment(reader, answer=wrong)

    assert response.status == HTTPStatus.BAD_REQUEST
    expect(reader.get_by_role("alert")).to_contain_text("Mã xác nhận")
    for label, typed in [
        ("Họ tên", COMMENT["name"]),
        ("Số điện thoại", COMMENT["phone"]),
        ("Tiêu đề", COMMENT["title"]),
        ("Nội dung", COMMENT["content"]),
    ]:
        expect(reader.get_by_label(label)).to_have_value(typed)
    expect(reader.get_by_label("Mã xác nhận")).to_have_value("")

    image = reader.locator("[data-captcha-image]")
    first_image = image.get_attribute("src")
    reader.evaluate("window.__samePage = 'không tải lại'")
    reader.get_by_role("link", name="Lấy lại mã bảo mật").click()
    expect(image).not_to_have_attribute("src", first_image)
    assert reader.evaluate("window.__samePage") == "không tải lại"
    expect(reader.get_by_label("Họ tên")).to_have_value(COMMENT["name"])

    send_comment(reader, answer=captcha_answer(reader))

    expect(reader).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "#binh-luan$"))
    expect(reader.locator("#binh-luan").get_by_role("status")).to_have_text(
        "Bình luận của bạn đã được gửi và đang chờ kiểm duyệt."
    )
    comments = reader.locator(".comments__list")
    expect(comments).to_contain_text("Rất mong chờ")  # the approved ones are there
    expect(comments).not_to_contain_text(COMMENT["title"])
    expect(reader.locator("#binh-luan")).not_to_contain_text(COMMENT["content"].split("\n")[0])

    reader.locator(".comments__status-link").click()
    status_prefix = reverse("comments:status", args=["TOKEN"]).split("TOKEN")[0]
    expect(reader).to_have_url(re.compile(re.escape(status_prefix) + r"[\w-]{20,}/$"))
    expect(reader.locator(".comment-status")).to_have_text(
        "Đang chờ kiểm duyệt. Bình luận sẽ hiện dưới bài viết sau khi được duyệt."
    )
    expect(reader.locator(".comment__title")).to_have_text(COMMENT["title"])


def test_a_reader_without_javascript_comments_on_the_plain_comment_page(open_page, news_site):
    article = news_site.featured
    reader = open_page("reader", phone=True, javascript=False)
    reader.goto(article.get_absolute_url())

    reader.get_by_role("link", name="Viết bình luận tại trang gửi bình luận").click()
    expect(reader).to_have_url(
        re.compile(re.escape(reverse("comments:write", args=[article.slug])))
    )
    first_key = reader.locator("#id_captcha_0").input_value()
    reader.get_by_role("link", name="Lấy lại mã bảo mật").click()  # a new page, a new code
    expect(reader.locator("#id_captcha_0")).not_to_have_value(first_key)

    fill_comment(reader, **COMMENT)
    send_comment(reader, answer=captcha_answer(reader))

    expect(reader).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "#binh-luan$"))
    expect(reader.locator("#binh-luan").get_by_role("status")).to_have_text(
        "Bình luận của bạn đã được gửi và đang chờ kiểm duyệt."
    )
