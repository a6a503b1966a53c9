from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .models import Article, Category, Tag

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("HNP: latest news")
    description = _("The latest articles published by HNP.")
    language = "vi"

    def link(self):
        return reverse("articles:home")

    def items(self):
        return Article.objects.published().select_related("category")[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.lead

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.byline

    def item_categories(self, item: Article):
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj: Category) -> str:
        return f"HNP: {obj.name}"

    def description(self, obj: Category) -> str:
        return _("The latest articles in %(category)s.") % {"category": obj.name}

    def link(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Category):
        return (
            Article.objects.published().filter(category=obj).select_related("category")[:FEED_SIZE]
        )


class TagFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj: Tag) -> str:
        return f"HNP: {obj.name}"

    def description(self, obj: Tag) -> str:
        return _("The latest articles tagged %(tag)s.") % {"tag": obj.name}

    def link(self, obj: Tag) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Tag):
        return Article.objects.published().tagged(obj).select_related("category")[:FEED_SIZE]
