"""What the lists of articles show (the home page, categories, search, newer and older
articles, the most read), read as plain rows rather than model instances: a list of 80
articles costs a third of the time (docs/performance.md). Templates use them as they would use
articles: ``article.title``, ``article.get_absolute_url()``, ``article.category.name``…"""

import datetime as dt
from dataclasses import dataclass

from hnp.urls import slug_url, slug_urls

from . import renditions


@dataclass(frozen=True, slots=True)
class ListedCategory:
    pk: int
    name: str
    slug: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True, slots=True)
class ListedArticle:
    pk: int
    title: str
    slug: str
    lead: str
    cover_image: str  # the cover's file name, "" without one
    cover_caption: str
    published_at: dt.datetime
    category: ListedCategory
    url: str

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def list_picture(self) -> renditions.Picture | None:
        """The cover's thumbnail as the lists show it (None without a cover)."""
        return renditions.list_picture(self.cover_image) if self.cover_image else None

    @property
    def lead_picture(self) -> renditions.Picture | None:
        """The cover as the home page's lead story shows it (None without a cover)."""
        if not self.cover_image:
            return None
        return renditions.cover_picture(self.cover_image, sizes=renditions.LEAD_SIZES)


FIELDS = (
    "pk",
    "title",
    "slug",
    "lead",
    "cover_image",
    "cover_caption",
    "published_at",
    "category_id",
    "category__name",
    "category__slug",
)


def listed(articles) -> list[ListedArticle]:
    """The articles of the queryset ``articles`` as the lists show them, in its order."""
    return listed_rows(articles.values_list(*FIELDS))


def listed_rows(rows) -> list[ListedArticle]:
    """``ListedArticle`` of each row of ``FIELDS``, in their order."""
    article_url, category_url = slug_urls("articles:detail"), slug_urls("articles:category")
    categories: dict[int, ListedCategory] = {}
    listed_articles = []
    for *fields, category_id, category_name, category_slug in rows:
        category = categories.get(category_id)
        if category is None:
            category = ListedCategory(
                category_id, category_name, category_slug, category_url(category_slug)
            )
            categories[category_id] = category
        listed_articles.append(ListedArticle(*fields, category, article_url(fields[2])))
    return listed_articles


@dataclass(frozen=True, slots=True)
class Headline:
    """An article as the short lists show it: its title and time, a link."""

    title: str
    slug: str
    published_at: dt.datetime

    def get_absolute_url(self) -> str:
        return slug_url("articles:detail", self.slug)


def categories(rows) -> list[ListedCategory]:
    """The categories given as ``(pk, name, slug)`` rows, as the navigation shows them."""
    url = slug_urls("articles:category")
    return [ListedCategory(pk, name, slug, url(slug)) for pk, name, slug in rows]
