"""Admin addresses and article form data, as a browser would post them."""

from django.urls import reverse
from django.utils import timezone

from articles.models import Article


def add_url() -> str:
    return reverse("admin:articles_article_add")


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def changelist_url() -> str:
    return reverse("admin:articles_article_changelist")


def article_form_data(category, article: Article | None = None, **overrides) -> dict:
    """What the admin's article form posts, as a browser would send it.

    ``published_at`` may be given as an aware datetime; it is split into the date and time
    inputs of the admin widget, in the site's time zone, written as the widget writes them
    (day first: 01/12/2026, 07:30:00). A changed article's form carries the version it was
    opened at, and every form the (empty) management form of the corrections' inline.
    """
    data = {
        "title": "Hà Nội mở rộng phố đi bộ quanh hồ Gươm",
        "slug": "",
        "category": category.pk,
        "lead": "Thành phố thêm ba tuyến phố đi bộ từ cuối tuần này.",
        "body": "<p>Nội dung bài viết.</p>",
        "cover_caption": "",
        "byline": "Huy Kiên",
        "status": Article.Status.DRAFT,
        "allow_comments": "on",
        **correction_forms(),
    }
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            category=article.category_id,
            lead=article.lead,
            body=article.body,
            cover_caption=article.cover_caption,
            byline=article.byline,
            status=article.status,
            edit_version=article.version,
        )
        if article.published_at is not None:
            overrides.setdefault("published_at", article.published_at)
    published_at = overrides.pop("published_at", None)
    if published_at is not None:
        local = timezone.localtime(published_at)
        data["published_at_0"] = local.strftime("%d/%m/%Y")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(overrides)
    return data


def correction_forms(*texts: str) -> dict:
    """The corrections' inline as the form posts it, with a new note for each of ``texts``."""
    data = {
        "corrections-TOTAL_FORMS": str(len(texts)),
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
    }
    for number, text in enumerate(texts):
        data[f"corrections-{number}-text"] = text
    return data
