"""SECURITY.md's reporting channel, published at /.well-known/security.txt (RFC 9116)."""

import datetime as dt
from http import HTTPStatus

from django.utils import timezone

from tests.ops.helpers import ROOT


def test_security_txt_names_the_contact_from_the_settings_and_a_future_expiry(client, settings):
    settings.SECURITY_CONTACT = ["mailto:baomat@hnp.gov.vn", "https://hnp.gov.vn/bao-mat"]
    settings.SECURITY_TXT_EXPIRES_DAYS = 30

    response = client.get("/.well-known/security.txt")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = [line.split(": ", 1) for line in response.content.decode().splitlines()]
    assert [value for name, value in fields if name == "Contact"] == settings.SECURITY_CONTACT
    (expires,) = [value for name, value in fields if name == "Expires"]
    days_ahead = dt.datetime.fromisoformat(expires) - timezone.now()
    assert dt.timedelta(days=29) < days_ahead <= dt.timedelta(days=30)


def test_the_default_contact_is_the_one_security_md_names(client):
    security_md = (ROOT / "SECURITY.md").read_text()
    response = client.get("/.well-known/security.txt")

    assert "Contact: mailto:security@hnp.example.vn" in response.content.decode()
    assert "security@hnp.example.vn" in security_md
