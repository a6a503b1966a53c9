"""Staff sessions (issue 18): they end after STAFF_SESSION_IDLE_HOURS without a request and at
a password change (Django's session hash, SECURITY.md), and a staff member sees their own
signed-in sessions and can end the others (the "Phiên đăng nhập" page, hnp/staff_sessions_views.py).

Each staff session is described by a ``StaffSession`` row: written at sign-in, refreshed with
the idle clock (at most once a minute), deleted at sign-out, and pruned by the periodic job
``prune_staff_sessions`` once its session has ended some other way. Ending a session deletes
it from the session store, so its browser is signed out at its next request.
"""

import datetime as dt
import hashlib
import ipaddress
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone

from .models import StaffSession
from .network import IPV6_PREFIX, get_client_ip

LAST_SEEN_KEY = "hnp_staff_seen"
# The session key a StaffSession row was last written for: a session whose key changed (a
# password change cycles it) gets its row at its next request, not a minute later.
RECORDED_KEY = "hnp_staff_recorded"
# The session is written at most this often for the idle clock, not on every request.
_TOUCH_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = time.time()
            session = request.session
            seen = session.get(LAST_SEEN_KEY)
            if seen is not None and now - seen > settings.STAFF_SESSION_IDLE_HOURS * 3600:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if (
                seen is None
                or now - seen > _TOUCH_SECONDS
                or session.get(RECORDED_KEY) != session.session_key
            ):
                session[LAST_SEEN_KEY] = now
                record_session(request, user)
        return self.get_response(request)


def start_idle_clock(sender, request, user, **kwargs):
    """At sign-in (``user_logged_in``): the idle clock starts and the session is recorded,
    both written with the new session."""
    if request is not None and user.is_staff:
        request.session[LAST_SEEN_KEY] = time.time()
        record_session(request, user)


def forget_session(sender, request, user, **kwargs):
    """At sign-out (``user_logged_out``), before the session is flushed."""
    key = request.session.session_key if request is not None else None
    if key:
        StaffSession.objects.filter(session_key=key).delete()


def masked_network(address: str) -> str:
    """What the list shows of an address, and all that is stored: an IPv4 address without its
    last number (``203.0.113.*``), an IPv6 address as its /64 (``2001:db8:1:2::/64``)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 4:
        return ".".join(str(ip).split(".")[:3]) + ".*"
    return str(ipaddress.IPv6Network((ip, IPV6_PREFIX), strict=False))


def password_stamp(user) -> str:
    return hashlib.sha256(user.get_session_auth_hash().encode()).hexdigest()[:16]


def record_session(request: HttpRequest, user) -> None:
    """Write (or refresh) the row of the request's session: one UPDATE, and an INSERT the first
    time."""
    key = request.session.session_key
    if not key:
        return
    fields = {
        "last_seen": timezone.now(),
        "network": masked_network(get_client_ip(request)),
        "user_agent": request.headers.get("User-Agent", "")[:300],
        "password_stamp": password_stamp(user),
    }
    if not StaffSession.objects.filter(session_key=key, user=user).update(**fields):
        StaffSession.objects.bulk_create(
            [StaffSession(session_key=key, user=user, signed_in_at=fields["last_seen"], **fields)],
            ignore_conflicts=True,
        )
    request.session[RECORDED_KEY] = key


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _session_still_stored():
    """A condition on StaffSession rows: their session is still in the store and has not
    expired, when the store is the database (Django's ``db`` and ``cached_db`` engines; one
    index look-up per row, never a scan of the session table). None for other stores."""
    store = _session_store()
    if not hasattr(store, "get_model_class"):
        return None
    return Exists(
        store.get_model_class().objects.filter(
            session_key=OuterRef("session_key"), expire_date__gt=timezone.now()
        )
    )


def active_sessions(user) -> list[StaffSession]:
    """The user's sessions that can still make a request, the most recently seen first."""
    idle_since = timezone.now() - dt.timedelta(hours=settings.STAFF_SESSION_IDLE_HOURS)
    rows = StaffSession.objects.filter(
        user=user, last_seen__gte=idle_since, password_stamp=password_stamp(user)
    )
    stored = _session_still_stored()
    return list(rows if stored is None else rows.filter(stored))


def end_sessions(*, user, keep_session_key: str, ids: list[int] | None = None) -> int:
    """End the user's sessions but the one with ``keep_session_key`` (all of them, or those of
    ``ids``): each is deleted from the session store, so its browser is signed out at its next
    request. Another user's sessions are never touched. Returns how many were ended."""
    rows = StaffSession.objects.filter(user=user).exclude(session_key=keep_session_key)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    keys = list(rows.values_list("session_key", flat=True))
    store = _session_store()
    for key in keys:
        store(session_key=key).delete()
    StaffSession.objects.filter(user=user, session_key__in=keys).delete()
    return len(keys)


def prune_sessions() -> int:
    """Delete the rows of sessions that ended without a sign-out: idle for longer than
    STAFF_SESSION_IDLE_HOURS, or gone from a database session store (expired, flushed)."""
    idle_since = timezone.now() - dt.timedelta(hours=settings.STAFF_SESSION_IDLE_HOURS)
    deleted = StaffSession.objects.filter(last_seen__lt=idle_since).delete()[0]
    stored = _session_still_stored()
    if stored is not None:
        deleted += StaffSession.objects.filter(~stored).delete()[0]
    return deleted
