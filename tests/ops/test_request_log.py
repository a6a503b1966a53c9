"""Every request gets an id and one access line; nothing a reader typed reaches the logs."""

import io
import json
import logging
import re
import sys
from http import HTTPStatus

import pytest
from django.urls import reverse

from hnp.logging import JsonFormatter, OneLineFormatter, RequestIdFilter
from tests.ops.helpers import clean_env, run_python

PHONE = "0912345678"


def access_records(caplog):
    return [record for record in caplog.records if record.name == "hnp.access"]


@pytest.mark.django_db
def test_each_request_gets_one_access_line_with_method_path_status_time_and_id(client, caplog):
    caplog.set_level(logging.INFO, logger="hnp.access")
    response = client.get(reverse("admin:login"))
    assert response.status_code == HTTPStatus.OK
    [record] = access_records(caplog)
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert record.request_id == request_id
    assert (record.http_method, record.http_path, record.http_status) == (
        "GET",
        "/admin/login/",
        200,
    )
    assert record.duration_ms >= 0
    assert record.getMessage() == f"GET /admin/login/ 200 {record.duration_ms}ms"


@pytest.mark.django_db
def test_a_sane_incoming_request_id_is_kept_for_tracing_across_tiers(client, caplog):
    caplog.set_level(logging.INFO, logger="hnp.access")
    response = client.get(reverse("admin:login"), headers={"X-Request-ID": "lb-7f3a.42"})
    assert response["X-Request-ID"] == "lb-7f3a.42"
    assert access_records(caplog)[0].request_id == "lb-7f3a.42"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "incoming", ["two words", "x" * 200, "id\r\nSet-Cookie: evil=1", "<script>", ""]
)
def test_an_unusable_incoming_request_id_is_replaced(client, incoming):
    response = client.get(reverse("admin:login"), headers={"X-Request-ID": incoming})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_query_strings_and_form_data_never_reach_the_logs(client, caplog):
    """A reader's phone number, in a URL or a form, is not written anywhere in the logs."""
    caplog.set_level(logging.DEBUG)
    client.get(reverse("admin:login"), {"next": "/admin/", "phone": PHONE})
    client.post(
        reverse("admin:login") + f"?phone={PHONE}",
        {"username": "reader", "password": "wrong", "phone": PHONE},
    )
    client.post("/khong-co-trang-nay/", {"phone": PHONE})
    lines = [record.getMessage() for record in access_records(caplog)]
    assert lines[0].startswith("GET /admin/login/ 200 ")
    assert lines[1].startswith("POST /admin/login/ 200 ")
    assert lines[2].startswith("POST /khong-co-trang-nay/ ")
    assert PHONE not in caplog.text
    assert all(PHONE not in str(vars(record)) for record in caplog.records)


@pytest.mark.django_db
def test_successful_health_checks_are_not_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="hnp.access")
    assert client.get(reverse("healthz")).status_code == HTTPStatus.OK
    assert access_records(caplog) == []


@pytest.mark.urls("tests.ops.urls")
def test_lines_logged_while_serving_a_request_carry_its_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(OneLineFormatter("%(levelname)s [%(request_id)s] %(message)s"))
    logger = logging.getLogger("tests.ops.views")
    logger.addHandler(handler)
    try:
        response = client.get("/ops-test/logs/", headers={"X-Request-ID": "trace-1"})
        logging.getLogger("tests.ops.views").warning("after the request")
    finally:
        logger.removeHandler(handler)
    assert response["X-Request-ID"] == "trace-1"
    assert stream.getvalue().splitlines() == [
        "WARNING [trace-1] something worth a line happened",
        "WARNING [-] after the request",
    ]


def _record_with_traceback():
    try:
        raise ValueError("first line\nsecond line")
    except ValueError:
        return logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())


def test_a_traceback_is_folded_into_one_line():
    line = OneLineFormatter("%(levelname)s %(message)s").format(_record_with_traceback())
    assert "\n" not in line
    assert line.startswith("ERROR failed\\nTraceback (most recent call last):")
    assert "ValueError: first line\\nsecond line" in line


def test_json_lines_carry_the_access_fields_and_nothing_else_from_the_record():
    record = logging.LogRecord("hnp.access", logging.INFO, __file__, 1, "GET / 200", (), None)
    record.__dict__.update(
        request_id="abc",
        http_method="GET",
        http_path="/",
        http_status=200,
        duration_ms=3.5,
        request=f"<WSGIRequest POST phone={PHONE}>",
    )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["request_id"] == "abc"
    assert (entry["http_status"], entry["duration_ms"]) == (200, 3.5)
    assert PHONE not in line
    error = json.loads(JsonFormatter().format(_record_with_traceback()))
    assert "ValueError: first line\nsecond line" in error["exception"]


@pytest.mark.parametrize(
    ("log_format", "looks_like"), [("text", r"\S+ \S+ WARNING"), ("json", r"\{")]
)
def test_the_configured_logs_go_to_standard_output_one_line_per_event(log_format, looks_like):
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('hnp.check').warning('line one\\nline two')"
    )
    result = run_python(code, clean_env(LOG_FORMAT=log_format))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    [line] = result.stdout.splitlines()
    assert re.match(looks_like, line)
    assert "hnp.check" in line
    assert "line one\\nline two" in line
