"""A refused request is one log line, never a traceback (SECURITY.md, issue 18)."""

import logging
import sys

from hnp.logging import QuietClientErrorFilter


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
