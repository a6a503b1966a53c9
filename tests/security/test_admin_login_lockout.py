"""Guessing admin passwords: after AXES_FAILURE_LIMIT wrong ones, a username is locked out
from that client address for AXES_COOLOFF_MINUTES, even with the right password."""

import datetime as dt
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from demo.loading import DEMO_PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem-42"
LOCKED_OUT = "Tạm dừng đăng nhập"


@pytest.fixture(autouse=True)
def _lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


def sign_in(client, username, password, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **extra,
    )


def signed_in(response) -> bool:
    return response.status_code == HTTPStatus.FOUND and SESSION_KEY in response.client.session


def fail(client, username, times, **extra):
    for _ in range(times):
        response = sign_in(client, username, "doan-bua", **extra)
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS)
    return response


def test_below_the_limit_the_right_password_still_works(client, editor):
    fail(client, "bientap", 2)

    assert signed_in(sign_in(client, "bientap", PASSWORD))


def test_at_the_limit_the_username_is_locked_out_with_a_clear_page(client, editor):
    last = fail(client, "bientap", 3)

    assert last.status_code == HTTPStatus.TOO_MANY_REQUESTS
    html = last.content.decode()
    assert LOCKED_OUT in html
    assert "Mật khẩu của tài khoản này đã bị nhập sai 3 lần liên tiếp." in html
    assert "tạm dừng trong 15 phút" in html
    assert "Kể cả mật khẩu đúng cũng bị từ chối" in html


def test_the_right_password_is_refused_during_the_lockout(client, editor):
    fail(client, "bientap", 3)

    response = sign_in(client, "bientap", PASSWORD)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert LOCKED_OUT in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_right_password_is_accepted_once_the_cool_off_has_passed(client, editor):
    fail(client, "bientap", 3)
    assert not signed_in(sign_in(client, "bientap", PASSWORD))

    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))

    assert signed_in(sign_in(client, "bientap", PASSWORD))


def test_the_cool_off_counts_from_the_lockout_not_from_the_last_try(client, editor):
    """Trying again during the lockout does not push its end further away."""
    fail(client, "bientap", 3)
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=14))
    fail(client, "bientap", 2)
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=15, seconds=1)
    )

    assert signed_in(sign_in(client, "bientap", PASSWORD))


def test_the_lockout_is_per_username(client, editor):
    UserFactory(username="phongvien", is_staff=True)
    fail(client, "bientap", 3)

    assert signed_in(sign_in(client, "phongvien", PASSWORD))


def test_the_lockout_is_per_client_address(client, editor):
    fail(client, "bientap", 3, REMOTE_ADDR="203.0.113.66")

    assert not signed_in(sign_in(client, "bientap", PASSWORD, REMOTE_ADDR="203.0.113.66"))
    assert signed_in(sign_in(client, "bientap", PASSWORD, REMOTE_ADDR="198.51.100.5"))


def test_behind_a_proxy_the_address_is_the_one_the_comment_rate_limit_uses(
    settings, client, editor
):
    """Behind a trusted proxy: the last X-Forwarded-For entry; what the client wrote before it
    is not believed, so forging it does not get around the lockout."""
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        sign_in(client, "bientap", "sai", HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.9")

    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    locked = sign_in(client, "bientap", PASSWORD, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.9")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    other = sign_in(client, "bientap", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert signed_in(other)


def test_a_forged_header_from_an_untrusted_peer_neither_escapes_nor_spreads_the_lockout(
    settings, client, editor
):
    """Issue 18: a client that reaches gunicorn directly wrote a new X-Forwarded-For for each
    guess. Only a peer in TRUSTED_PROXIES is believed, so every guess counts against its own
    address, and the right password stays refused."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        sign_in(client, "bientap", "sai", REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=forged)

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.66"]
    locked = sign_in(
        client, "bientap", PASSWORD, REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="4.4.4.4"
    )
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_every_address_of_one_ipv6_64_shares_one_lockout(client, editor):
    for host in range(1, 4):
        sign_in(client, "bientap", "sai", REMOTE_ADDR=f"2001:db8:1:2::{host}")

    locked = sign_in(client, "bientap", PASSWORD, REMOTE_ADDR="2001:db8:1:2:abcd::1")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert signed_in(sign_in(client, "bientap", PASSWORD, REMOTE_ADDR="2001:db8:1:3::1"))


def test_a_successful_sign_in_clears_the_count(client, editor):
    fail(client, "bientap", 2)
    assert signed_in(sign_in(client, "bientap", PASSWORD))
    client.logout()

    fail(client, "bientap", 2)

    assert signed_in(sign_in(client, "bientap", PASSWORD))


def test_the_limit_and_the_cool_off_come_from_the_settings(settings, client, editor):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=30)

    assert sign_in(client, "bientap", "sai").status_code == HTTPStatus.OK
    fail(client, "bientap", 3)
    last = sign_in(client, "bientap", "sai")

    assert last.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "tạm dừng trong 30 phút" in last.content.decode()


def test_the_lockout_log_lines_mask_the_username_and_the_address(client, editor, caplog):
    fail(client, "bientap", 3, REMOTE_ADDR="203.0.113.66")

    assert "Locking out" in caplog.text
    assert "bientap" not in caplog.text
    assert "203.0.113.66" not in caplog.text


def test_the_published_demo_password_never_works_with_debug_off(settings, client):
    settings.DEBUG = False
    UserFactory(username="admin", is_staff=True, is_superuser=True, password=DEMO_PASSWORD)

    response = sign_in(client, "admin", DEMO_PASSWORD)

    assert not signed_in(response)
    assert response.status_code == HTTPStatus.OK


def test_the_demo_password_works_on_a_development_site(settings, client):
    settings.DEBUG = True
    UserFactory(username="admin", is_staff=True, is_superuser=True, password=DEMO_PASSWORD)

    assert signed_in(sign_in(client, "admin", DEMO_PASSWORD))


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_an_unsafe_next_after_sign_in_goes_to_the_admin_index(client, editor, unsafe):
    response = client.post(
        reverse("admin:login"), {"username": "bientap", "password": PASSWORD, "next": unsafe}
    )

    assert signed_in(response)
    assert response["Location"] == reverse("admin:index")
