import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.utils import timezone

from .models import Article, Category

NEWS_SITEMAP_WINDOW = dt.timedelta(days=2)


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return (
            Article.objects.published().only("slug", "updated_at").order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        now = timezone.now()
        published = Q(articles__status=Article.Status.PUBLISHED, articles__published_at__lte=now)
        return Category.objects.annotate(
            latest_published=Max("articles__published_at", filter=published)
        ).order_by("position", "name")

    def lastmod(self, item: Category):
        return item.latest_published


class NewsSitemap(Sitemap):
    """Google News sitemap: the articles of the last two days."""

    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_SITEMAP_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("slug", "title", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article):
        return item.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["title"] = url["item"].title
            url["publication_date"] = url["item"].published_at
        return urls


SITEMAPS = {"articles": ArticleSitemap, "categories": CategorySitemap}
