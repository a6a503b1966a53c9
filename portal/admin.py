from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from .models import SINGLETON_PK, Page, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row: the list goes straight to its form, which cannot be added to or deleted."""

    fieldsets = [
        (None, {"fields": ["portal_name", "governing_agency", "licence", "responsible_person"]}),
        (None, {"fields": ["address", "phone", "hotline", "email"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        SiteSettings.objects.get_or_create(pk=SINGLETON_PK)
        return redirect(reverse("admin:portal_sitesettings_change", args=[SINGLETON_PK]))


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "content"]
    prepopulated_fields = {"slug": ["title"]}
