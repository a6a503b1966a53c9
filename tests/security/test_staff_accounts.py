"""Staff passwords pass Django's validators; the demo accounts with their published password
exist only where demo content was loaded, and never work with DEBUG off."""

from http import HTTPStatus
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from demo.loading import DEMO_PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
STRONG = "cau-long-bien-1902-song-hong"


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


def add_user(client, username, password):
    return client.post(
        reverse("admin:auth_user_add"),
        {
            "username": username,
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("12345678", "Mật khẩu này hoàn toàn là số."),
        ("matkhau", "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 8 ký tự."),
        ("password123", "Mật khẩu này quá phổ biến."),
        ("phongvien-moi", "Mật khẩu quá giống với Tên đăng nhập."),
    ],
    ids=["numeric", "short", "common", "like-the-username"],
)
def test_an_administrator_cannot_give_a_new_staff_account_a_weak_password(
    admin_client, password, reason
):
    response = add_user(admin_client, "phongvien-moi", password)

    assert response.status_code == HTTPStatus.OK
    assert reason in response.content.decode()
    assert not User.objects.filter(username="phongvien-moi").exists()


def test_a_strong_password_is_accepted(admin_client):
    response = add_user(admin_client, "phongvien-moi", STRONG)

    assert response.status_code == HTTPStatus.FOUND
    assert User.objects.get(username="phongvien-moi").check_password(STRONG)


def test_staff_changing_their_own_password_meet_the_same_rules(client):
    user = UserFactory(username="bientap", is_staff=True)
    client.force_login(user)

    response = client.post(
        reverse("admin:password_change"),
        {
            "old_password": "mat-khau-thu-nghiem-42",
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )

    assert response.status_code == HTTPStatus.OK
    user.refresh_from_db()
    assert user.check_password("mat-khau-thu-nghiem-42")


def test_a_new_site_has_no_account_at_all():
    """No migration creates a user: accounts come from createsuperuser or the demo loader."""
    assert not User.objects.exists()


def test_the_demo_loader_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=False"):
        call_command("load_demo", stdout=StringIO())

    assert not User.objects.exists()


def test_demo_accounts_forced_onto_a_site_with_debug_off_cannot_sign_in(settings, client):
    """--force is for throwaway sites; even there the published password is refused."""
    settings.DEBUG = False
    call_command("load_demo", "--force", stdout=StringIO())
    assert Group.objects.get(name="Editor").user_set.filter(username="bientap").exists()

    for username in ("admin", "bientap", "phongvien", "kiemduyet"):
        response = client.post(
            reverse("admin:login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == HTTPStatus.OK, username
        assert "_auth_user_id" not in client.session
