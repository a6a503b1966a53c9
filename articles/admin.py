from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import F
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .forms import ArticleAdminForm
from .models import Article, Category, can_publish

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
]

# Django's slug prefill (admin/js/urlify.js) strips most Vietnamese letters; this file makes it
# drop the diacritics and map đ to d first. Article.save() stays the source of truth.
VIETNAMESE_URLIFY_JS = "admin_hnp/vietnamese_urlify.js"
# Form fields that only matter to someone who may publish.
EDITOR_ONLY = {"confirm_past_publish_time"}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    class Media:
        js = ["admin/js/urlify.js", VIETNAMESE_URLIFY_JS]


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
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
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
    autocomplete_fields = ["category"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "lead", "body"]}),
        (_("Cover image"), {"fields": ["cover_image", "cover_caption"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "byline",
                    "status",
                    "published_at",
                    "confirm_past_publish_time",
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
        initial.setdefault("byline", request.user.get_full_name())
        return initial

    def get_fieldsets(self, request, obj=None):
        if can_publish(request.user):
            return self.fieldsets
        # Journalists set no publish time, so they have nothing to confirm.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in EDITOR_ONLY]})
            for name, options in self.fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_publish(request.user):
            readonly += ["published_at", "is_featured"]
            if obj is not None and obj.status == Article.Status.PUBLISHED:
                # A journalist may correct their own published article but not unpublish it.
                readonly.append("status")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = can_publish(request.user)
        return form

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.is_editable_by(request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.is_deletable_by(request.user))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
