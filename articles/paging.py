from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator

from .models import Article, ReaderSQL


class ArticlePaginator(Paginator):
    """Numbered pages of a long list of articles (a category can hold 45,000), at the cost of
    page 1 whatever the page (docs/performance.md has the measurements):

    - the count is given (``Category.visible_article_count``, kept up to date on save), since
      COUNT(*) walks every matching index entry: 10 ms for 43,000 articles;
    - a page reads its articles' ids first, with an index-only scan however far the OFFSET
      goes, and only then those rows, in one query: a plain OFFSET read and threw away every
      skipped row (page 2,000 of 45,000: 130 ms against 6 ms);
    - a page in the older half is read from the oldest end, so the scan walks at most half the
      list (page 2,000 of 2,170: 3,400 index entries instead of 40,000);
    - the page holds the articles as the lists show them (articles/listing.py), read by
      written-out SQL around the ids' query (building the whole query through the ORM cost
      more than the database took to answer it).

    The lists it pages are of published articles (what the page shows is read through
    ``published()`` again), in the articles' default order, newest first.
    """

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values_list("pk", flat=True)
        if bottom > self.count - top and ids.ordered:
            ids = ids.reverse()[self.count - top : self.count - bottom]
        else:
            ids = ids[bottom:top]
        try:
            ids_sql, ids_params = ids.query.sql_with_params()
        except EmptyResultSet:  # an empty list's only page
            return self._get_page([], number, self)
        sql = ReaderSQL()
        pk, at = sql.column(Article, "pk"), sql.column(Article, "published_at")
        articles = sql.listed(
            f"a.{pk} IN ({ids_sql})", ids_params, order=f"a.{at} DESC, a.{pk} DESC"
        )
        return self._get_page(articles, number, self)
