"""The pages the benchmark measures, picked from the data set, and the SQL queries each one
runs with the caches off. Prints JSON; run with the site's environment (bench/run.py does)."""

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["HNP_CACHE"] = "off"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Category, Tag  # noqa: E402
from comments.models import Comment  # noqa: E402

CATEGORY_PAGE = 2000
HOT_COMMENTS = 500
SEARCH_WORDS = "giao thông"


def pick() -> dict[str, str | None]:
    published = Article.objects.published()
    category = Category.objects.order_by("-published_total").first()
    per_page = 20
    last_page = max(1, -(-category.visible_article_count() // per_page))
    hot = (
        Comment.objects.approved()
        .values("article_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=HOT_COMMENTS)
        .order_by("-article_id")
        .first()
    )
    article = Article.objects.get(pk=hot["article_id"]) if hot else published.first()
    pending = Comment.objects.pending().order_by("-pk").only("status_token").first()
    try:
        search = f"{reverse('articles:search')}?{urlencode({'q': SEARCH_WORDS})}"
    except NoReverseMatch:
        search = None
    page = min(CATEGORY_PAGE, last_page)
    # The busiest tag (its page sorts the most articles), and the newest article's day.
    tag = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n").first()
    newest = published.first()
    return {
        "home": reverse("articles:home"),
        "category page 1": category.get_absolute_url(),
        f"category page {CATEGORY_PAGE}": f"{category.get_absolute_url()}?page={page}",
        f"article, {hot['n'] if hot else 0} comments": article.get_absolute_url(),
        f"search '{SEARCH_WORDS}'": search,
        "comment status": pending.get_absolute_url() if pending else None,
        "tag page 1": tag.get_absolute_url() if tag else None,
        "tag page 50": f"{tag.get_absolute_url()}?page=50" if tag else None,
        "day page": reverse(
            "articles:day", kwargs={"day": f"{timezone.localtime(newest.published_at):%Y-%m-%d}"}
        )
        if newest
        else None,
        "_category_pages": str(last_page),
    }


def query_counts(pages: dict[str, str | None]) -> dict[str, int | None]:
    """How many SQL queries each page runs, rendered from scratch."""
    client = Client()
    counts = {}
    for name, url in pages.items():
        if name.startswith("_") or url is None:
            continue
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url, secure=True).status_code
        counts[name] = len(queries) if status == 200 else None
    return counts


if __name__ == "__main__":
    pages = pick()
    print(json.dumps({"pages": pages, "queries": query_counts(pages)}))
