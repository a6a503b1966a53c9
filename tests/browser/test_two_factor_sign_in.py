"""An editor, who must use two-factor sign-in, sets it up in the browser and signs in again
with the code of the app (computed here from the secret the page shows, as the app would) or
with one of the recovery codes the page showed once."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from playwright.sync_api import expect

from tests.browser.helpers import blocking_accessibility_problems, log_in_to_admin
from tests.support.accounts import PASSWORD, newsroom_user
from tests.support.two_factor import app_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at(name: str) -> re.Pattern:
    return re.compile(re.escape(reverse(name)) + "$")


def test_an_editor_sets_up_two_factor_sign_in_and_signs_in_with_a_code(open_page, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    editor = newsroom_user("bientap", "Editor", "Trần Minh Anh")

    page = open_page("editor")
    log_in_to_admin(page, editor)
    expect(page).to_have_url(at("staff-two-factor"))
    expect(page.locator(".errornote")).to_contain_text("bắt buộc phải dùng xác thực hai bước")
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    assert blocking_accessibility_problems(page) == []
    secret = page.locator("[data-secret]").inner_text()

    page.get_by_label("Mã xác thực").fill("000000")
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    expect(page.locator(".errorlist")).to_contain_text("Mã xác thực không đúng")
    assert page.locator("[data-secret]").inner_text() == secret

    page.get_by_label("Mã xác thực").fill(app_code(secret))
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    codes = page.locator("[data-recovery-codes] code")
    expect(codes).to_have_count(10)
    recovery_code = codes.first.inner_text()
    page.get_by_role("link", name="Tiếp tục vào trang quản trị").click()
    expect(page).to_have_url(at("admin:index"))

    # Another computer: the password alone is not enough any more.
    laptop = open_page("editor on a laptop")
    laptop.goto(reverse("admin:login"))
    laptop.locator("#id_username").fill("bientap")
    laptop.locator("#id_password").fill(PASSWORD)
    laptop.locator("#login-form [type=submit]").click()
    expect(laptop.locator("#id_otp_token_error")).to_contain_text(
        "Tài khoản này đã bật xác thực hai bước"
    )
    expect(laptop.locator("#id_username")).to_have_value("bientap")
    # The code the app shows next (accepted within a period either side, never twice).
    log_in_to_admin(laptop, editor, code=app_code(secret, steps_ahead=1))
    expect(laptop).to_have_url(at("admin:index"))

    # A lost phone: a recovery code, once.
    phone_lost = open_page("editor without the phone")
    log_in_to_admin(phone_lost, editor, code=recovery_code)
    expect(phone_lost).to_have_url(at("admin:index"))
    assert not StaticToken.objects.filter(token=recovery_code).exists()
    assert StaticToken.objects.filter(device__user=editor).count() == 9
