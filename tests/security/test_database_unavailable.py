"""While the database cannot be reached, readers get a 503 page (not a traceback, not a 500),
and the site answers normally again as soon as it is back. The same against a real server and
a real PostgreSQL that restarts: tests/faults/test_database_restart.py."""

import logging
from http import HTTPStatus

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.urls import reverse

pytestmark = pytest.mark.django_db

UNAVAILABLE = "Trang tin đang tạm gián đoạn"


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as it does while PostgreSQL restarts."""

    def refuse(*args, **kwargs):
        raise OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
        )

    monkeypatch.setattr(connection, "cursor", refuse)
    return monkeypatch


@pytest.fixture
def reader(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("page", ["home", "article", "category", "comment page"])
def test_reader_pages_answer_a_503_page_while_the_database_is_down(
    reader, article, database_down, caplog, page
):
    url = {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "category": article.category.get_absolute_url(),
        "comment page": reverse("comments:write", kwargs={"slug": article.slug}),
    }[page]

    response = reader.get(url)

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    html = response.content.decode()
    assert UNAVAILABLE in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert response["Retry-After"] == "10"
    assert "no-cache" in response["Cache-Control"]
    assert "Traceback" not in caplog.text
    assert [r for r in caplog.records if r.levelno >= logging.ERROR and r.exc_info] == []


def test_a_comment_posted_while_the_database_is_down_gets_the_503_page(
    reader, article, database_down, comment_data
):
    response = reader.post(reverse("comments:post", args=[article.pk]), comment_data)

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert UNAVAILABLE in response.content.decode()


def test_a_broken_connection_mid_request_gets_the_503_page_too(reader, article, monkeypatch):
    def broken(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(connection, "cursor", broken)

    assert reader.get(article.get_absolute_url()).status_code == HTTPStatus.SERVICE_UNAVAILABLE


class _SessionStoreDown:
    """A middleware that reads the database before any view, as a database session store
    does for a signed-in editor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("server closed the connection unexpectedly")


def test_a_failure_inside_a_middleware_gets_the_503_page_too(settings, reader, article):
    """The site's handler500 turns it into the 503 page (hnp.errors.server_error)."""
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "tests.security.test_database_unavailable._SessionStoreDown",
    ]

    response = reader.get(article.get_absolute_url())

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert UNAVAILABLE in response.content.decode()


def test_other_errors_still_get_the_500_page(reader, monkeypatch):
    from articles import views

    def bug(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(views.HomeView, "get_context_data", bug)

    response = reader.get(reverse("articles:home"))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Đã có lỗi xảy ra" in response.content.decode()


def test_pages_answer_again_as_soon_as_the_database_is_back(reader, article, database_down):
    assert reader.get(article.get_absolute_url()).status_code == HTTPStatus.SERVICE_UNAVAILABLE

    database_down.undo()

    assert reader.get(article.get_absolute_url()).status_code == HTTPStatus.OK


class _Clock:
    """Time that moves only when the test says so."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def outage_clock(monkeypatch):
    """The outage line's own clock, and a process that has logged no outage yet."""
    from hnp import errors
    from hnp.log_throttle import OncePerInterval

    clock = _Clock()
    monkeypatch.setattr(
        errors, "_database_outage_line", OncePerInterval(errors.logger, logging.ERROR, clock=clock)
    )
    return clock


def error_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_an_outage_is_one_error_line_a_minute_with_the_count(
    reader, article, database_down, outage_clock, caplog
):
    """Issue 18: 2,251 ERROR lines in one fault run, one per 503."""
    for _ in range(500):
        assert reader.get(article.get_absolute_url()).status_code == 503
        outage_clock.now += 0.1  # 500 requests in 50 seconds

    assert len(error_lines(caplog)) == 1
    outage_clock.now += 11
    reader.get(reverse("articles:home"))

    first, summary = error_lines(caplog)
    assert first.startswith("Database unavailable (OperationalError): answered 503 (latest: GET ")
    assert "at most once every 60 s" in first
    assert summary == (
        "Database unavailable (OperationalError): answered 503 (latest: GET /) "
        "[500 times in the last 61 s]"
    )
    assert [r for r in caplog.records if r.exc_info] == []


def test_a_failing_middleware_logs_no_traceback_per_request(
    settings, reader, article, outage_clock, caplog
):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "tests.security.test_database_unavailable._SessionStoreDown",
    ]

    for _ in range(20):
        assert reader.get(article.get_absolute_url()).status_code == 503

    assert len(error_lines(caplog)) == 1
    assert "Traceback" not in caplog.text


def test_health_checks_during_an_outage_share_the_minutes_line(
    client, database_down, outage_clock, caplog
):
    for _ in range(30):
        assert client.get(reverse("healthz-ready")).status_code == 503

    [line] = error_lines(caplog)
    assert "(latest: the health check)" in line
    assert [r for r in caplog.records if r.levelno == logging.WARNING] == []
