import datetime as dt
import json

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget

from .diffing import Snapshot, compare
from .editor.widgets import RichTextWidget
from .images import PictureField
from .models import Article, display_name

# As a sentence names the day: "thứ Ba 01/12/2026". Monday first, as datetime.weekday().
WEEKDAYS = [
    pgettext_lazy("weekday in a sentence", "Monday"),
    pgettext_lazy("weekday in a sentence", "Tuesday"),
    pgettext_lazy("weekday in a sentence", "Wednesday"),
    pgettext_lazy("weekday in a sentence", "Thursday"),
    pgettext_lazy("weekday in a sentence", "Friday"),
    pgettext_lazy("weekday in a sentence", "Saturday"),
    pgettext_lazy("weekday in a sentence", "Sunday"),
]
SCHEDULED_IN_WORDS = _("Will go live automatically at %(time)s, %(weekday)s %(date)s")


def publish_time_in_words(when: dt.datetime) -> str:
    """ "Sẽ tự động đăng lúc 07:30, thứ Ba 01/12/2026": a scheduled time as an editor reads it
    before saving (static/admin_hnp/publish_time_words.js writes the same as they type)."""
    local = timezone.localtime(when)
    return SCHEDULED_IN_WORDS % {
        "time": local.strftime("%H:%M"),
        "weekday": WEEKDAYS[local.weekday()],
        "date": local.strftime("%d/%m/%Y"),
    }


class PublishTimeWidget(AdminSplitDateTime):
    """The admin's date and time inputs, followed by the time in words, which the page's
    script keeps up to date as the editor types or picks a day."""

    template_name = "articles/widgets/publish_time.html"  # an app template: the forms renderer

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        when = value if isinstance(value, dt.datetime) else None
        context["in_words"] = (
            publish_time_in_words(when) if when is not None and when > timezone.now() else ""
        )
        context["words_config"] = json.dumps(
            {
                "template": str(SCHEDULED_IN_WORDS),
                "weekdays": [str(day) for day in WEEKDAYS],
                "utcOffset": timezone.localtime().strftime("%z"),
            },
            ensure_ascii=False,
        )
        return context

    class Media:
        js = ["admin_hnp/publish_time_words.js"]


