"""Requests over Django's limits or with broken data get a 4xx, store nothing and never a 500;
and Django's report of them is one quiet log line, not a traceback.

The comment form's own cases (3 MB body, 1 MB field, null byte, invalid UTF-8) are in
tests/comments/test_abuse.py; these are the admin login's, and the log line."""

import io
import logging
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from comments.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

THREE_MB = 3 * 1024 * 1024
ONE_MB = 1024 * 1024


@pytest.fixture
def console_output(monkeypatch):
    """What the site's log handler (standard output in production) writes during the test."""
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    stream = io.StringIO()
    monkeypatch.setattr(handler, "stream", stream)
    return stream


def login_post(client, data, **extra):
    return client.post(reverse("admin:login"), data, **extra)


def assert_nothing_stored(client):
    assert SESSION_KEY not in client.session
    assert not AccessAttempt.objects.exists()


def test_a_3_mb_login_body_is_refused_with_400(client):
    response = login_post(client, {"username": "bientap", "password": "x" * THREE_MB})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert_nothing_stored(client)


@pytest.mark.parametrize("field", ["username", "password"])
def test_a_1_mb_login_field_is_refused_without_an_error(client, field):
    UserFactory(username="bientap", is_staff=True)
    data = {"username": "bientap", "password": "sai", field: "x" * ONE_MB}

    response = login_post(client, data)

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert SESSION_KEY not in client.session
    assert all(len(a.username or "") <= 150 for a in AccessAttempt.objects.all())


def test_a_null_byte_in_the_username_is_refused_without_an_error(client):
    response = login_post(client, {"username": "bien\x00tap", "password": "sai"})

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Không được phép có ký tự null." in response.content.decode()
    assert_nothing_stored(client)


def test_invalid_utf8_in_the_login_is_refused_without_an_error(client):
    UserFactory(username="bientap", is_staff=True)
    body = b"username=bien%FF%FEtap&password=%C3%28"

    response = client.post(
        reverse("admin:login"), body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    assert SESSION_KEY not in client.session


def test_too_many_fields_are_refused_with_400(client):
    data = {f"f{i}": "x" for i in range(1100)}

    response = login_post(client, data)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert_nothing_stored(client)


def test_an_oversized_body_is_one_warning_line_in_the_log_not_a_traceback(
    client, article, console_output
):
    response = client.post(reverse("comments:post", args=[article.pk]), {"content": "x" * THREE_MB})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert not Comment.objects.exists()
    lines = console_output.getvalue().splitlines()
    [line] = [line for line in lines if "RequestDataTooBig" in line]
    assert " WARNING django.security.RequestDataTooBig " in line
    assert "Traceback" not in console_output.getvalue()
    assert " ERROR " not in console_output.getvalue()


@pytest.mark.parametrize(
    "query",
    ["ph\x00o", "\ufffd", "x" * 100_000, "%", "_", "' OR 1=1 --", "<script>alert(1)</script>"],
    ids=["null-byte", "replacement-character", "100-kb", "percent", "underscore", "sql", "markup"],
)
def test_the_search_page_answers_any_query_without_an_error(client, article, query):
    """PostgreSQL refuses a null byte in a query: the search must not pass one on."""
    response = client.get(reverse("articles:search"), {"q": query})

    assert response.status_code == HTTPStatus.OK
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_search_query_of_raw_invalid_utf8_gets_an_answer(client, db):
    response = client.get(reverse("articles:search") + "?q=%FF%FE%00")

    assert response.status_code == HTTPStatus.OK
