from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from articles.models import Article

from . import moderation, privacy
from .forms import EraseCommenterForm
from .models import MODERATION_ORDERING, Comment, ModerationDecision, ModerationReason

PRIVATE_FIELDS = ("phone", "ip_address", "user_agent")
# Statuses a moderator must give a reason for.
NEEDS_REASON = (Comment.Status.REJECTED, Comment.Status.SPAM)
REASON_CHOICES = [("", "---------"), *ModerationReason.choices[1:]]
NOTE_MAX_LENGTH = 500


def _reason_field():
    return forms.ChoiceField(
        label=pgettext_lazy("moderation decision", "Reason"),
        choices=REASON_CHOICES,
        required=False,
    )


def _note_field():
    return forms.CharField(
        label=pgettext_lazy("moderation decision", "Note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"size": 30}),
    )


class ModerationActionForm(ActionForm):
    """The list's action bar: the reason (and a note) asked once for the whole selection."""

    reason = _reason_field()
    note = _note_field()


class CommentAdminForm(forms.ModelForm):
    """The comment's page: the status, with the reason and note the decision is logged with."""

    decision_reason = _reason_field()
    decision_note = _note_field()

    class Meta:
        model = Comment
        fields = ["status", "reply"]
        widgets = {"reply": forms.Textarea(attrs={"rows": 5, "cols": 80})}

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if (
            "status" in self.changed_data
            and status in NEEDS_REASON
            and not cleaned.get("decision_reason")
        ):
            self.add_error(
                "decision_reason", _("Choose a reason for rejecting or marking as spam.")
            )
        if (
            "reply" in self.changed_data
            and (cleaned.get("reply") or "").strip()
            and status in NEEDS_REASON
        ):
            self.add_error(
                "reply", _("A rejected comment or spam cannot be answered: approve it first.")
            )
        return cleaned


class RecentArticleFilter(admin.SimpleListFilter):
    """Filter by article without loading every article: the ones with the latest comments.

    An older article can still be chosen with ``?article__id__exact=<id>`` in the address;
    the filter then lists it too, as selected.
    """

    title = pgettext_lazy("comment", "article")
    parameter_name = "article__id__exact"
    limit = 15

    def lookups(self, request, model_admin):
        recent_ids = list(
            Comment.objects.values("article_id")
            .annotate(latest=Max("created_at"))
            .order_by("-latest")
            .values_list("article_id", flat=True)[: self.limit]
        )
        selected = self.value()
        if selected and selected.isdigit() and int(selected) not in recent_ids:
            recent_ids.append(int(selected))
        titles = dict(Article.objects.filter(pk__in=recent_ids).values_list("pk", "title"))
        return [(str(pk), Truncator(titles[pk]).chars(60)) for pk in recent_ids if pk in titles]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(article_id=int(value))
        return queryset


class AnsweredFilter(admin.SimpleListFilter):
    """The readers' questions still waiting for the newsroom's answer, or the answered ones."""

    title = pgettext_lazy("comment", "official reply")
    parameter_name = "answered"

    def lookups(self, request, model_admin):
        return [("no", _("Not answered yet")), ("yes", _("Answered"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.unanswered()
        if self.value() == "yes":
            return queryset.answered()
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "name",
        "excerpt",
        "article_link",
        "status",
        "posted",
        "answered",
        "link_flag",
    )
    list_display_links = ("title",)
    list_filter = (
        "status",
        RecentArticleFilter,
        "needs_review_reason",
        AnsweredFilter,
        "moderation_reason",
        "created_at",
    )
    search_fields = ("name", "title", "content")
    list_select_related = ("article",)
    list_per_page = 50
    actions = ("approve", "reject", "mark_as_spam", "restore")
    action_form = ModerationActionForm
    form = CommentAdminForm
    change_list_template = "admin/comments/comment/change_list.html"
    readonly_fields = (
        "article_link",
        "name",
        "phone",
        "title",
        "content",
        "created_at",
        "ip_address",
        "user_agent",
        "needs_review_reason",
        "moderated_by",
        "moderated_at",
        "moderation_reason",
        "replied_by",
        "replied_at",
    )

    # --- Who sees what ---------------------------------------------------------------------

    def has_add_permission(self, request):
        return False  # comments come from readers only

    def has_moderate_permission(self, request) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.moderate_comment")

    def get_fields(self, request, obj=None):
        fields = [
            "article_link",
            "name",
            "phone",
            "title",
            "content",
            "status",
            "needs_review_reason",
            "created_at",
            "ip_address",
            "user_agent",
            "moderated_by",
            "moderated_at",
            "moderation_reason",
            "reply",
            "replied_by",
            "replied_at",
        ]
        if not self.has_moderate_permission(request):
            return [f for f in fields if f not in PRIVATE_FIELDS]
        # The reason and note of a new decision, right after the status.
        at = fields.index("status") + 1
        return [*fields[:at], "decision_reason", "decision_note", *fields[at:]]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(self.readonly_fields)
        if not self.has_moderate_permission(request):
            readonly += ["status", "reply"]
        return readonly

    def get_ordering(self, request):
        return MODERATION_ORDERING

    def get_changelist(self, request, **kwargs):
        return PendingCountChangeList

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_erase_commenter": self.has_moderate_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def lookup_allowed(self, lookup, value, request=None):
        # Filtering by phone or address in the URL would tell who wrote what to staff who may
        # not see those fields.
        if lookup.split("__")[0] in PRIVATE_FIELDS and not (
            request is not None and self.has_moderate_permission(request)
        ):
            return False
        return super().lookup_allowed(lookup, value, request)

    # --- Erasing a commenter's data on request ---------------------------------------------

    def get_urls(self):
        return [
            path(
                "cho-duyet.json",
                self.admin_site.admin_view(self.pending_count_view),
                name="comments_comment_pending_count",
            ),
            path(
                "xoa-du-lieu-nguoi-binh-luan/",
                self.admin_site.admin_view(self.erase_commenter_view),
                name="comments_comment_erase_commenter",
            ),
            *super().get_urls(),
        ]

    def pending_count_view(self, request):
        """The badge's number (static/admin_hnp/pending_badge.js polls it every minute)."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        response = JsonResponse({"pending": Comment.objects.pending().count()})
        add_never_cache_headers(response)
        return response

    def erase_commenter_view(self, request):
        """Find every comment left with a phone number, then (once confirmed) anonymise or
        delete them all: what a moderator does when a reader asks for their data to go."""
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        form = EraseCommenterForm(request.POST or None)
        found = None
        if request.method == "POST" and form.is_valid():
            phone, mode = form.cleaned_data["phone"], form.cleaned_data["mode"]
            # Erase only what the moderator has seen listed: the number they looked up.
            if "confirm" in request.POST and request.POST.get("checked_phone") == phone:
                delete = mode == EraseCommenterForm.Mode.DELETE
                count = privacy.erase_commenter(phone=phone, moderator=request.user, delete=delete)
                message = (
                    ngettext("%(count)d comment deleted.", "%(count)d comments deleted.", count)
                    if delete
                    else ngettext(
                        "%(count)d comment anonymised.", "%(count)d comments anonymised.", count
                    )
                )
                self.message_user(request, message % {"count": count}, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:comments_comment_changelist"))
            found = list(
                Comment.objects.filter(phone=phone)
                .select_related("article")
                .order_by("-created_at")
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Erase a commenter's data"),
            "form": form,
            "found": found,
        }
        return TemplateResponse(request, "admin/comments/comment/erase_commenter.html", context)

    def save_model(self, request, obj, form, change):
        if change and "reply" in form.changed_data:
            reply = obj.reply
            obj.reply = form.initial.get("reply", "")
            self._save_status(request, obj, form)
            moderation.publish_reply(comment=obj, moderator=request.user, text=reply)
            return
        self._save_status(request, obj, form, change=change)

    def _save_status(self, request, obj, form, change=True):
        if change and "status" in form.changed_data:
            # The same rule as the bulk actions: who changed the status, when, and why.
            helper = {
                Comment.Status.APPROVED: moderation.approve_comments,
                Comment.Status.REJECTED: moderation.reject_comments,
                Comment.Status.SPAM: moderation.mark_comments_as_spam,
                Comment.Status.PENDING: moderation.restore_comments,
            }[obj.status]
            helper(
                comments=Comment.objects.filter(pk=obj.pk),
                moderator=request.user,
                reason=form.cleaned_data.get("decision_reason", ""),
                note=form.cleaned_data.get("decision_note", ""),
            )
            obj.refresh_from_db()
            return
        super().save_model(request, obj, form, change)

    # --- Columns ---------------------------------------------------------------------------

    @admin.display(description=pgettext_lazy("comment", "content"))
    def excerpt(self, obj):
        return Truncator(obj.content).chars(80)

    @admin.display(description=pgettext_lazy("comment", "posted"), ordering="created_at")
    def posted(self, obj):
        # "11:15 01-12-2026": the long form ("11:15 Ngày 01 tháng 12 năm 2026") took a quarter
        # of the list's width at 1366 px.
        return date_format(timezone.localtime(obj.created_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=pgettext_lazy("comment", "article"), ordering="article__title")
    def article_link(self, obj):
        if obj.article.is_visible_to_readers:
            return format_html(
                '<a href="{}#binh-luan" target="_blank" rel="noopener">{}</a>',
                obj.article.get_absolute_url(),
                Truncator(obj.article.title).chars(60),
            )
        return Truncator(obj.article.title).chars(60)

    @admin.display(description=_("Answered"), empty_value="")
    def answered(self, obj):
        # Only answered comments show something, like the link flag.
        return _("Answered") if obj.reply else ""

    @admin.display(description=pgettext_lazy("comment", "links"), empty_value="")
    def link_flag(self, obj):
        # Only a flagged comment shows something: a column of "no" icons hides the few that matter.
        return obj.get_needs_review_reason_display() if obj.needs_review_reason else ""

    # --- Actions (hidden and refused without comments.moderate_comment) ---------------------

    def _moderate(self, request, queryset, helper, message, *, needs_reason=False) -> None:
        reason = request.POST.get("reason", "")
        if reason not in ModerationReason.values:
            reason = ""
        if needs_reason and not reason:
            # Nothing changed: the selection and the chosen action are still there to retry.
            self.message_user(
                request,
                _("Choose a reason for rejecting or marking as spam, then apply the action again."),
                messages.ERROR,
            )
            return
        note = request.POST.get("note", "").strip()[:NOTE_MAX_LENGTH]
        count = helper(comments=queryset, moderator=request.user, reason=reason, note=note)
        self.message_user(request, message(count) % {"count": count}, messages.SUCCESS)

    @admin.action(permissions=["moderate"], description=_("Approve selected comments"))
    def approve(self, request, queryset):
        self._moderate(
            request,
            queryset,
            moderation.approve_comments,
            lambda n: ngettext("%(count)d comment approved.", "%(count)d comments approved.", n),
        )

    @admin.action(permissions=["moderate"], description=_("Reject selected comments"))
    def reject(self, request, queryset):
        self._moderate(
            request,
            queryset,
            moderation.reject_comments,
            lambda n: ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", n),
            needs_reason=True,
        )

    @admin.action(permissions=["moderate"], description=_("Mark selected comments as spam"))
    def mark_as_spam(self, request, queryset):
        self._moderate(
            request,
            queryset,
            moderation.mark_comments_as_spam,
            lambda n: ngettext(
                "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", n
            ),
            needs_reason=True,
        )

    @admin.action(permissions=["moderate"], description=_("Restore selected comments to pending"))
    def restore(self, request, queryset):
        self._moderate(
            request,
            queryset,
            moderation.restore_comments,
            lambda n: ngettext(
                "%(count)d comment restored to pending.",
                "%(count)d comments restored to pending.",
                n,
            ),
        )


class PendingCountChangeList(ChangeList):
    """The list's title says how many comments are waiting."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        pending = Comment.objects.pending().count()
        self.title = ngettext(
            "Comments: %(count)d waiting for moderation",
            "Comments: %(count)d waiting for moderation",
            pending,
        ) % {"count": pending}


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(admin.ModelAdmin):
    """The moderation log: read by those who may moderate, changed and deleted by nobody."""

    list_display = (
        "created_at",
        "moderator_name",
        "action",
        "comment_link",
        "old_status",
        "new_status",
        "reason",
        "note",
    )
    list_display_links = None
    list_filter = (
        ("moderator", admin.RelatedOnlyFieldListFilter),
        "action",
        "reason",
        "created_at",
    )
    date_hierarchy = "created_at"
    search_fields = ("comment_title", "moderator_name", "note")
    list_select_related = ("comment",)
    list_per_page = 100

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("comments.moderate_comment") or super().has_view_permission(
            request, obj
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("comment"), ordering="comment_title")
    def comment_link(self, obj):
        title = Truncator(obj.comment_title).chars(60)
        if obj.comment_id is None:
            return title
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comments_comment_change", args=[obj.comment_id]),
            title,
        )
