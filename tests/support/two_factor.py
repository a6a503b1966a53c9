"""Two-factor sign-in for tests: an account with its app and recovery codes, and the code an
authenticator app would show (django-otp's own TOTP, so no clock is faked)."""

import time
from base64 import b32decode

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = [f"khoiphuc{n}" for n in range(3)]


def with_two_factor(user) -> TOTPDevice:
    """``user`` with a confirmed authenticator app and the recovery codes RECOVERY_CODES."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    recovery = StaticDevice.objects.create(user=user, name="recovery")
    for code in RECOVERY_CODES:
        StaticToken.objects.create(device=recovery, token=code)
    return device


def app_code(secret: bytes | str, *, steps_ahead: int = 0) -> str:
    """What the app shows now (``steps_ahead`` periods of 30 s later) for ``secret``: the raw
    key, or the base32 text the enrolment page shows."""
    if isinstance(secret, str):
        secret = b32decode(secret.replace(" ", ""))
    totp = TOTP(secret)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"
