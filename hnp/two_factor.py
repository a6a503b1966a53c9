"""Two-factor sign-in for staff (issue 18), through django-otp.

A staff account turns it on at the enrolment page (``hnp.two_factor_views``): an authenticator
app's TOTP device (``otp_totp``) and ten single-use recovery codes (``otp_static``). From then on
the admin's login form (``hnp.two_factor_forms``) asks for a code from either, and a session that
did not type one is signed out (``TwoFactorMiddleware``). With ``STAFF_TWO_FACTOR_REQUIRED``,
superusers and the holders of ``STAFF_TWO_FACTOR_PERMISSIONS`` must turn it on before they can
use the admin. An administrator resets a person's devices from the user list (``reset``).

Whether the account had a device when the session signed in is kept in the session
(``ENROLLED_KEY``), so that an ordinary staff request costs no query for it.
"""

import logging
import re
from base64 import b32encode

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger("hnp.two_factor")

ENROLLED_KEY = "hnp_two_factor"
RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "recovery"
APP_DEVICE_NAME = "app"
_NOT_CODE_CHARACTERS = re.compile(r"[\s-]+")


def is_enrolled(user) -> bool:
    """Whether sign-in asks this account for a code: it has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required_for(user) -> bool:
    """Whether this account may not use the admin without two-factor sign-in."""
    if not (settings.STAFF_TWO_FACTOR_REQUIRED and user.is_staff):
        return False
    return user.is_superuser or any(
        user.has_perm(permission) for permission in settings.STAFF_TWO_FACTOR_PERMISSIONS
    )


def normalise_code(code: str) -> str:
    """What was typed, without the spaces and dashes people copy or type between groups."""
    return _NOT_CODE_CHARACTERS.sub("", code or "").lower()


def verify_code(*, user, code: str):
    """The device that accepts ``code`` for ``user`` (a recovery code is used up), or None.

    Six digits are checked against the authenticator app, anything else against the recovery
    codes. Each device counts its own failures and refuses every code for a few seconds after
    one (django-otp's throttling, doubling with each failure): see ``is_throttled``.
    """
    code = normalise_code(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        for device in model.objects.filter(user=user, confirmed=True).select_for_update():
            if device.verify_token(code):
                if isinstance(device, StaticDevice):
                    _record_recovery_code_use(user=user, device=device)
                return device
    return None


def is_throttled(user) -> bool:
    """Whether a device of ``user`` refuses every code for a few seconds after wrong ones."""
    return any(
        not device.verify_is_allowed()[0]
        for device in devices_for_user(user)
        if hasattr(device, "verify_is_allowed")
    )


def _record_recovery_code_use(*, user, device: StaticDevice) -> None:
    left = device.token_set.count()
    logger.warning(
        "Recovery code used to sign in: user %s (id %s), %s recovery codes left",
        user.get_username(),
        user.pk,
        left,
    )
    _log_entry(
        actor=user,
        user=user,
        message=gettext("Signed in with a recovery code (%(left)s left).") % {"left": left},
    )


def _log_entry(*, actor, user, message: str) -> None:
    """A line in the user's history in the admin (Django's LogEntry)."""
    LogEntry.objects.log_actions(
        user_id=actor.pk, queryset=[user], action_flag=CHANGE, change_message=message
    )


def new_app_device(user) -> TOTPDevice:
    """The authenticator app being set up: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The device's secret as authenticator apps take it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm_enrolment(*, user, device: TOTPDevice) -> list[str]:
    """Turn the app on, replace any recovery codes with new ones and return them."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(user)
        _log_entry(actor=user, user=user, message=gettext("Turned two-factor sign-in on."))
    logger.info("Two-factor sign-in turned on: user %s (id %s)", user.get_username(), user.pk)
    return codes


def renew_recovery_codes(*, user) -> list[str]:
    """New recovery codes for an enrolled ``user`` (theirs are used up, or may have been
    seen): the old ones stop working. Returns the new ones, to be shown once."""
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        _log_entry(actor=user, user=user, message=gettext("Made new recovery codes."))
    logger.info("New recovery codes: user %s (id %s)", user.get_username(), user.pk)
    return codes


def _replace_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


def app_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def reset(*, user, by) -> None:
    """Remove every device of ``user`` (a lost phone): they sign in with their password alone,
    then set it up again (at once, if it is required of them). Their sessions that typed a
    code end at their next request. ``by`` is the administrator, or None for
    ``manage.py reset_two_factor`` (the history then names the account itself)."""
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        _log_entry(actor=by or user, user=user, message=gettext("Two-factor sign-in reset."))
    logger.warning(
        "Two-factor sign-in reset: user %s (id %s), by %s",
        user.get_username(),
        user.pk,
        f"{by.get_username()} (id {by.pk})" if by else "manage.py reset_two_factor",
    )


def remember_enrolment(sender, request, user, **kwargs):
    """At sign-in (``user_logged_in``): whether this session's account has a device."""
    if request is not None and user.is_staff:
        request.session[ENROLLED_KEY] = is_enrolled(user)


class TwoFactorMiddleware:
    """A staff session of an account with a device must have typed a code (else it is signed
    out, back to the login); an account that must have a device and has none can only reach
    the enrolment page (and sign out) until it has one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            enrolled = request.session.get(ENROLLED_KEY)
            if enrolled is None:
                # A session that signed in before two-factor sign-in existed.
                enrolled = request.session[ENROLLED_KEY] = is_enrolled(user)
            if enrolled and not user.is_verified():
                logout(request)
                return redirect_to_login(request.get_full_path())
            if not enrolled and is_required_for(user) and not self._may_pass(request):
                return redirect("staff-two-factor")
        return self.get_response(request)

    @staticmethod
    def _may_pass(request) -> bool:
        return request.path in {reverse("staff-two-factor"), reverse("admin:logout")}
