"""The demo fills the portal's identity and its four pages, and leaves what was edited."""

from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from portal import pages
from portal.models import Page, SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_and_fast_hashing(settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo() -> None:
    call_command("load_demo", stdout=StringIO())


def test_the_demo_fills_the_identity_and_the_footers_pages(client):
    load_demo()

    identity = SiteSettings.objects.get()
    assert all(
        [
            identity.governing_agency,
            identity.licence,
            identity.responsible_person,
            identity.address,
            identity.phone,
            identity.email,
            identity.hotline,
        ]
    )
    for slug, title in [
        (pages.CONTACT, "Liên hệ"),
        (pages.PRIVACY, "Chính sách bảo vệ dữ liệu cá nhân"),
        (pages.ACCESSIBILITY, "Tuyên bố hỗ trợ tiếp cận"),
        (pages.COMMENTING_RULES, "Quy định bình luận"),
    ]:
        response = client.get(reverse("portal:page", kwargs={"slug": slug}))
        assert response.status_code == HTTPStatus.OK
        assertContains(response, f'<h1 class="portal-page__title">{title}</h1>', html=True)
    privacy = Page.objects.get(slug=pages.PRIVACY).content
    assert "90 ngày" in privacy  # how long commenters' phone and address are kept


def test_loading_again_keeps_what_was_edited_in_the_admin():
    load_demo()
    SiteSettings.objects.filter().update(hotline="1900 1234")
    Page.objects.filter(slug=pages.CONTACT).update(content="<p>Đã sửa.</p>")

    load_demo()

    assert SiteSettings.objects.get().hotline == "1900 1234"
    assert Page.objects.get(slug=pages.CONTACT).content == "<p>Đã sửa.</p>"
    assert Page.objects.count() == 4
