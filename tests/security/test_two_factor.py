"""Two-factor sign-in for staff (issue 18): a code from an authenticator app or a recovery code
after the password, required of Editors, Moderators and superusers when
STAFF_TWO_FACTOR_REQUIRED is on, and reset by an administrator."""

import datetime as dt
import logging
import re
from http import HTTPStatus
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains

from tests.factories import UserFactory
from tests.ops.helpers import makefile_recipe
from tests.support.accounts import PASSWORD, logged_in
from tests.support.two_factor import RECOVERY_CODES, app_code, with_two_factor

pytestmark = pytest.mark.django_db

CODE_MISSING = "Tài khoản này đã bật xác thực hai bước: hãy nhập mã trong ứng dụng xác thực."
CODE_WRONG = "Mã xác thực không đúng hoặc đã được dùng."


@pytest.fixture(autouse=True)
def _lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


@pytest.fixture
def required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def sign_in(client, username, password=PASSWORD, code=""):
    return client.post(
        reverse("admin:login"),
        {
            "username": username,
            "password": password,
            "otp_token": code,
            "next": reverse("admin:index"),
        },
    )


def signed_in(response) -> bool:
    return response.status_code == HTTPStatus.FOUND and SESSION_KEY in response.client.session


def code_field_error(response) -> str:
    """The error shown in the code's form row."""
    row = re.search(
        r'<div class="form-row">\s*<ul class="errorlist"[^>]*>(.*?)</ul>\s*'
        r'<label[^>]*for="id_otp_token"',
        response.content.decode(),
        re.S,
    )
    return re.sub(r"<[^>]+>", "", row[1]).strip() if row else ""


# --- Signing in ---------------------------------------------------------------------------


def test_without_two_factor_the_password_alone_signs_in(client, journalist):
    response = sign_in(client, "phongvien")

    assert signed_in(response)
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_the_login_page_has_the_code_field_in_vietnamese(client):
    html = client.get(reverse("admin:login")).content.decode()

    assert '<label for="id_otp_token">Mã xác thực:</label>' in html
    assert 'autocomplete="one-time-code"' in html


def test_with_two_factor_the_password_alone_is_refused_next_to_the_code_field(client, editor):
    with_two_factor(editor)

    response = sign_in(client, "bientap")

    assert response.status_code == HTTPStatus.OK
    assert SESSION_KEY not in client.session
    assert code_field_error(response) == CODE_MISSING
    html = response.content.decode()
    assert 'name="username" value="bientap"' in html
    assert re.search(r'<input type="text" name="otp_token"[^>]* autofocus', html)


def test_the_app_code_signs_in_and_the_session_is_verified(client, editor):
    device = with_two_factor(editor)

    response = sign_in(client, "bientap", code=app_code(device.bin_key))

    assert signed_in(response)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK


def test_a_code_is_accepted_with_spaces_as_some_apps_show_it(client, editor):
    device = with_two_factor(editor)
    code = app_code(device.bin_key)

    assert signed_in(sign_in(client, "bientap", code=f"{code[:3]} {code[3:]}"))


def test_a_wrong_code_is_refused_with_the_username_kept(client, editor):
    device = with_two_factor(editor)
    wrong = f"{(int(app_code(device.bin_key)) + 500_000) % 1_000_000:06d}"

    response = sign_in(client, "bientap", code=wrong)

    assert response.status_code == HTTPStatus.OK
    assert SESSION_KEY not in client.session
    assert code_field_error(response).startswith(CODE_WRONG)
    assert 'name="username" value="bientap"' in response.content.decode()


def test_a_code_already_used_is_refused(client, editor):
    device = with_two_factor(editor)
    code = app_code(device.bin_key)
    assert signed_in(sign_in(client, "bientap", code=code))

    again = sign_in(Client(), "bientap", code=code)

    assert not signed_in(again)
    assert code_field_error(again).startswith(CODE_WRONG)


def test_wrong_codes_count_towards_the_lockout_like_wrong_passwords(client, editor):
    device = with_two_factor(editor)
    sign_in(client, "bientap", password="doan-bua")
    sign_in(client, "bientap", code="000000")

    assert AccessAttempt.objects.get().failures_since_start == 2
    locked = sign_in(client, "bientap", code="999999")

    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Tạm dừng đăng nhập" in locked.content.decode()
    assert not signed_in(sign_in(client, "bientap", code=app_code(device.bin_key)))


