import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .editor.widgets import RichTextWidget
from .images import PictureField
from .models import Article


class ArticleAdminForm(forms.ModelForm):
    """The article form of the admin.

    ``can_publish`` is set by ``ArticleAdmin.get_form`` for the user at hand. Without it the
    status field offers, and accepts, only draft and review: a journalist who posts
    ``status=published`` by hand gets a form error, not a published article.
    """

    can_publish = False
    # A publish time this close to now is "now", not a backdated article.
    PAST_TIME_GRACE = dt.timedelta(minutes=5)

    confirm_past_publish_time = forms.BooleanField(
        label=_("Publish now with a time that has passed?"),
        required=False,
        help_text=_(
            "Only needed when the publish time above is in the past: the article then goes "
            "public at once, dated in the past."
        ),
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "lead",
            "body",
            "cover_image",
            "cover_caption",
            "byline",
            "status",
            "published_at",
            "is_featured",
            "allow_comments",
        ]
        widgets = {"body": RichTextWidget()}
        # Checked and re-encoded like the editor's uploads (articles/images.py).
        field_classes = {"cover_image": PictureField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published_at = self.fields.get("published_at")
        if published_at is None:  # read-only for this user: there is no time to confirm
            self.fields.pop("confirm_past_publish_time", None)
        else:
            # The admin's split date and time inputs each check their own part.
            date_part, time_part = published_at.fields
            date_part.error_messages["invalid"] = _(
                "Type the date day first, for example 01/12/2026 (1 December)."
            )
            time_part.error_messages["invalid"] = _(
                "Type the time as hours:minutes, for example 07:30."
            )
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            status.choices = [
                (value, label)
                for value, label in status.choices
                if value != Article.Status.PUBLISHED
            ]
            status.error_messages["invalid_choice"] = _(
                "Only editors can publish or schedule an article. Choose “In review” to send "
                "it to an editor."
            )

    def clean(self):
        cleaned = super().clean()
        self._refuse_unconfirmed_past_time(cleaned)
        return cleaned

    def _refuse_unconfirmed_past_time(self, cleaned: dict) -> None:
        """An editor who types a publish time that has passed is asked to confirm it, so that
        a mistyped embargo never goes public, backdated, without anyone meaning it."""
        published_at = cleaned.get("published_at")
        if (
            published_at is None
            or cleaned.get("status") != Article.Status.PUBLISHED
            or published_at >= timezone.now() - self.PAST_TIME_GRACE
            or not {"published_at", "status"} & set(self.changed_data)
            or cleaned.get("confirm_past_publish_time")
        ):
            return
        when = date_format(timezone.localtime(published_at), "H:i d/m/Y")
        self.add_error(
            "published_at",
            forms.ValidationError(
                _(
                    "%(when)s has already passed: the article would go public at once, dated "
                    "in the past. To schedule it, type a later time; to publish it with this "
                    "time anyway, tick “Publish now with a time that has passed?” and save again."
                ),
                code="past_publish_time",
                params={"when": when},
            ),
        )
