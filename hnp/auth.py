"""Who may sign in to the admin: the login lockout (django-axes).

``AdminLoginGuard`` comes before Django's own ``ModelBackend`` in ``AUTHENTICATION_BACKENDS``
and refuses every attempt while the username is locked out from the client's address (too many
failures: ``AXES_FAILURE_LIMIT`` within the cool-off, ``AXES_COOLOFF_MINUTES``); the client
address is ``hnp.network.get_client_ip``, the rule the comment rate limit uses.
"""

import math
from http import HTTPStatus

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

USERNAME_MAX_LENGTH = 150


class AdminLoginGuard(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            # Not a login through a web page (a management command, the test client's
            # login()): nothing a remote client could repeat, so no lockout to apply.
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The username an attempt is counted under (``AXES_USERNAME_CALLABLE``).

    Django's login form checks the password without checking the username's length, and
    django-axes would store whatever was typed: a megabyte, or a null byte PostgreSQL refuses.
    Usernames are at most 150 characters, so nothing longer can be a real one.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    username = (credentials or {}).get(field) or request.POST.get(field)
    if username is None:
        return None
    return str(username).replace("\x00", "")[:USERNAME_MAX_LENGTH]


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """The page a locked-out login gets (``AXES_LOCKOUT_CALLABLE``): 429, in the admin's look."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "admin/locked_out.html", context, status=HTTPStatus.TOO_MANY_REQUESTS)