def test_a_wrong_code_never_counts_for_a_wrong_password(client, editor):
    """With the wrong password the code is not even looked at: one failure, not two."""
    with_two_factor(editor)

    response = sign_in(client, "bientap", password="doan-bua", code="123456")

    assert code_field_error(response) == ""
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_a_recovery_code_signs_in_once_and_is_logged(client, editor, caplog):
    with_two_factor(editor)

    with caplog.at_level(logging.WARNING, logger="hnp.two_factor"):
        response = sign_in(client, "bientap", code=RECOVERY_CODES[0].upper())

    assert signed_in(response)
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    assert not StaticToken.objects.filter(token=RECOVERY_CODES[0]).exists()
    assert "Recovery code used to sign in: user bientap" in caplog.text
    assert "2 recovery codes left" in caplog.text
    entry = LogEntry.objects.get(object_id=str(editor.pk))
    assert entry.user == editor
    assert entry.get_change_message() == "Đăng nhập bằng mã khôi phục (còn 2 mã)."

    again = sign_in(Client(), "bientap", code=RECOVERY_CODES[0])
    assert not signed_in(again)
    assert code_field_error(again).startswith(CODE_WRONG)


def test_a_session_that_typed_no_code_is_sent_back_to_the_login(editor):
    """A session signed in some other way than the form (or before two-factor sign-in was
    turned on for the account) does not get in."""
    with_two_factor(editor)
    client = logged_in(editor)

    response = client.get(reverse("admin:index"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))
    assert SESSION_KEY not in client.session


# --- Who must use it ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor", "moderator", "superuser"])
def test_when_required_editors_moderators_and_superusers_must_set_it_up_first(
    required, request, who
):
    client = logged_in(request.getfixturevalue(who))

    response = client.get(reverse("admin:index"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("staff-two-factor")
    page = client.get(reverse("staff-two-factor"))
    assert page.status_code == HTTPStatus.OK
    assert "Tài khoản của bạn bắt buộc phải dùng xác thực hai bước." in page.content.decode()


def test_when_required_journalists_may_still_choose(required, journalist):
    client = logged_in(journalist)

    index = client.get(reverse("admin:index"))
    assert index.status_code == HTTPStatus.OK
    assertContains(index, f'<a href="{reverse("staff-two-factor")}">Xác thực hai bước</a>')
    page = client.get(reverse("staff-two-factor")).content.decode()
    assert "Bật xác thực hai bước" in page
    assert "bắt buộc" not in page


def test_a_journalist_who_turned_it_on_needs_the_code_too(journalist):
    device = with_two_factor(journalist)

    assert not signed_in(sign_in(Client(), "phongvien"))
    assert signed_in(sign_in(Client(), "phongvien", code=app_code(device.bin_key)))


def test_when_optional_nobody_is_sent_to_set_it_up(editor, superuser):
    for user in (editor, superuser):
        assert logged_in(user).get(reverse("admin:index")).status_code == HTTPStatus.OK


# --- Setting it up ------------------------------------------------------------------------


def secret_on(page) -> str:
    return re.search(r"<code [^>]*data-secret>([A-Z2-7 ]+)</code>", page.content.decode())[1]


def test_the_enrolment_page_shows_a_qr_code_and_the_secret_to_type(required, editor):
    client = logged_in(editor)

    page = client.get(reverse("staff-two-factor"))

    html = page.content.decode()
    assert "<svg" in html
    assert "<script" not in html.split('id="content-main"')[1]
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    assert app_code(secret_on(page)) == app_code(device.bin_key)
    # The same secret until it is confirmed: reloading the page does not change it.
    assert secret_on(client.get(reverse("staff-two-factor"))) == secret_on(page)


def test_confirming_with_a_code_shows_ten_recovery_codes_once(required, editor):
    client = logged_in(editor)
    secret = secret_on(client.get(reverse("staff-two-factor")))

    response = client.post(reverse("staff-two-factor"), {"code": app_code(secret)})

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    assert TOTPDevice.objects.get(user=editor).confirmed
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    again = client.get(reverse("staff-two-factor")).content.decode()
    assert "Tài khoản của bạn đã bật xác thực hai bước" in again
    assert not any(code in again for code in codes)
    assert LogEntry.objects.get(object_id=str(editor.pk)).get_change_message() == (
        "Đã bật xác thực hai bước."
    )


def test_turning_it_on_signs_the_accounts_other_sessions_out(required, editor):
    """Another browser signed in with the password alone (someone who had the password, or a
    forgotten computer) must not stay signed in once the account needs the phone too."""
    elsewhere = logged_in(editor)
    client = logged_in(editor)
    secret = secret_on(client.get(reverse("staff-two-factor")))

    response = client.post(reverse("staff-two-factor"), {"code": app_code(secret)})

    assert "Đã đăng xuất 1 phiên khác." in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    sent_away = elsewhere.get(reverse("admin:index"))
    assert sent_away.status_code == HTTPStatus.FOUND
    assert sent_away["Location"].startswith(reverse("admin:login"))


def test_a_wrong_confirmation_code_is_refused_next_to_its_field(required, editor):
    client = logged_in(editor)
    secret = secret_on(client.get(reverse("staff-two-factor")))
    wrong = f"{(int(app_code(secret)) + 500_000) % 1_000_000:06d}"

    response = client.post(reverse("staff-two-factor"), {"code": wrong})

    assert response.status_code == HTTPStatus.OK
    assert "Mã xác thực không đúng. Hãy kiểm tra giờ trên điện thoại" in response.content.decode()
    assert secret_on(response) == secret
    assert not TOTPDevice.objects.get(user=editor).confirmed
    assert client.get(reverse("admin:index"))["Location"] == reverse("staff-two-factor")


def test_new_recovery_codes_replace_the_old_ones_for_the_apps_code(client, editor):
    device = with_two_factor(editor)
    assert signed_in(sign_in(client, "bientap", code=app_code(device.bin_key)))
    assert "Tạo mã khôi phục mới" in client.get(reverse("staff-two-factor")).content.decode()

    # The app's next code: the one that signed in cannot be used twice.
    response = client.post(
        reverse("staff-two-factor"), {"code": app_code(device.bin_key, steps_ahead=1)}
    )

    html = response.content.decode()
    assert "Đã tạo mã khôi phục mới: các mã cũ không còn dùng được." in html
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    assert LogEntry.objects.filter(object_id=str(editor.pk)).latest("pk").get_change_message() == (
        "Đã tạo mã khôi phục mới."
    )
    assert not set(RECOVERY_CODES) & set(StaticToken.objects.values_list("token", flat=True))
    assert signed_in(sign_in(Client(), "bientap", code=codes[0]))


def test_a_wrong_code_makes_no_new_recovery_codes_and_guessing_is_held_back(client, editor):
    device = with_two_factor(editor)
    sign_in(client, "bientap", code=app_code(device.bin_key))
    right = app_code(device.bin_key, steps_ahead=1)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"

    refused = client.post(reverse("staff-two-factor"), {"code": wrong})
    at_once = client.post(reverse("staff-two-factor"), {"code": right})

    assert refused.status_code == HTTPStatus.OK
    assert "Mã xác thực không đúng. Hãy kiểm tra giờ trên điện thoại" in refused.content.decode()
    assert "Nhập sai mã quá nhiều lần: hãy chờ vài giây" in at_once.content.decode()
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(RECOVERY_CODES)


# --- An administrator's reset -------------------------------------------------------------


def reset(client, user):
    return client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [user.pk]},
    )


