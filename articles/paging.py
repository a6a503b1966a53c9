"""The numbered pages of the archive's long lists: a category's, a tag's, an author's and a
day's published articles, newest first (docs/performance.md has the measurements)."""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from .models import Article, Category, ReaderSQL, TaggedArticle


@dataclass(frozen=True)
class ArticleList:
    """The published articles that meet ``condition`` (SQL on the articles ``a``, its values
    in ``params``), newest first. Written as SQL, like the pages' other queries: building a
    page's query through the ORM cost a tenth of a category page (0.25 ms)."""

    condition: str
    params: tuple = ()

    @classmethod
    def in_category(cls, category: Category) -> "ArticleList":
        return cls(f"a.{ReaderSQL().column(Article, 'category')} = %s", (category.pk,))

    @classmethod
    def by_author(cls, author) -> "ArticleList":
        return cls(f"a.{ReaderSQL().column(Article, 'author')} = %s", (author.pk,))

    @classmethod
    def tagged(cls, tag) -> "ArticleList":
        """Written as EXISTS rather than a join, so that PostgreSQL can walk the lists' index
        (status, published_at) newest first and stop after a page, checking each article's
        tag on the (tag, article) index: a tag on a quarter of 100,000 articles needs a few
        dozen probes for its first page instead of sorting 25,000 rows."""
        sql = ReaderSQL()
        tagged, of = (sql.column(TaggedArticle, name) for name in ("content_object", "tag"))
        return cls(
            f"EXISTS (SELECT 1 FROM {sql.table(TaggedArticle)} t"  # noqa: S608
            f" WHERE t.{of} = %s AND t.{tagged} = a.{sql.column(Article, 'pk')})",
            (tag.pk,),
        )

    @classmethod
    def published_between(
        cls, start: dt.datetime, end: dt.datetime, *, category: Category | None = None
    ) -> "ArticleList":
        """Published from ``start`` until before ``end`` (of ``category``, if given)."""
        sql = ReaderSQL()
        at = sql.column(Article, "published_at")
        within = cls(f"a.{at} >= %s AND a.{at} < %s", (sql.when(start), sql.when(end)))
        if category is None:
            return within
        of = cls.in_category(category)
        return cls(f"{within.condition} AND {of.condition}", within.params + of.params)

    def count(self) -> int:
        sql = ReaderSQL()
        published, params = sql.published()
        [(count,)] = sql.rows(
            f"SELECT COUNT(*) FROM {sql.table(Article)} a"  # noqa: S608
            f" WHERE {published} AND ({self.condition})",
            [*params, *self.params],
        )
        return count


class ArticlePaginator(Paginator):
    """Numbered pages of a long ``ArticleList`` (a category can hold 45,000 articles), at the
    cost of page 1 whatever the page:

    - the count is given (``Category.visible_article_count``, kept up to date on save), since
      COUNT(*) walks every matching index entry: 10 ms for 43,000 articles;
    - a page reads its articles' ids first, with an index-only scan however far the OFFSET
      goes, and only then those rows, in one query: a plain OFFSET read and threw away every
      skipped row (page 2,000 of 45,000: 130 ms against 6 ms);
    - a page in the older half is read from the oldest end, so the scan walks at most half the
      list (page 2,000 of 2,170: 3,400 index entries instead of 40,000);
    - the page holds the articles as the lists show them (articles/listing.py).
    """

    def __init__(self, articles: ArticleList, per_page, *, count: int, **kwargs):
        super().__init__(articles, per_page, **kwargs)
        self.count = count

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if top <= bottom:  # an empty list's only page
            return self._get_page([], number, self)
        sql = ReaderSQL()
        pk, at = sql.column(Article, "pk"), sql.column(Article, "published_at")
        newest_first = f"a.{at} DESC, a.{pk} DESC"
        if bottom > self.count - top:
            order, skipped = f"a.{at}, a.{pk}", self.count - top
        else:
            order, skipped = newest_first, bottom
        published, published_params = sql.published()
        # The ids' subquery names its own articles "a" too (published() is written on "a"):
        # inside it, "a" is the subquery's.
        ids = (
            f"SELECT a.{pk} FROM {sql.table(Article)} a"  # noqa: S608
            f" WHERE {published} AND ({self.object_list.condition})"
            f" ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params = [*published_params, *self.object_list.params, top - bottom, skipped]
        articles = sql.listed(f"a.{pk} IN ({ids})", params, order=newest_first)
        return self._get_page(articles, number, self)
