"""A reader without JavaScript comments through the plain comment page, and a comment refused
for its CSRF token (here: the cookies were cleared meanwhile) comes back with its text."""

import re
from http import HTTPStatus

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.browser.helpers import captcha_answer, fill_comment, send_comment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMMENT = {
    "name": "Phạm Văn Minh",
    "phone": "0987 654 321",
    "title": "Hỏi về giờ mở cửa",
    "content": "Xin hỏi thư viện có mở cửa vào Chủ nhật không?\nCảm ơn ban biên tập.",
}


def test_without_javascript_a_reader_comments_through_the_comment_page(open_page, news_site):
    article = news_site.featured
    reader = open_page("reader", javascript=False)
    reader.goto(article.get_absolute_url())

    section = reader.locator("#binh-luan")
    expect(section.get_by_label("Họ tên")).to_be_hidden()
    expect(section.get_by_role("button", name="Gửi bình luận")).to_be_hidden()
    section.get_by_role("link", name="Viết bình luận tại trang gửi bình luận").click()

    expect(reader.get_by_role("heading", level=1)).to_have_text("Viết bình luận")
    fill_comment(reader, **COMMENT)
    stored = Comment.objects.count()
    # The tab stayed open so long that the CSRF cookie is gone.
    reader.context.clear_cookies()
    response = send_comment(reader, answer=captcha_answer(reader))

    assert response.status == HTTPStatus.FORBIDDEN
    expect(reader.get_by_role("alert")).to_contain_text("biểu mẫu đã hết hạn")
    for label, typed in [
        ("Họ tên", COMMENT["name"]),
        ("Số điện thoại", COMMENT["phone"]),
        ("Tiêu đề", COMMENT["title"]),
        ("Nội dung", COMMENT["content"]),
    ]:
        expect(reader.get_by_label(label)).to_have_value(typed)
    assert Comment.objects.count() == stored

    send_comment(reader, answer=captcha_answer(reader))

    expect(reader).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "#binh-luan$"))
    expect(reader.locator("#binh-luan").get_by_role("status")).to_have_text(
        "Bình luận của bạn đã được gửi và đang chờ kiểm duyệt."
    )
    assert Comment.objects.filter(title=COMMENT["title"]).count() == 1


def test_with_javascript_the_article_page_shows_the_form_and_its_captcha_unasked(
    open_page, news_site
):
    reader = open_page("reader", phone=True)
    reader.goto(news_site.featured.get_absolute_url())

    section = reader.locator("#binh-luan")
    write_link = section.get_by_role("link", name="Viết bình luận tại trang gửi bình luận")
    expect(write_link).to_be_hidden()
    section.get_by_role("button", name="Gửi bình luận").scroll_into_view_if_needed()
    # No field was focused: coming into view is enough.
    image = section.locator("[data-captcha-image]")
    expect(image).to_be_visible()
    assert image.bounding_box()["width"] >= 200
    expect(section.get_by_role("link", name="Nghe mã bảo mật")).to_have_attribute(
        "href", re.compile(r"^/captcha/audio/\w+\.wav$")
    )
