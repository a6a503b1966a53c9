import json

from django.contrib import admin, messages
from django.contrib.admin.utils import construct_change_message
from django.contrib.admin.views.main import ChangeList
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from . import autosave, locks, publishing, review
from .admin_views import NewsroomViews
from .forms import ArticleAdminForm, ScheduleForm
from .library import LibraryImage
from .models import Article, Author, Category, Correction, Tag, can_publish, display_name
from .revisions import save_article

# Strings of Django 6.1's admin and forms that Django's own Vietnamese catalogue lacks, marked
# here so that makemessages keeps their translations in articles/locale.
DJANGO_STRINGS_MISSING_IN_VIETNAMESE = [
    gettext_noop("- Select an option -"),
    gettext_noop("Run"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Error:"),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Select this object for an action - {}"),
    # admin/login.html and the change forms ask for the plural form of "Please correct the
    # error below.", which Django's catalogue has only as a singular.
    gettext_noop("Please correct the error below."),
    # Issue 13: the rest of the admin's English (labels for screen readers, the theme
    # toggle, pagination, deletion pages) and the durations of "3 phút trước".
    gettext_noop("Breadcrumbs"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Skip to main content"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Sidebar"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Search"),
    gettext_noop("Search %(name)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Logout"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Set password"),
    gettext_noop("%(num)d minute"),
    gettext_noop("%(num)d hour"),
    gettext_noop("%(num)d day"),
    gettext_noop("%(num)d week"),
    gettext_noop("%(num)d month"),
    gettext_noop("%(num)d year"),
]

# The admin's name in its header and page titles (Django's "Site quản trị hệ thống" keeps an
# English word): templates/admin/base_site.html shows them.
admin.site.site_header = _("HNP – Newsroom admin")
admin.site.site_title = _("HNP – Newsroom admin")
admin.site.index_title = _("Newsroom admin")

# Django's slug prefill (admin/js/urlify.js) strips most Vietnamese letters; this file makes it
# drop the diacritics and map đ to d first. Article.save() stays the source of truth.
VIETNAMESE_URLIFY_JS = "admin_hnp/vietnamese_urlify.js"
# Form fields that only matter to someone who may publish.
TAG_SUGGESTIONS = 10
EDITOR_ONLY = {"confirm_past_publish_time", "review_note"}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = ["admin/js/urlify.js", VIETNAMESE_URLIFY_JS]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    list_select_related = ["user"]

    class Media:
        js = ["admin/js/urlify.js", VIETNAMESE_URLIFY_JS]


class CorrectionInline(admin.StackedInline):
    """Editors' public correction notes ("Đính chính"), shown at the end of the article."""

    model = Correction
    extra = 0
    fields = ["text", "corrected_at"]
    verbose_name = _("correction note (public)")
    verbose_name_plural = _("correction notes (public, at the end of the article)")


class PublicationFilter(admin.SimpleListFilter):
    """Status as the newsroom sees it: a published article with a future time is scheduled."""

    title = _("status")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            (Article.Status.DRAFT, Article.Status.DRAFT.label),
            (Article.Status.REVIEW, Article.Status.REVIEW.label),
            ("scheduled", _("Scheduled")),
            (Article.Status.PUBLISHED, Article.Status.PUBLISHED.label),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "scheduled":
                return queryset.scheduled()
            case Article.Status.PUBLISHED:
                return queryset.published()
            case Article.Status.DRAFT | Article.Status.REVIEW as status:
                return queryset.filter(status=status)
        return queryset


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The list never shows the body, the longest column by far.
        return super().get_queryset(request, exclude_parameters).defer("body")


@admin.register(Article)
class ArticleAdmin(NewsroomViews, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    actions = ["publish_now", "unpublish", "schedule"]
    inlines = [CorrectionInline]
    list_display = [
        "title",
        "category",
        "publication_status",
        "published_at",
        "byline",
        "preview_link",
    ]
    list_filter = [PublicationFilter, "category", "published_at"]
    list_select_related = ["category"]
    search_fields = ["title", "lead"]
    date_hierarchy = "published_at"
    # Unpublished work first: it is what the newsroom still has to act on.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "author"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body", "tags"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_from_library", "cover_caption"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "byline",
                    "author",
                    "status",
                    "published_at",
                    "confirm_past_publish_time",
                    "review_note",
                    "is_featured",
                    "allow_comments",
                ]
            },
        ),
        (_("Created and updated"), {"fields": ["created_by", "created_at", "updated_at"]}),
    ]

    class Media:
        js = ["admin/js/urlify.js", VIETNAMESE_URLIFY_JS]

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    @admin.display(description=_("status"), ordering="status")
    def publication_status(self, obj: Article) -> str:
        if obj.is_scheduled:
            return _("Scheduled")
        return obj.get_status_display()

    @admin.display(description=_("Preview"))
    def preview_link(self, obj: Article) -> str:
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.get_absolute_url(),
            _("Preview"),
        )

    def view_on_site(self, obj: Article) -> str:
        # Staff see drafts and scheduled articles at their public address (a preview).
        return obj.get_absolute_url()

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        profile = Author.objects.filter(user=request.user).first()
        if profile is not None:
            initial.setdefault("author", profile.pk)
            initial.setdefault("byline", profile.name)
        # Vietnamese names are written family name first: "Trần Thu Hà".
        initial.setdefault("byline", display_name(request.user))
        return initial

    def get_fieldsets(self, request, obj=None):
        read_only = obj is not None and not self.has_change_permission(request, obj)
        if can_publish(request.user) and not read_only:
            return self.fieldsets
        # Journalists set no publish time, so they have nothing to confirm; and a read-only
        # page has nothing to confirm or note either, nor a cover to choose.
        hidden = EDITOR_ONLY | ({"cover_from_library"} if read_only else set())
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in self.fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            readonly += ["published_at", "is_featured"]
            if obj is not None and obj.status == Article.Status.PUBLISHED:
                # A journalist may correct their own published article (the change waits for
                # an editor) but not unpublish it, nor move it to another address.
                readonly += ["status", "slug"]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = can_publish(request.user)
        form.lock_state = getattr(request, "edit_lock", None)
        return form

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST" and getattr(request, "editing_article", False):
            # The version check and the save happen with the row locked (changeform_view's
            # transaction): two saves of one article cannot both pass the check.
            queryset = self.get_queryset(request).select_for_update()
            try:
                obj = queryset.get(pk=int(object_id))
            except (Article.DoesNotExist, ValueError, TypeError):
                return None
        else:
            obj = super().get_object(request, object_id, from_field)
        if obj is not None and getattr(request, "editing_article", False):
            obj.saved_status = obj.status
            pending = review.PendingChange.objects.filter(article=obj).first()
            obj.pending = pending
            if pending is not None and not can_publish(request.user):
                # The journalist goes on from their own latest version, not the live one.
                review.show_pending_change(obj, pending)
        return obj

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        if not obj.is_editable_by(request.user):
            return False
        lock = getattr(request, "edit_lock", None)
        # Someone else is editing: the page is read-only (an editor may take it over). A
        # posted form is still read, so that a refused save keeps what was typed.
        return not (request.method == "GET" and lock is not None and not lock.mine)

    def has_publish_permission(self, request) -> bool:
        return can_publish(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        request.editing_article = True
        article = (
            Article.objects.filter(pk=int(object_id)).only("pk", "status", "created_by").first()
            if str(object_id).isdigit()
            else None
        )
        if article is not None and article.is_editable_by(request.user):
            if request.method == "GET" and super().has_change_permission(request, article):
                request.edit_lock = locks.acquire(article, request.user)
            else:
                request.edit_lock = locks.state(article, request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(self.editing_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        # As saved before this form: a journalist's form has no status field on a published
        # article.
        previous_status = getattr(obj, "saved_status", None) if change else None
        if not change:
            obj.created_by = request.user
        if change and previous_status == Article.Status.PUBLISHED and not can_publish(request.user):
            self._propose_change(request, obj, form)
            return
        comment = json.dumps(construct_change_message(form, [], not change))
        save_article(obj, user=request.user, comment=comment)
        review.record_decision(
            article=obj,
            previous_status=previous_status,
            editor=request.user,
            note=form.cleaned_data.get("review_note", ""),
        )
        if obj.status == Article.Status.REVIEW and previous_status != Article.Status.REVIEW:
            review.tell_editors(obj, kind="review")
        autosave.forget(user=request.user, article=obj)

    def _propose_change(self, request, obj, form) -> None:
        """A journalist's save of their published article: kept as a change for an editor;
        readers keep the article as it is."""
        values = {name: getattr(obj, name) for name in review.CHANGE_ATTNAMES}
        cover = form.cleaned_data.get("cover_image")
        if cover is False:
            values["cover_image"] = ""
        elif cover and not isinstance(cover, FieldFile):
            values["cover_image"] = cover
        else:
            values["cover_image"] = obj.cover_image.name or ""
        review.propose_change(
            article=obj, values=values, user=request.user, tags=form.cleaned_data.get("tags")
        )
        review.tell_editors(obj, kind="change")
        autosave.forget(user=request.user, article=obj)
        obj.became_pending = True

    def save_related(self, request, form, formsets, change):
        if getattr(form.instance, "became_pending", False):
            # The tags wait with the rest of the change (PendingChange.tags) for an editor.
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Correction) and instance.created_by_id is None:
                instance.created_by = request.user
            instance.save()
        for gone in formset.deleted_objects:
            gone.delete()
        formset.save_m2m()

    def response_add(self, request, obj, post_url_continue=None):
        autosave.forget(user=request.user, article=None)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_continue" not in request.POST:
            locks.release(obj, request.user)
        if getattr(obj, "became_pending", False):
            self.message_user(
                request,
                _now(
                    "Your change to “%(title)s” was sent to the editors. Readers keep seeing "
                    "the published version until an editor publishes your change."
                )
                % {"title": obj.title},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # --- Editors' bulk actions (articles/publishing.py) ----------------------------------

    @admin.action(description=_("Publish the selected articles now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        count = publishing.publish_now(queryset, editor=request.user)
        self.message_user(
            request, _now("%(count)d articles published.") % {"count": count}, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish the selected articles"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = publishing.unpublish(queryset, editor=request.user)
        self.message_user(
            request,
            _now("%(count)d articles moved back to draft: readers no longer see them.")
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Schedule the selected articles…"), permissions=["publish"])
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            when = form.cleaned_data["published_at"]
            count = publishing.schedule(queryset, editor=request.user, when=when)
            self.message_user(
                request,
                _now("%(count)d articles scheduled: %(when)s.")
                % {"count": count, "when": form.in_words},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _now("Schedule articles"),
            "opts": self.opts,
            "form": form,
            "articles": list(queryset.values("pk", "title")),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/articles/article/schedule.html", context)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.is_deletable_by(request.user))


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = ["admin/js/urlify.js", VIETNAMESE_URLIFY_JS]

    def get_urls(self):
        suggest = path(
            "suggest/",
            self.admin_site.admin_view(self.suggest_view),
            name="articles_tag_suggest",
        )
        return [suggest, *super().get_urls()]

    def suggest_view(self, request):
        """Up to 10 existing tags starting with (then containing) what was typed, for the
        article form's tag field."""
        typed = request.GET.get("q", "").strip()[:100]
        if not typed:
            return JsonResponse({"tags": []})
        names = Tag.objects.filter(name__icontains=typed).order_by("name")
        starting = list(names.values_list("name", flat=True)[:200])
        starting.sort(key=lambda name: not name.casefold().startswith(typed.casefold()))
        return JsonResponse({"tags": starting[:TAG_SUGGESTIONS]})


class MineFilter(admin.SimpleListFilter):
    title = _("uploaded by")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("Me"))]

    def queryset(self, request, queryset):
        return queryset.uploaded_by(request.user) if self.value() == "1" else queryset


@admin.register(LibraryImage)
class LibraryImageAdmin(admin.ModelAdmin):
    """The media library: captions, credits and alternative text are edited here; pictures
    arrive through the editor's upload (checked there), and one in use cannot be deleted (the
    deletion page names the articles that show it)."""

    list_display = ["thumbnail", "caption", "credit", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    list_filter = [MineFilter]
    search_fields = ["caption", "credit", "alt"]
    fields = ["preview", "caption", "credit", "alt", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["preview", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("picture"))
    def thumbnail(self, obj: LibraryImage) -> str:
        return format_html('<img src="{}" alt="" width="80" loading="lazy">', obj.file.url)

    @admin.display(description=_("picture"))
    def preview(self, obj: LibraryImage) -> str:
        return format_html('<img src="{}" alt="" style="max-width: 30rem">', obj.file.url)

    @admin.display(description=_("size"))
    def size(self, obj: LibraryImage) -> str:
        return f"{obj.width} × {obj.height}"
