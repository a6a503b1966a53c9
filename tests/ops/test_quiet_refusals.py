"""A refused request is one log line, never a traceback (SECURITY.md, issue 18)."""

import io
import logging
import sys
from http import HTTPStatus

import pytest
from django.urls import reverse

from hnp.logging import OneLineFormatter, QuietClientErrorFilter


def _record(status_code: int) -> logging.LogRecord:
    try:
        raise PermissionError("refused")
    except PermissionError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Forbidden: %s", ("/admin/",), exc_info
    )
    record.status_code = status_code
    return record


def test_a_refused_request_is_logged_without_its_traceback():
    record = _record(403)

    assert QuietClientErrorFilter().filter(record)
    assert record.exc_info is None
    assert "\n" not in logging.Formatter().format(record)


def test_a_server_error_keeps_its_traceback():
    record = _record(500)

    QuietClientErrorFilter().filter(record)

    assert record.exc_info is not None


@pytest.fixture
def console():
    """What the site's console handler (settings.LOGGING) writes meanwhile, access lines aside."""
    [handler] = [
        h for h in logging.getLogger().handlers if isinstance(h.formatter, OneLineFormatter)
    ]
    written = io.StringIO()
    previous = handler.setStream(written)
    yield lambda: [line for line in written.getvalue().splitlines() if " hnp.access " not in line]
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_journalist_refused_by_the_admin_is_one_warning_line(journalist_client, console):
    response = journalist_client.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    [line] = console()
    assert " WARNING django.request " in line
    assert line.endswith("Forbidden (Permission denied): /admin/auth/user/")


@pytest.mark.django_db
def test_a_request_for_another_host_is_one_warning_line(client, console):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    [line] = console()
    assert " WARNING django.security.DisallowedHost " in line
    assert "Traceback" not in line
