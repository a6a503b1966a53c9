"""Nobody misses a 500: with SENTRY_DSN the error goes to Sentry (or GlitchTip), otherwise the
ADMINS get an e-mail. Neither carries what the reader typed into a form."""

import http.server
import json
import threading
import zlib
from http import HTTPStatus

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import path

from config.urls import handler404, handler500  # noqa: F401  (the site's error pages)
from tests.ops.helpers import PRODUCTION_ENV, clean_env, run_python
from tests.ops.urls import urlpatterns as ops_urlpatterns

# Put together at run time: Sentry sends the source lines around the failing view, and the
# number must not be found there either.
PHONE = "09" + "1234" + "5678"


def broken(request):
    raise RuntimeError("the view broke")


def database_away(request):
    raise OperationalError("connection refused")


urlpatterns = [
    path("ops-test/broken/", broken),
    path("ops-test/database-away/", database_away),
    *ops_urlpatterns,
]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, ADMINS=["kythuat@hnp.example.vn"])
def test_without_sentry_an_error_is_mailed_to_the_admins_without_the_form_values():
    client = Client(raise_request_exception=False)

    response = client.post("/ops-test/broken/", {"name": "Bạn đọc", "phone": PHONE})

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    [report] = mail.outbox
    assert report.to == ["kythuat@hnp.example.vn"]
    assert "the view broke" in report.body
    assert "phone" in report.body
    assert PHONE not in report.body
    assert "Bạn đọc" not in report.body


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, ADMINS=["kythuat@hnp.example.vn"])
def test_the_503_page_while_the_database_is_away_mails_nobody():
    """One request after another gets it while the database restarts: no flood of e-mail."""
    response = Client().get("/ops-test/database-away/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert mail.outbox == []


class _Sentry(http.server.BaseHTTPRequestHandler):
    envelopes: list[bytes] = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
        type(self).envelopes.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


RAISE_IN_A_VIEW = """
import django; django.setup()
import sentry_sdk
from django.conf import settings
from django.test import Client, override_settings
plain = {{**settings.STORAGES, "staticfiles": {{
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}}}
with override_settings(ROOT_URLCONF="tests.ops.test_error_reports", STORAGES=plain):
    Client(raise_request_exception=False).post(
        "/ops-test/broken/", {{"phone": "{phone}"}}, HTTP_HOST="hnp.example.vn", secure=True
    )
sentry_sdk.flush(timeout=10)
"""


def test_with_a_sentry_dsn_an_error_is_sent_to_sentry_without_the_form():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sentry)
    _Sentry.envelopes = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dsn = f"http://publickey@127.0.0.1:{server.server_address[1]}/42"
    try:
        result = run_python(
            RAISE_IN_A_VIEW.format(phone=PHONE),
            clean_env(**PRODUCTION_ENV, SENTRY_DSN=dsn, ADMINS="a@hnp.vn"),
        )
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr

    events = [
        json.loads(line)
        for envelope in _Sentry.envelopes
        for line in envelope.splitlines()
        if line.startswith(b"{") and b'"exception"' in line
    ]
    [event] = events
    assert event["exception"]["values"][-1]["value"] == "the view broke"
    assert event["transaction"] == "/ops-test/broken/"
    sent = b"".join(_Sentry.envelopes)
    assert PHONE.encode() not in sent


def failing_middleware(get_response):
    def middleware(request):
        raise OperationalError("the database went away before the view")

    return middleware


@pytest.mark.django_db
@override_settings(
    ROOT_URLCONF=__name__,
    ADMINS=["kythuat@hnp.example.vn"],
    MIDDLEWARE=[f"{__name__}.failing_middleware"],
)
def test_the_503_page_for_a_database_error_outside_the_view_mails_nobody_either():
    response = Client(raise_request_exception=False).get("/ops-test/broken/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert mail.outbox == []