class TagSuggestWidget(TagWidget):
    """Tags typed as "Quy hoạch, Nam Từ Liêm", with the existing tags suggested as one types
    (static/admin_hnp/tag_suggest.js asks ``TagAdmin.suggest_view`` and fills a datalist)."""

    class Media:
        js = ["admin_hnp/tag_suggest.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}_suggestions"
        widget_attrs["autocomplete"] = "off"
        widget_attrs["data-tag-suggest"] = reverse("admin:articles_tag_suggest")
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', name)}_suggestions"
        return format_html('{}<datalist id="{}"></datalist>', html, list_id)


class ArticleAdminForm(forms.ModelForm):
    """The article form of the admin.

    ``can_publish`` is set by ``ArticleAdmin.get_form`` for the user at hand. Without it the
    status field offers, and accepts, only draft and review: a journalist who posts
    ``status=published`` by hand gets a form error, not a published article.
    """

    can_publish = False
    # A publish time this close to now is "now", not a backdated article.
    PAST_TIME_GRACE = dt.timedelta(minutes=5)

    # The article's version when the form was opened: a save made from an older one is refused
    # (someone saved in between), unless the writer saw the differences and confirms.
    edit_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    conflict_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    overwrite_newer = forms.BooleanField(
        label=_("Save my version instead of the newer one"), required=False
    )
    review_note = forms.CharField(
        label=_("Note to the journalist"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Sent with your decision when you publish the article or send it back (status “Draft”)."
        ),
    )
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
            "tags",
            "cover_image",
            "cover_caption",
            "byline",
            "author",
            "status",
            "published_at",
            "is_featured",
            "allow_comments",
        ]
        widgets = {
            "body": RichTextWidget(),
            "published_at": PublishTimeWidget(),
            "tags": TagSuggestWidget(),
        }
        # Checked and re-encoded like the editor's uploads (articles/images.py).
        field_classes = {"cover_image": PictureField}

    # Set by ArticleAdmin for the request: the edit lock as the user sees it (articles/locks.py).
    lock_state = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if not set(self.fields) & set(ArticleAdminForm.Meta.fields):
            self.fields.clear()  # a read-only page: nothing to save, check or confirm
        elif self.instance.pk is None:
            for name in ("edit_version", "conflict_version", "overwrite_newer"):
                self.fields.pop(name, None)
        else:
            self.fields["edit_version"].initial = self.instance.version
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
        self._refuse_while_locked()
        self._refuse_out_of_date(cleaned)
        self._refuse_unconfirmed_past_time(cleaned)
        return cleaned

    def _refuse_while_locked(self) -> None:
        state = self.lock_state
        if state is None or state.mine:
            return
        lock = state.lock
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "%(name)s has been editing this article since %(since)s: your changes "
                    "were not saved, and everything you typed is still below. Ask them to "
                    "finish, or ask an editor to take the article over."
                ),
                code="locked",
                params={
                    "name": display_name(lock.user),
                    "since": date_format(timezone.localtime(lock.since), "H:i d/m/Y"),
                },
            ),
        )

    def _refuse_out_of_date(self, cleaned: dict) -> None:
        """A save from a form opened before someone else saved the article is refused, with
        what they changed, unless the writer confirms it after seeing the differences."""
        if "edit_version" not in self.fields:
            return
        current = self.instance.version
        opened_at = cleaned.get("edit_version")
        if opened_at is None:
            self.add_error(
                None,
                forms.ValidationError(
                    _("This form lacks the article's version: reload the article, then save."),
                    code="no_version",
                ),
            )
            return
        if opened_at == current:
            return
        if cleaned.get("overwrite_newer") and cleaned.get("conflict_version") == current:
            return
        from .revisions import revisions_of  # revisions imports the models this form uses

        latest = revisions_of(self.instance).first()
        saved_by = latest.revision.user if latest is not None else None
        saved = Snapshot.of(self.instance)
        typed = Snapshot.from_fields(self._typed_fields(cleaned))
        self.conflict = {
            "version": current,
            "rows": compare(saved, typed, changed_only=True),
        }
        self.add_error(
            None,
            forms.ValidationError(
                _(
                    "%(name)s saved this article at %(when)s, after you opened it. Your "
                    "version was not saved, and everything you typed is still below. The "
                    "differences are shown under the form; to save your version anyway, "
                    "tick “Save my version instead of the newer one” and save again."
                ),
                code="out_of_date",
                params={
                    "name": display_name(saved_by),
                    "when": date_format(timezone.localtime(self.instance.updated_at), "H:i d/m/Y"),
                },
            ),
        )

    def _typed_fields(self, cleaned: dict) -> dict:
        typed = {name: cleaned[name] for name in self.Meta.fields if name in cleaned}
        cover = typed.get("cover_image")
        if cover is False:
            typed["cover_image"] = ""
        elif cover is not None and not isinstance(cover, FieldFile):
            typed["cover_image"] = gettext("(a new picture: %(name)s)") % {"name": cover.name}
        elif cover is None:
            typed["cover_image"] = self.instance.cover_image.name
        return typed

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


class ScheduleForm(forms.Form):
    """The publish time an editor gives the selected articles (bulk action "Schedule")."""

    published_at = forms.SplitDateTimeField(
        label=_("publish time"),
        widget=PublishTimeWidget,
        error_messages={"incomplete": _("Type both the date and the time.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        date_part, time_part = self.fields["published_at"].fields
        date_part.error_messages["invalid"] = _(
            "Type the date day first, for example 01/12/2026 (1 December)."
        )
        time_part.error_messages["invalid"] = _(
            "Type the time as hours:minutes, for example 07:30."
        )
        date_part.error_messages["required"] = time_part.error_messages["required"] = _(
            "Type both the date and the time."
        )

    def clean_published_at(self):
        when = self.cleaned_data["published_at"]
        if when <= timezone.now():
            raise forms.ValidationError(
                _("%(when)s has already passed: a schedule is a time still to come."),
                code="past",
                params={"when": date_format(timezone.localtime(when), "H:i d/m/Y")},
            )
        return when

    @property
    def in_words(self) -> str:
        return publish_time_in_words(self.cleaned_data["published_at"])
