"""The site's error pages: 404, 500, and a clean 503 page, not a traceback, while the database
cannot be reached.

A database that restarts or fails over makes every query raise ``OperationalError`` (or
``InterfaceError`` on a connection that broke mid-way). Readers then get templates/503.html with
``Retry-After``, and the log one ERROR line when it starts, then at most one a minute per
process with the count of the 503s since (``hnp.log_throttle.OncePerInterval``): 2,250 identical
lines a minute would hide everything else. Nothing else changes: with
``CONN_HEALTH_CHECKS`` on, the first request after the database is back opens a new
connection, so the site recovers by itself, without a restart.

Two routes lead to the 503: ``DatabaseUnavailableMiddleware`` catches the error in a view or
while a template renders; ``server_error`` (the site's handler500) catches it when it happens
in a middleware, before or after the view.

The 500 and 503 pages are rendered without the request, so that no context processor (the
navigation's query) runs while something, often the database, is broken.
"""

import logging
import sys
from collections.abc import Callable
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.views.debug import SafeExceptionReporterFilter

from .log_throttle import OncePerInterval

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10


def is_database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError | InterfaceError)


_database_outage_line = OncePerInterval(logger, logging.ERROR)


def log_database_unavailable(exception: BaseException, what: str) -> None:
    """The outage's log line, at most once a minute (see above); ``what`` was answered 503."""
    _database_outage_line(
        "Database unavailable (%s): answered 503 (latest: %s)", type(exception).__name__, what
    )


def service_unavailable() -> HttpResponse:
    """templates/503.html, rendered without the request: its context processors would query."""
    response = HttpResponse(
        loader.get_template("503.html").render(), status=HTTPStatus.SERVICE_UNAVAILABLE
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not is_database_unavailable(exception):
            return None
        log_database_unavailable(exception, f"{request.method} {request.path}")
        return service_unavailable()


class NoFormDataExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports (the ADMINS' e-mail) name the form's fields but never their values: what
    readers post holds phone numbers and what staff post holds passwords."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's handler404."""
    return render(request, "404.html", status=HTTPStatus.NOT_FOUND)


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's handler500: a 503 when the error was the database going away."""
    exception = sys.exception()
    if is_database_unavailable(exception):
        log_database_unavailable(exception, f"{request.method} {request.path}")
        return service_unavailable()
    return HttpResponseServerError(loader.get_template("500.html").render())


# --- CSRF failures ----------------------------------------------------------------------------
# settings.CSRF_FAILURE_VIEW. A view whose form readers fill in at length (the comment form)
# registers its own answer with ``csrf_failure_handler``, which can give the reader back what
# they typed; every other CSRF failure gets the Vietnamese 403 page. hnp never imports the app
# that registers a handler: it finds the handler on the view the request's path resolves to.

CSRF_FAILURE_HANDLER_ATTRIBUTE = "csrf_failure_handler"


def csrf_failure_handler(handler: Callable[[HttpRequest], HttpResponse]):
    """Decorate a view: a CSRF failure on a request to it is answered by ``handler(request)``."""

    def decorate(view):
        setattr(view, CSRF_FAILURE_HANDLER_ATTRIBUTE, handler)
        return view

    return decorate


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The site's CSRF_FAILURE_VIEW."""
    logger.info("CSRF failure on %s %s: %s", request.method, request.path, reason)
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        view = None
    handler = getattr(view, CSRF_FAILURE_HANDLER_ATTRIBUTE, None)
    if handler is not None:
        return handler(request)
    response = render(request, "403_csrf.html", status=HTTPStatus.FORBIDDEN)
    add_never_cache_headers(response)
    return response
