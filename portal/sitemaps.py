from django.contrib.sitemaps import Sitemap

from .models import Page


class PageSitemap(Sitemap):
    """The portal's own pages (contact, privacy…): rarely changed."""

    changefreq = "yearly"
    priority = 0.3

    def items(self):
        return Page.objects.order_by("slug")

    def lastmod(self, item: Page):
        return item.updated_at
