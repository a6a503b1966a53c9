"""A journalist signed in on a laptop and a phone finds both on "Phiên đăng nhập", signs the
phone out from the laptop, and the phone is back at the login page at its next click."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import log_in_to_admin
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_journalist_signs_their_phone_out_from_the_laptop(open_page):
    journalist = newsroom_user("phongvien", "Journalist", "Lê Huy Kiên")
    laptop = open_page("laptop")
    phone = open_page("phone", phone=True)
    log_in_to_admin(phone, journalist)
    log_in_to_admin(laptop, journalist)

    laptop.locator("#user-tools").get_by_role("link", name="Phiên đăng nhập").click()
    rows = laptop.locator("table.staff-sessions tbody tr")
    expect(rows).to_have_count(2)
    expect(laptop.locator(".staff-sessions__current")).to_contain_text("thiết bị này")
    expect(rows.first).to_contain_text("Chrome trên Linux")

    laptop.get_by_role("button", name="Đăng xuất các phiên khác").click()
    expect(laptop.locator(".messagelist .success")).to_contain_text("Đã đăng xuất 1 phiên khác.")
    expect(rows).to_have_count(1)

    phone.goto(reverse("admin:index"))
    expect(phone.locator("#login-form")).to_be_visible()
    laptop.goto(reverse("admin:index"))
    expect(laptop.locator("#user-tools")).to_be_visible()
