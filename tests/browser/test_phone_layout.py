"""On a 375×812 phone: no page scrolls sideways, and the comment form can be used."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import scrolls_sideways, wait_for_loaded_image

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_WIDTH = 375


@pytest.mark.parametrize(
    "address",
    [
        lambda site: reverse("articles:home"),
        lambda site: site.city.get_absolute_url(),
        # The featured article has a wide table, a long link and pictures in its body.
        lambda site: site.featured.get_absolute_url(),
        lambda site: reverse("comments:write", kwargs={"slug": site.featured.slug}),
        lambda site: reverse("articles:search") + "?q=phố đi bộ",
    ],
    ids=["home", "category", "article", "comment-page", "search"],
)
def test_pages_do_not_scroll_sideways_on_a_phone(open_page, news_site, address):
    page = open_page("reader", phone=True)
    page.goto(address(news_site))
    assert not scrolls_sideways(page)


def test_the_comment_form_fits_a_phone_and_takes_what_the_reader_types(open_page, news_site):
    page = open_page("reader", phone=True)
    page.goto(news_site.featured.get_absolute_url())
    typed = {
        "Họ tên": "Nguyễn Thị Thanh Hương",
        "Số điện thoại": "0912 345 678",
        "Tiêu đề": "Góp ý về giờ mở cửa",
        "Nội dung": "Nên mở cửa sớm hơn vào cuối tuần.",
    }
    for label, text in typed.items():
        field = page.get_by_label(label)
        field.tap()
        field.fill(text)
        expect(field).to_have_value(text)
    wait_for_loaded_image(page, "[data-captcha-image]")
    answer = page.get_by_label("Mã xác nhận")
    answer.fill("ABCDE")
    expect(answer).to_have_value("ABCDE")
    send = page.get_by_role("button", name="Gửi bình luận")
    for control in [
        *(page.get_by_label(label) for label in typed),
        page.locator("[data-captcha-image]"),
        answer,
        page.get_by_role("link", name="Lấy lại mã bảo mật"),
        send,
    ]:
        control.scroll_into_view_if_needed()
        expect(control).to_be_visible()
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, control
    assert not scrolls_sideways(page)
