"""Staff sessions end after STAFF_SESSION_IDLE_HOURS idle, and at a password change."""

import time
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_staff_session_ends_after_the_idle_time(client, monkeypatch, settings):
    settings.STAFF_SESSION_IDLE_HOURS = 8
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    start = time.time()
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK

    monkeypatch.setattr(time, "time", lambda: start + 7.9 * 3600)
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.OK
    monkeypatch.setattr(time, "time", lambda: start + 7.9 * 3600 + 8.1 * 3600)
    expired = client.get(reverse("admin:index"))

    assert expired.status_code == HTTPStatus.FOUND
    assert expired["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("admin:index")).status_code == HTTPStatus.FOUND


def test_a_password_change_ends_the_other_sessions():
    user = UserFactory(is_staff=True, is_superuser=True)
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)

    user.set_password("mot-mat-khau-moi-rat-dai-2026")
    user.save()

    assert phone.get(reverse("admin:index")).status_code == HTTPStatus.FOUND