def test_an_administrator_resets_a_lost_phone_and_it_is_logged(superuser, editor, caplog):
    device = with_two_factor(editor)
    editor_client = Client()
    assert signed_in(sign_in(editor_client, "bientap", code=app_code(device.bin_key)))

    with caplog.at_level(logging.WARNING, logger="hnp.two_factor"):
        response = reset(logged_in(superuser), editor)

    assert response.status_code == HTTPStatus.FOUND
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    assert "Two-factor sign-in reset: user bientap" in caplog.text
    assert "by quantri" in caplog.text
    entry = LogEntry.objects.get(object_id=str(editor.pk), user=superuser)
    assert entry.get_change_message() == "Đã đặt lại xác thực hai bước."
    # The session that typed a code from the old phone ends; the password alone signs in.
    assert editor_client.get(reverse("admin:index")).status_code == HTTPStatus.FOUND
    assert signed_in(sign_in(Client(), "bientap"))


def test_the_user_list_shows_who_has_two_factor_sign_in(superuser, editor, journalist):
    with_two_factor(editor)

    html = logged_in(superuser).get(reverse("admin:auth_user_changelist")).content.decode()

    assert "Xác thực hai bước" in html
    assert "Đặt lại xác thực hai bước của các tài khoản đã chọn" in html


def test_staff_who_may_see_accounts_but_not_reset_them_have_no_reset(editor, journalist):
    editor.user_permissions.add(Permission.objects.get(codename="view_user"))
    with_two_factor(journalist)
    client = Client()
    client.force_login(editor)
    # The editor's own session typed no code: only accounts with two-factor sign-in need one.

    html = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "reset_two_factor" not in html
    reset(client, journalist)
    assert TOTPDevice.objects.filter(user=journalist).exists()


def test_without_any_administrator_the_command_line_resets_it(superuser, caplog):
    """The only administrator lost the phone and the codes: `make reset-two-factor`."""
    with_two_factor(superuser)
    out = StringIO()

    with caplog.at_level(logging.WARNING, logger="hnp.two_factor"):
        call_command("reset_two_factor", "quantri", stdout=out)

    assert "Two-factor sign-in of quantri reset" in out.getvalue()
    assert "by manage.py reset_two_factor" in caplog.text
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    assert signed_in(sign_in(Client(), "quantri"))
    assert makefile_recipe("reset-two-factor", USERNAME="quantri")[-1][1:] == [
        "manage.py",
        "reset_two_factor",
        "quantri",
    ]
    with pytest.raises(CommandError, match="No account named 'ai-do'"):
        call_command("reset_two_factor", "ai-do")
