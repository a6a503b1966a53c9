"""Staff sessions end after STAFF_SESSION_IDLE_HOURS without a request (issue 18); a password
change ends the others already (Django's session hash, SECURITY.md)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

LAST_SEEN_KEY = "hnp_staff_seen"
# The session is written at most this often for the idle clock, not on every request.
_TOUCH_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = time.time()
            seen = request.session.get(LAST_SEEN_KEY)
            if seen is not None and now - seen > settings.STAFF_SESSION_IDLE_HOURS * 3600:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if seen is None or now - seen > _TOUCH_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def start_idle_clock(sender, request, user, **kwargs):
    """The idle clock starts at sign-in (``user_logged_in``), written with the new session."""
    if request is not None and user.is_staff:
        request.session[LAST_SEEN_KEY] = time.time()
