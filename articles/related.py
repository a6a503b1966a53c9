"""The "Tin liên quan" (related articles) under an article: up to ``RELATED_COUNT`` published
articles, those sharing the most tags with it first (the newest among equals), then, to fill
the list, the articles of its category published just before it.

At most two queries, whatever the number of articles: one for the tags' articles, grouped in
the database, and one for the category's, read off its list index (docs/performance.md).
"""

from .listing import Headline, headlines
from .models import Article

RELATED_COUNT = 5


def related_articles(article: Article, *, tag_ids: list[int]) -> list[Headline]:
    """``article``'s related articles; ``tag_ids`` are its tags (the page reads them anyway)."""
    if article.published_at is None:
        return []
    published = Article.objects.published()
    related = headlines(published.sharing_tags(article, tag_ids)[:RELATED_COUNT]) if tag_ids else []
    missing = RELATED_COUNT - len(related)
    if missing > 0:
        chosen = {headline.slug for headline in related}
        same_category = published.filter(category_id=article.category_id).older_than(article)
        more = headlines(same_category[:RELATED_COUNT])
        related += [headline for headline in more if headline.slug not in chosen][:missing]
    return related
