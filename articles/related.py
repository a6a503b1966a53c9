"""The "Tin liên quan" (related articles) under an article: up to ``RELATED_COUNT`` published
articles, those sharing the most tags with it first (the newest among equals), then, to fill
the list, the articles of its category published just before it.

Fast whatever the size of the archive and of its tags (a tag can be on a quarter of 100,000
articles): the candidates are, for each of the article's tags, the ``NEAREST`` articles on
either side of it (by id, which grows with time), read as short backward and forward scans of
the (tag, article) index; the database counts their shared tags, a few hundred rows. Counting
shared tags over all the tags' articles took 20 ms at 20,000 articles, growing with the
archive.
"""

from hnp.sql import aware

from .listing import Headline
from .models import Article, ReaderSQL, TaggedArticle

RELATED_COUNT = 5
NEAREST = 100
# More candidates than shown: some may be drafts or scheduled.
CANDIDATES = 50


def related_articles(article: Article, *, tag_ids: list[int]) -> list[Headline]:
    """``article``'s related articles; ``tag_ids`` are its tags (the page reads them anyway).

    One written-out query (the ORM cannot put a LIMIT inside a UNION on every database, and
    building the three queries this took cost more than the database took to answer them):
    the best ``RELATED_COUNT`` by shared tags, then as many of the category's articles just
    before this one; the second list fills what the first leaves."""
    if article.published_at is None:
        return []
    sql = ReaderSQL()
    pk, title, slug, at, of = (
        sql.column(Article, name) for name in ("id", "title", "slug", "published_at", "category")
    )
    published, published_params = sql.published()
    headline = f"a.{pk}, a.{title}, a.{slug}, a.{at}"
    parts, params = [], []
    if tag_ids:
        table = sql.table(TaggedArticle)
        tagged, tag = sql.column(TaggedArticle, "content_object"), sql.column(TaggedArticle, "tag")
        side = (
            f"SELECT * FROM (SELECT {tagged} AS id FROM {table} WHERE {tag} = %s"  # noqa: S608
            f" AND {tagged} {{op}} %s ORDER BY {tagged} {{direction}} LIMIT %s) AS {{alias}}"
        )
        nearest = []
        for n, tag_id in enumerate(tag_ids):
            nearest += [
                side.format(op="<", direction="DESC", alias=f"before_{n}"),
                side.format(op=">", direction="ASC", alias=f"after_{n}"),
            ]
            params += [tag_id, article.pk, NEAREST, tag_id, article.pk, NEAREST]
        # The best-sharing candidates are counted first, then only they are looked up.
        parts.append(
            f"SELECT * FROM (SELECT {headline}, t.shared FROM (SELECT id, COUNT(*) AS shared"  # noqa: S608
            f" FROM ({' UNION ALL '.join(nearest)}) u GROUP BY id"
            f" ORDER BY shared DESC, id DESC LIMIT %s) t JOIN {sql.table(Article)} a"
            f" ON a.{pk} = t.id WHERE {published}"
            f" ORDER BY t.shared DESC, a.{at} DESC, a.{pk} DESC LIMIT %s) AS by_tags"
        )
        params.append(CANDIDATES)
        params += [*published_params, RELATED_COUNT]
    this = sql.when(article.published_at)
    parts.append(
        f"SELECT * FROM (SELECT {headline}, 0 AS shared FROM {sql.table(Article)} a"  # noqa: S608
        f" WHERE {published} AND a.{of} = %s"
        f" AND (a.{at} < %s OR (a.{at} = %s AND a.{pk} < %s))"
        f" ORDER BY a.{at} DESC, a.{pk} DESC LIMIT %s) AS by_category"
    )
    params += [*published_params, article.category_id, this, this, article.pk, RELATED_COUNT]
    related: dict[int, Headline] = {}
    # Shared tags first, then the category's, each closest first (column 5: shared, 4: time).
    ranked = f"{' UNION ALL '.join(parts)} ORDER BY 5 DESC, 4 DESC, 1 DESC"
    for row in sql.rows(ranked, params):
        article_id, *shown, _shared = aware(row, 3)
        related.setdefault(article_id, Headline(*shown))
    return list(related.values())[:RELATED_COUNT]
