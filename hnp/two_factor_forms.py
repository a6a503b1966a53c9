"""The admin's login form with the two-factor code, and the enrolment page's form.

One page, one request: the username, the password and, for an account that has turned
two-factor sign-in on, its code. A missing or wrong code after the right password is a failed
sign-in for django-axes like a wrong password (``user_login_failed``), so guessing codes meets
the same lockout; the username stays in the form and the error is next to the code's field.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from . import two_factor

CODE_MAX_LENGTH = 32
WRONG_APP_CODE = _("This code is not right. Check the app's clock, then type the current code.")
TOO_MANY_WRONG_CODES = _(
    "Too many wrong codes: wait a few seconds, then type the code your app shows now."
)


class TwoFactorAuthenticationForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        max_length=CODE_MAX_LENGTH,
        strip=True,
        help_text=_(
            "Only if this account has two-factor sign-in: the 6 digits your authenticator app "
            "shows, or one of your recovery codes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "code_missing": _("This account has two-factor sign-in: type the code from your app."),
        "code_wrong": _("This code is not right, or it was already used. Type the current code."),
        "code_throttled": TOO_MANY_WRONG_CODES,
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not two_factor.is_enrolled(user):
            return cleaned_data
        code = cleaned_data.get("otp_token", "")
        if not code:
            refusal = "code_missing"
        elif two_factor.is_throttled(user):
            refusal = "code_throttled"
        elif device := two_factor.verify_code(user=user, code=code):
            # django_otp marks the session as verified with this device at login().
            user.otp_device = device
            return cleaned_data
        else:
            refusal = "code_wrong"
        self._count_as_failed_sign_in()
        self.add_error("otp_token", self.error_messages[refusal])
        # The page comes back with the cursor where the person has to type.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["otp_token"].widget.attrs["autofocus"] = True
        return cleaned_data

    def _count_as_failed_sign_in(self):
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.cleaned_data.get("username")},
            request=self.request,
        )


class EnrolmentForm(forms.Form):
    code = forms.CharField(
        label=_("Authentication code"),
        max_length=CODE_MAX_LENGTH,
        help_text=_("The 6 digits your authenticator app shows for HNP."),
        error_messages={"required": _("Type the 6 digits your app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = two_factor.normalise_code(self.cleaned_data["code"])
        if not self.device.verify_token(code):
            # Throttling keeps a confirmed device's codes from being guessed; whoever sets one
            # up sees its secret, so it would only keep them waiting after a typing mistake.
            self.device.throttle_reset()
            raise forms.ValidationError(WRONG_APP_CODE, code="wrong")
        return code


class RenewRecoveryCodesForm(EnrolmentForm):
    """The app's current code, for new recovery codes. The app is already confirmed, so its
    throttling holds here: each wrong code makes the next wait longer."""

    def clean_code(self):
        code = two_factor.normalise_code(self.cleaned_data["code"])
        if not self.device.verify_is_allowed()[0]:
            raise forms.ValidationError(TOO_MANY_WRONG_CODES, code="throttled")
        if not self.device.verify_token(code):
            raise forms.ValidationError(WRONG_APP_CODE, code="wrong")
        return code
