"""The "Tin liên quan" (related articles) under an article: up to ``RELATED_COUNT`` published
articles, those sharing the most tags with it first (the newest among equals), then, to fill
the list, the articles of its category published just before it.

Fast whatever the size of the archive and of its tags (a tag can be on a quarter of 100,000
articles): the candidates are, for each of the article's tags, the ``NEAREST`` articles on
either side of it (by id, which grows with time), read as short backward and forward scans of
the (tag, article) index in one query; counting their tags is then done here, on a few hundred
ids. Counting shared tags over all the tags' articles took 20 ms at 20,000 articles, growing
with the archive. Then one query for the chosen candidates that readers may see, and one for
the category's articles if the list is not full: three queries at most.
"""

from collections import Counter

from django.db import connection

from .listing import Headline, headlines
from .models import Article, TaggedArticle

RELATED_COUNT = 5
NEAREST = 100
# More candidates than shown: some may be drafts or scheduled.
CANDIDATES = 50


def shared_tag_counts(article: Article, tag_ids: list[int]) -> Counter:
    """How many of ``tag_ids`` each article near ``article`` carries (article id → count).

    Written as SQL: the ORM cannot put a LIMIT inside a UNION on every database (SQLite wants
    each limited part wrapped in its own SELECT).
    """
    if not tag_ids:
        return Counter()
    quote = connection.ops.quote_name
    table = quote(TaggedArticle._meta.db_table)
    article_column = quote(TaggedArticle._meta.get_field("content_object").column)
    tag_column = quote(TaggedArticle._meta.get_field("tag").column)
    # Only quoted names of our own model go into the text; every value is a parameter.
    side = (
        f"SELECT * FROM (SELECT {article_column} FROM {table} WHERE {tag_column} = %s"  # noqa: S608
        f" AND {article_column} {{op}} %s ORDER BY {article_column} {{direction}} LIMIT %s)"
        " AS {alias}"
    )
    parts, params = [], []
    for tag_id in tag_ids:
        n = len(parts)
        parts += [
            side.format(op="<", direction="DESC", alias=f"before_{n}"),
            side.format(op=">", direction="ASC", alias=f"after_{n}"),
        ]
        params += [tag_id, article.pk, NEAREST, tag_id, article.pk, NEAREST]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return Counter(pk for (pk,) in cursor.fetchall())


def related_articles(article: Article, *, tag_ids: list[int]) -> list[Headline]:
    """``article``'s related articles; ``tag_ids`` are its tags (the page reads them anyway)."""
    if article.published_at is None:
        return []
    published = Article.objects.published()
    related: list[Headline] = []
    counts = shared_tag_counts(article, tag_ids)
    if counts:
        best = sorted(counts, key=lambda pk: (-counts[pk], -pk))[:CANDIDATES]
        rows = published.filter(pk__in=best).values_list("pk", "title", "slug", "published_at")
        ranked = sorted(rows, key=lambda row: (-counts[row[0]], -row[3].timestamp(), -row[0]))
        related = [Headline(title, slug, when) for _pk, title, slug, when in ranked]
        related = related[:RELATED_COUNT]
    missing = RELATED_COUNT - len(related)
    if missing > 0:
        chosen = {headline.slug for headline in related}
        same_category = published.filter(category_id=article.category_id).older_than(article)
        more = headlines(same_category[:RELATED_COUNT])
        related += [headline for headline in more if headline.slug not in chosen][:missing]
    return related
