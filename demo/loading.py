"""Load the demo newsroom: accounts, categories, articles and their generated pictures, and
readers' comments.

Everything is keyed by a natural key (username, category slug, article slug, file name) and
what already exists is left alone, so loading twice changes nothing and never overwrites what
someone edited in the admin. Pictures whose files went missing are drawn again, and every cover
ends with its renditions (articles/renditions.py).
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from articles.body_images import body_picture_names, library_images
from articles.body_images import make_renditions as body_make_renditions
from articles.models import Article, ArticleDailyViews, Author, Category
from articles.most_read import rank_most_read
from articles.renditions import make_renditions
from comments.forms import normalise_phone
from comments.models import Comment
from portal.models import SINGLETON_PK, Page, SiteSettings

from .comment_threads import THREADS
from .content import ARTICLES, CATEGORIES, DemoArticle, DemoCategory, Figure
from .images import COVER_SIZE, FIGURE_SIZE, render_illustration
from .pages import IDENTITY, PAGES

DEMO_PASSWORD = "hnp-demo-2026"  # noqa: S105 (printed for local use; the command refuses DEBUG=False)
FIGURE_DIR = "demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    has_demo_password: bool


@dataclass
class LoadReport:
    categories: int = 0
    categories_created: int = 0
    articles: int = 0
    articles_created: int = 0
    images_written: int = 0
    pages_created: int = 0


_STAFF = (
    # username, group name, first (given) name, last (family) name: written family name first,
    # "Trần Thu Hà", as bylines are.
    ("bientap", "Editor", "Thu Hà", "Trần"),
    ("phongvien", "Journalist", "Minh Anh", "Nguyễn"),
    ("kiemduyet", "Moderator", "Quốc Bảo", "Lê"),
)


@transaction.atomic
def ensure_demo_accounts(*, password: str) -> list[DemoAccount]:
    """A superuser ``admin`` and, where the role groups exist, an editor and a journalist.

    Accounts that already exist keep their password; the report says whether it is still
    the demo one.
    """
    user_model = get_user_model()
    accounts = []
    admin = user_model.objects.filter(username="admin").first()
    if admin is None:
        user_model.objects.create_superuser("admin", "admin@example.com", password)
        accounts.append(DemoAccount("admin", "superuser", has_demo_password=True))
    else:
        accounts.append(DemoAccount("admin", "superuser", admin.check_password(password)))
    for username, group_name, first_name, last_name in _STAFF:
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        user = user_model.objects.filter(username=username).first()
        has_demo_password = user is None or user.check_password(password)
        if user is None:
            user = user_model.objects.create_user(
                username,
                f"{username}@example.com",
                password,
                first_name=first_name,
                last_name=last_name,
                is_staff=True,
            )
        user.groups.add(group)
        if group_name in {"Editor", "Journalist"}:
            # The writer's author page, which the add form picks for their new articles.
            author, _created = Author.objects.get_or_create(name=f"{last_name} {first_name}")
            if author.user_id is None:
                author.user = user
                author.save(update_fields=["user"])
        accounts.append(DemoAccount(username, group_name, has_demo_password))
    return accounts


@transaction.atomic
def load_demo_content(
    *,
    now: dt.datetime,
    writer: AbstractBaseUser | None = None,
    editor: AbstractBaseUser | None = None,
) -> LoadReport:
    """Create the demo categories and articles that are missing; publish times relative to ``now``.

    ``writer`` is recorded as the creator of the unpublished articles, ``editor`` of the others.
    """
    report = LoadReport()
    categories = {}
    for demo_category in CATEGORIES:
        # By name too: a newsroom may already have "Thời sự" under a slug of its own.
        category = Category.objects.filter(
            Q(slug=demo_category.slug) | Q(name=demo_category.name)
        ).first()
        if category is None:
            category = Category.objects.create(
                slug=demo_category.slug, name=demo_category.name, position=demo_category.position
            )
            report.categories_created += 1
        categories[demo_category.slug] = category
        report.categories += 1
    styles = {demo_category.slug: demo_category for demo_category in CATEGORIES}
    for demo in ARTICLES:
        style = styles[demo.category]
        report.images_written += _ensure_figures(demo, style)
        article = Article.objects.filter(slug=demo.slug).first()
        redrawn = False
        if article is None:
            article, drawn = _create_article(
                demo,
                style,
                categories[demo.category],
                now=now,
                writer=writer,
                editor=editor,
            )
            report.images_written += drawn
            report.articles_created += 1
        elif article.cover_image and not default_storage.exists(article.cover_image.name):
            default_storage.save(article.cover_image.name, ContentFile(_cover(demo, style)))
            report.images_written += 1
            redrawn = True
        # Like the cover's: the body's pictures may have been drawn again under their names.
        for picture in library_images(body_picture_names(article.body)).values():
            body_make_renditions(picture)
        if demo.tags and not article.tags.exists():
            article.tags.add(*demo.tags)
        if article.cover_image:
            # Saving the article made them, but not for a cover saved before renditions
            # existed, nor for one drawn again under its old name, which no save announces.
            make_renditions(article.cover_image, replace=redrawn)
        report.articles += 1
    _ensure_demo_views(now=now)
    load_demo_portal(report)
    return report


def _ensure_demo_views(*, now: dt.datetime) -> None:
    """A week of reading counts for the published demo articles, so that "Đọc nhiều" shows
    on a fresh demo site (real counts need a shared cache and the flush_view_counts command:
    docs/most_read.md). Nothing is added once any article has counts."""
    if ArticleDailyViews.objects.exists():
        rank_most_read(today=timezone.localdate(now))
        return
    today = timezone.localdate(now)
    published = list(Article.objects.published().order_by("-published_at", "-pk")[:12])
    ArticleDailyViews.objects.bulk_create(
        ArticleDailyViews(
            article=article,
            day=today - dt.timedelta(days=days_ago),
            views=(len(published) - rank) * 40 + (rank * 7 + days_ago * 13) % 30,
        )
        for rank, article in enumerate(published)
        for days_ago in range(7)
    )
    rank_most_read(today=timezone.localdate(now))


def _create_article(
    demo: DemoArticle,
    style: DemoCategory,
    category: Category,
    *,
    now: dt.datetime,
    writer: AbstractBaseUser | None,
    editor: AbstractBaseUser | None,
) -> tuple[Article, bool]:
    """Create the article; True with it if its cover picture had to be drawn."""
    published = demo.status == Article.Status.PUBLISHED
    article = Article(
        title=demo.title,
        slug=demo.slug,
        lead=demo.lead,
        body=_body_html(demo),
        cover_caption=demo.cover_caption,
        byline=demo.byline,
        author=Author.objects.get_or_create(name=demo.byline)[0],
        category=category,
        created_by=(editor if published else writer) or editor or writer,
        status=demo.status,
        published_at=demo.published.resolve(now) if demo.published else None,
        is_featured=demo.is_featured,
    )
    filename = f"{demo.image}.jpg"
    name = article.cover_image.field.generate_filename(article, filename)
    draw = not default_storage.exists(name)  # it exists if this demo article was deleted
    if draw:
        article.cover_image.save(filename, ContentFile(_cover(demo, style)), save=False)
    else:
        article.cover_image.name = name
    article.save()
    return article, draw


def _cover(demo: DemoArticle, style: DemoCategory) -> bytes:
    return render_illustration(
        key=demo.image,
        label=demo.cover_label,
        kicker=style.name,
        colors=style.colors,
        motif=style.motif,
        size=COVER_SIZE,
    )


def _ensure_figures(demo: DemoArticle, style: DemoCategory) -> int:
    written = 0
    for figure in _figures(demo):
        name = _figure_name(figure)
        if default_storage.exists(name):
            continue
        picture = render_illustration(
            key=figure.image,
            label=figure.label,
            kicker=style.name,
            colors=(style.colors[1], style.colors[0]),  # reversed, to tell figures from the cover
            motif=style.motif,
            size=FIGURE_SIZE,
        )
        default_storage.save(name, ContentFile(picture))
        written += 1
    return written


def _figures(demo: DemoArticle) -> list[Figure]:
    return [block for block in demo.body if isinstance(block, Figure)]


def _figure_name(figure: Figure) -> str:
    return f"{FIGURE_DIR}/{figure.image}.jpg"


_BLOCK_END = re.compile(r"(</(?:p|h2|h3|ul|ol|li|blockquote)>)\s*")


def _body_html(demo: DemoArticle) -> str:
    """The body as CKEditor would send it: one block a line, figures in image2 markup."""
    parts = []
    for block in demo.body:
        if isinstance(block, Figure):
            width, height = FIGURE_SIZE
            src = default_storage.url(_figure_name(block))
            parts.append(
                '<figure class="image image-captioned">'
                f'<img src="{escape(src)}" alt="{escape(block.alt)}"'
                f' width="{width}" height="{height}">'
                f"<figcaption>{escape(block.caption)}</figcaption></figure>"
            )
        else:
            parts.append(_BLOCK_END.sub(r"\1\n", " ".join(block.split())).strip())
    return "\n".join(parts)


@transaction.atomic
def load_demo_comments(*, articles: list[Article], now: dt.datetime) -> int:
    """Add the demo threads (demo/comment_threads.py) to ``articles``, newest first; returns
    how many comments were new."""
    created = 0
    for number, (article, thread) in enumerate(zip(articles, THREADS, strict=False)):
        for position, demo in enumerate(thread):
            posted = max(
                min(
                    article.published_at + dt.timedelta(hours=demo.hours_after),
                    now - dt.timedelta(minutes=10 * (len(thread) - position)),
                ),
                article.published_at + dt.timedelta(minutes=1 + position),
            )
            approved = demo.status == Comment.Status.APPROVED
            _comment, was_created = Comment.objects.get_or_create(
                article=article,
                name=demo.name,
                title=demo.title,
                defaults={
                    "content": demo.content,
                    "phone": normalise_phone(demo.phone) if demo.phone else "",
                    "status": demo.status,
                    "needs_review_reason": demo.reason,
                    "created_at": posted,
                    "moderated_at": (
                        min(posted + dt.timedelta(hours=1), now) if approved else None
                    ),
                    "ip_address": f"203.0.113.{10 + number * 10 + position}",
                    "user_agent": "Mozilla/5.0 (Linux; Android 14) Mobile Safari",
                },
            )
            created += was_created
    return created


@transaction.atomic
def load_demo_portal(report: LoadReport) -> None:
    """The portal's identity, unless an administrator filled any of it in, and its pages
    that are missing (by slug)."""
    row = SiteSettings.objects.filter(pk=SINGLETON_PK).first() or SiteSettings()
    if not any(getattr(row, field) for field in IDENTITY):
        for field, value in IDENTITY.items():
            setattr(row, field, value)
        row.save()
    for slug, title, content in PAGES:
        _page, created = Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "content": content.strip()}
        )
        report.pages_created += created
