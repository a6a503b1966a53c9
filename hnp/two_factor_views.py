"""The enrolment page: a staff member turns two-factor sign-in on for their own account, and
once it is on, makes new recovery codes there.

The QR code is an inline SVG drawn on the server (segno): no script and no image request, so
the staff area's Content-Security-Policy needs nothing more. The secret is on the page too, for
typing into an app by hand. The recovery codes are shown once, in the answer to the
confirmation, and never again: only their use is stored.
"""

import segno
from django.contrib import admin
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django_otp import login as otp_login

from . import two_factor
from .staff_sessions import end_sessions
from .two_factor_forms import EnrolmentForm, RenewRecoveryCodesForm


def enrol(request):
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": gettext("Two-factor sign-in"),
        "required": two_factor.is_required_for(user),
    }
    if two_factor.is_enrolled(user):
        if not user.is_verified():
            logout(request)
            return redirect_to_login(request.get_full_path())
        return _enrolled(request, context)

    device = two_factor.new_app_device(user)
    form = EnrolmentForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(user=user, device=device)
        otp_login(request, device)
        request.session[two_factor.ENROLLED_KEY] = True
        # The account's other sessions signed in with the password alone: they end, so that
        # whoever else may have had the password must now have the phone too.
        ended = end_sessions(user=user, keep_session_key=request.session.session_key)
        signed_out = ngettext(
            "%(count)d other session was signed out.",
            "%(count)d other sessions were signed out.",
            ended,
        ) % {"count": ended}
        return render(
            request,
            "admin/two_factor/recovery_codes.html",
            {**context, "codes": codes, "signed_out": signed_out if ended else ""},
        )
    qr_code = segno.make(device.config_url, error="m")
    return render(
        request,
        "admin/two_factor/enrol.html",
        {
            **context,
            "form": form,
            # segno's own markup of a URL we made: no text anybody typed is in it.
            "qr_svg": mark_safe(  # noqa: S308
                qr_code.svg_inline(
                    scale=5, border=4, omitsize=False, title=gettext("QR code for your app")
                )
            ),
            "secret": two_factor.secret_for_typing(device),
        },
    )


def _enrolled(request, context):
    """The page of an account that has two-factor sign-in: new recovery codes, for the
    current code from the app (a session left open must not be enough to get them)."""
    user = request.user
    form = RenewRecoveryCodesForm(request.POST or None, device=two_factor.app_device(user))
    if request.method == "POST" and form.is_valid():
        codes = two_factor.renew_recovery_codes(user=user)
        return render(
            request,
            "admin/two_factor/recovery_codes.html",
            {**context, "codes": codes, "renewed": True},
        )
    return render(request, "admin/two_factor/enrolled.html", {**context, "form": form})
