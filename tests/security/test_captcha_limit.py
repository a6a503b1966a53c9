"""Captchas are database rows: a client asking for them in a loop hits CAPTCHA_RATE_LIMIT."""

from http import HTTPStatus

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from comments.checks import check_comment_settings

pytestmark = pytest.mark.django_db

AJAX = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
LIMIT_MESSAGE = "Bạn đã yêu cầu quá nhiều mã xác nhận. Vui lòng thử lại sau vài phút."


def refresh(client, **extra):
    return client.get(reverse("captcha-refresh"), **{**AJAX, **extra})


def test_the_refresh_endpoint_gives_captchas_up_to_the_limit_then_429(settings, client):
    settings.CAPTCHA_RATE_LIMIT = "3/10m"

    answers = [refresh(client) for _ in range(3)]
    refused = refresh(client)

    assert [a.status_code for a in answers] == [HTTPStatus.OK] * 3
    assert {a.json()["key"] for a in answers} == set(
        CaptchaStore.objects.values_list("hashkey", flat=True)
    )
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refused.json() == {"error": LIMIT_MESSAGE}
    assert CaptchaStore.objects.count() == 3
    assert "no-cache" in refused["Cache-Control"]


def test_the_refresh_limit_is_per_client(settings, client):
    settings.CAPTCHA_RATE_LIMIT = "1/10m"
    refresh(client)

    assert refresh(client).status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert refresh(client, REMOTE_ADDR="198.51.100.3").status_code == HTTPStatus.OK


def test_the_limit_follows_the_forwarded_client_behind_a_trusted_proxy(settings, client):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    settings.CAPTCHA_RATE_LIMIT = "1/10m"
    refresh(client, HTTP_X_FORWARDED_FOR="203.0.113.1")

    assert (
        refresh(client, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code
        == HTTPStatus.TOO_MANY_REQUESTS
    )
    assert refresh(client, HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == HTTPStatus.OK


def test_the_plain_comment_page_counts_its_captcha_and_refuses_over_the_limit(
    settings, client, article
):
    settings.CAPTCHA_RATE_LIMIT = "2/10m"
    url = reverse("comments:write", kwargs={"slug": article.slug})

    pages = [client.get(url) for _ in range(2)]
    refused = client.get(url)

    assert [p.status_code for p in pages] == [HTTPStatus.OK] * 2
    assert CaptchaStore.objects.count() == 2
    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    html = refused.content.decode()
    assert LIMIT_MESSAGE in html
    assert 'name="captcha_0"' not in html
    assert CaptchaStore.objects.count() == 2


def test_the_refresh_endpoint_and_the_plain_page_share_one_count(settings, client, article):
    settings.CAPTCHA_RATE_LIMIT = "2/10m"
    refresh(client)
    client.get(reverse("comments:write", kwargs={"slug": article.slug}))

    assert refresh(client).status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_zero_turns_the_captcha_limit_off(settings, client):
    settings.CAPTCHA_RATE_LIMIT = "0"

    assert all(refresh(client).status_code == HTTPStatus.OK for _ in range(40))


def test_the_site_refuses_to_start_with_an_unreadable_captcha_limit(settings):
    settings.CAPTCHA_RATE_LIMIT = "nhiều"

    assert [error.id for error in check_comment_settings(None)] == ["comments.E002"]
