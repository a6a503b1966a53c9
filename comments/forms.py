import re

from captcha.fields import CaptchaField
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Comment

HONEYPOT_FIELD = "website"
# "+84 (912) 345.678" and the like: longer typed than stored (Comment.phone, 15 at most).
PHONE_TYPED_MAX_LENGTH = 25

NOT_A_PHONE_NUMBER = _(
    "This is not a Vietnamese phone number. Type a mobile or landline number, "
    "for example 0912 345 678 or +84 912 345 678."
)
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
# Mobile numbers: 0 + 9 digits (03x, 05x, 07x, 08x, 09x); landlines: 02 + 9 digits.
_VIETNAMESE_PHONE = re.compile(r"0[35789]\d{8}|02\d{9}")


def reject_undecodable(value: str) -> None:
    """Refuse text that arrived as invalid UTF-8.

    Django decodes form data with errors="replace", so undecodable bytes reach the form as
    U+FFFD; storing them would keep garbage nobody typed.
    """
    if "\ufffd" in value:
        raise ValidationError(
            _("This field contains characters that could not be read. Please type it again."),
            code="undecodable",
        )


def normalise_phone(value: str) -> str:
    """One stored form of a Vietnamese phone number as people type it.

    ``0912 345 678``, ``0912.345.678``, ``0912-345-678`` and ``+84 912 345 678`` all give
    ``0912345678``. Raises ValidationError for anything that is not a Vietnamese number.
    """
    digits = _PHONE_SEPARATORS.sub("", value)
    for prefix in ("+84", "0084"):
        if digits.startswith(prefix):
            digits = "0" + digits.removeprefix(prefix).removeprefix("0")
            break
    if not _VIETNAMESE_PHONE.fullmatch(digits):
        raise ValidationError(NOT_A_PHONE_NUMBER, code="invalid_phone")
    return digits


class MultilineTextField(forms.CharField):
    """A CharField that counts a line break as one character, however the browser sent it."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class CommentForm(forms.ModelForm):
    """The reader's comment form. Field order and input names are the portal's; the limits
    of the fields are the model's."""

    READER_FIELDS = ("name", "phone", "title", "content")

    required_css_class = "required"

    # Typed as people type it (spaces, dots, +84…), stored normalised (clean_phone).
    phone = forms.CharField(
        label=pgettext_lazy("comment form", "Phone number"),
        required=False,
        max_length=PHONE_TYPED_MAX_LENGTH,
        help_text=_("Optional. Only the newsroom sees it; it is never published."),
        error_messages={"max_length": NOT_A_PHONE_NUMBER},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    captcha = CaptchaField(
        label=pgettext_lazy("comment form", "Verification code"),
        help_text=_("Type the characters shown in the picture."),
        error_messages={
            "required": _("Please type the verification code."),
            "invalid": _("The verification code is wrong or has expired. Type the new code."),
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Comment
        fields = ["name", "phone", "title", "content"]
        labels = {
            "name": pgettext_lazy("comment form", "Name"),
            "title": pgettext_lazy("comment form", "Title"),
            "content": pgettext_lazy("comment form", "Content"),
        }
        help_texts = {"content": _("At most 5,000 characters.")}
        field_classes = {"content": MultilineTextField}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "content": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "name": {
                "required": _("Please enter your name."),
                "max_length": _(
                    "The name can be at most %(limit_value)d characters long "
                    "(it has %(show_value)d)."
                ),
            },
            "title": {
                "required": _("Please enter a title."),
                "max_length": _(
                    "The title can be at most %(limit_value)d characters long "
                    "(it has %(show_value)d)."
                ),
            },
            "content": {
                "required": _("Please write your comment."),
                "max_length": _(
                    "The comment can be at most %(limit_value)d characters long "
                    "(it has %(show_value)d)."
                ),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.READER_FIELDS:
            self.fields[name].validators.append(reject_undecodable)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        return normalise_phone(phone) if phone else ""

    @classmethod
    def is_honeypot_filled(cls, data) -> bool:
        """True when the field people never see was filled in: a bot, to be ignored quietly.

        Checked on the raw data, before validation, so a bot neither uses up a captcha nor
        learns anything from error messages.
        """
        return bool(str(data.get(HONEYPOT_FIELD, "")).strip())

    def comment_fields(self) -> dict[str, str]:
        """The cleaned values that make up a comment."""
        return {key: self.cleaned_data[key] for key in self.READER_FIELDS}

    def reader_fields(self):
        """The fields a reader fills in, without the captcha and the honeypot."""
        return [self[key] for key in self.READER_FIELDS]


class EraseCommenterForm(forms.Form):
    """A moderator erases a commenter's data at their request (comments.admin)."""

    class Mode(models.TextChoices):
        ANONYMISE = (
            "anonymise",
            _("Anonymise: keep the comments, erase the name, phone number, IP address and browser"),
        )
        DELETE = "delete", _("Delete the comments")

    phone = forms.CharField(
        label=_("The commenter's phone number"),
        max_length=PHONE_TYPED_MAX_LENGTH,
        validators=[reject_undecodable],
        help_text=_("As the commenter gives it, for example 0912 345 678 or +84 912 345 678."),
    )
    mode = forms.ChoiceField(
        label=_("What to do"),
        choices=Mode.choices,
        initial=Mode.ANONYMISE,
        widget=forms.RadioSelect,
    )

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])
