import datetime as dt

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from hnp.sql import WrittenSQL, aware
from hnp.urls import slug_url

from . import body_images, embeds, renditions, search
from .library import LibraryImage
from .listing import FIELDS, Headline, ListedArticle, listed_rows
from .sanitizer import plain_text, sanitize_html
from .text import vietnamese_slugify

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    """Editors may publish and schedule; journalists send articles to review."""
    return user.has_perm(PUBLISH_PERMISSION)


def display_name(user) -> str:
    """A newsroom member's name as Vietnamese write it, family name first ("Trần Thu Hà")."""
    if user is None:
        return _("Someone")
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or user.get_username()


def published_total_field() -> models.PositiveIntegerField:
    """How many published articles a category or a tag has, scheduled ones included: a column
    recounted when they change (articles/freshness.py), since counting them per page walked
    tens of thousands of index entries."""
    return models.PositiveIntegerField(
        _("published articles"),
        default=0,
        db_default=0,
        editable=False,
        help_text=_("Published and scheduled articles; kept up to date when articles are saved."),
    )


def _count_per_row(rows: models.QuerySet, key: str) -> Coalesce:
    """For each row being updated: how many of ``rows`` point at it through ``key``."""
    counted = (
        rows.filter(**{key: OuterRef("pk")})
        .order_by()
        .values(key)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), 0)


class CategoryQuerySet(models.QuerySet):
    def navigation(self) -> list[tuple[int, str, str]]:
        """``(pk, name, slug)`` of every category, in the navigation's order.

        Every page shows the navigation, so its query is written as SQL: building it with the
        ORM took three times as long as the database took to answer it (docs/performance.md).
        """
        sql = ReaderSQL()
        pk, name, slug, position = (
            sql.column(Category, field) for field in ("id", "name", "slug", "position")
        )
        return sql.rows(
            f"SELECT {pk}, {name}, {slug} FROM {sql.table(Category)}"  # noqa: S608
            f" ORDER BY {position}, {name}",
            [],
        )

    def for_page(self, slug: str) -> "Category | None":
        """The category at ``slug`` with ``scheduled_count``, its scheduled articles (for
        ``visible_article_count()``), in one query; ``None`` if there is none. Written as SQL
        like the lists of its page (docs/performance.md)."""
        sql = ReaderSQL()
        of, status, at = (
            sql.column(Article, name) for name in ("category", "status", "published_at")
        )
        found = list(
            Category.objects.raw(
                f"SELECT k.*, (SELECT COUNT(*) FROM {sql.table(Article)} a"  # noqa: S608
                f" WHERE a.{of} = k.{sql.column(Category, 'pk')} AND a.{status} = %s"
                f" AND a.{at} > %s) AS scheduled_count FROM {sql.table(Category)} k"
                f" WHERE k.{sql.column(Category, 'slug')} = %s",
                [Article.Status.PUBLISHED.value, sql.when(timezone.now()), slug],
            )
        )
        return found[0] if found else None

    def recount(self) -> int:
        """Fill ``published_total`` of these categories from their articles."""
        published = Article.objects.filter(status=Article.Status.PUBLISHED)
        return self.update(published_total=_count_per_row(published, "category"))


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first in the navigation.")
    )
    published_total = published_total_field()

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return slug_url("articles:category", self.slug)

    def visible_article_count(self) -> int:
        """How many of the category's articles readers can see now: one cheap query for the
        scheduled ones (none if read by ``for_page()``), where counting the published
        ones would walk them all."""
        scheduled = getattr(self, "scheduled_count", None)
        if scheduled is None:
            scheduled = self.articles.scheduled().count()
        return self.published_total - scheduled


class Author(models.Model):
    """Who an article is by, with a page of their own (/tac-gia/<slug>/) that lists their
    published articles. ``Article.byline`` stays the name printed under the article (it may
    name several people); ``Article.author`` links it to this page."""

    name = models.CharField(_("name"), max_length=150, help_text=_("Family name first."))
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        blank=True,
        help_text=_("Made from the name when left empty: no diacritics, đ becomes d."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        verbose_name=_("account"),
        help_text=_("The newsroom account that writes as this author, if any."),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, vietnamese_slugify(self.name), exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        # The reader page is served by the articles URLconf under this name.
        return slug_url("articles:author", self.slug)


def unique_slug(model, base: str, *, exclude_pk=None, fallback: str = "tac-gia") -> str:
    """``base`` (cut to fit ``model.slug``), with -2, -3… added if another row has it."""
    max_length = model._meta.get_field("slug").max_length
    base = base[: max_length - 8].strip("-") or fallback
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class TagQuerySet(models.QuerySet):
    def recount(self) -> int:
        """Fill ``published_total`` of these tags from their articles."""
        published = TaggedArticle.objects.filter(content_object__status=Article.Status.PUBLISHED)
        return self.update(published_total=_count_per_row(published, "tag"))


class Tag(TagBase):
    """A keyword ("Từ khóa") articles share: each has its page (/tu-khoa/<slug>/) and feed, and
    articles that share one are each other's "Tin liên quan"."""

    published_total = published_total_field()

    objects = TagQuerySet.as_manager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def slugify(self, tag, i=None):
        slug = vietnamese_slugify(tag)[:90] or "tu-khoa"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self) -> str:
        return slug_url("articles:tag", self.slug)

    def visible_article_count(self) -> int:
        """How many of the tag's articles readers can see now, for the tag page's numbers: its
        count of published ones (kept up to date on save, articles/freshness.py) less those
        still scheduled, a few found on the lists' index. Counting the visible ones read the
        tag's every index entry and its hidden articles' (6 ms for a tag on a quarter of
        100,000 articles)."""
        scheduled = Article.objects.scheduled().filter(tagged_items__tag=self).count()
        return self.published_total - scheduled


class TaggedArticle(TaggedItemBase):
    """An article's tag: a plain foreign key (not taggit's generic one), so that the tag page
    and the related articles join on indexed integer columns."""

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items", verbose_name=_("article")
    )
    tag = models.ForeignKey(
        Tag, on_delete=models.CASCADE, related_name="tagged_articles", verbose_name=_("tag")
    )

    class Meta:
        verbose_name = _("article's tag")
        verbose_name_plural = _("articles' tags")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique"),
        ]
        indexes = [
            # The tag page and the related articles read a tag's articles.
            models.Index(fields=["tag", "content_object"], name="tagged_article_tag_idx"),
        ]


class ReaderSQL(WrittenSQL):
    """Pieces of the reader pages' written-out SQL (docs/performance.md says which queries and
    why), for the database that reads articles (the replica when there is one): quoted names,
    ``published()`` as a condition on the articles ``a``, and the lists' columns. Only names
    and placeholders go into the SQL; values are params."""

    # Where the publish time is in a row of listing.FIELDS.
    _listed_time = FIELDS.index("published_at")

    def __init__(self):
        super().__init__(Article)

    def published(self) -> tuple[str, list]:
        """``ArticleQuerySet.published()`` as SQL on ``a``."""
        status, at = self.column(Article, "status"), self.column(Article, "published_at")
        return f"a.{status} = %s AND a.{at} <= %s", [
            Article.Status.PUBLISHED.value,
            self.when(timezone.now()),
        ]

    def listed(self, where: str = "", params=(), *, order: str, limit: int | None = None):
        """The articles ``a`` that are published (and meet ``where``), as the lists show them
        (``listing.FIELDS``, with their category ``c``), in ``order``."""
        sql, params = self._listed_select("", where, params)
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        return listed_rows(aware(row, self._listed_time) for row in self.rows(sql, params))

    def listed_lists(self, parts) -> list[list[ListedArticle]]:
        """Several lists as ``listed()`` reads them, in one query (a ``UNION ALL``): each part
        is ``(joined, where, params, order, limit)``, ``joined`` being SQL to join more tables
        to ``a`` (or "")."""
        selects, params = [], []
        for number, (joined, where, values, order, limit) in enumerate(parts):
            select, select_params = self._listed_select(joined, where, values, list_number=number)
            selects.append(f"SELECT * FROM ({select} ORDER BY {order} LIMIT %s) AS list_{number}")  # noqa: S608
            params += [*select_params, limit]
        lists: list[list[tuple]] = [[] for _ in parts]
        for number, *row in self.rows(" UNION ALL ".join(selects), params):
            lists[number].append(aware(tuple(row), self._listed_time))
        return [listed_rows(rows) for rows in lists]

    def listed_per_category(self, limit: int, *, order: str) -> list[ListedArticle]:
        """The ``limit`` newest published articles of each category, as ``listed()`` reads
        them, in ``order``: one short backward scan of the category's index per category
        (``LATERAL``, PostgreSQL only)."""
        at, pk = self.column(Article, "published_at"), self.column(Article, "pk")
        published, params = self.published()
        newest = (
            f"SELECT {self._article_columns()} FROM {self.table(Article)} a"  # noqa: S608
            f" WHERE a.{self.column(Article, 'category')} = c.{self.column(Category, 'id')}"
            f" AND {published} ORDER BY a.{at} DESC, a.{pk} DESC LIMIT %s"
        )
        sql = (
            f"SELECT {self._article_columns()}, {self._category_columns()}"  # noqa: S608
            f" FROM {self.table(Category)} c CROSS JOIN LATERAL ({newest}) a ORDER BY {order}"
        )
        rows = self.rows(sql, [*params, limit])
        return listed_rows(aware(row, self._listed_time) for row in rows)

    def _listed_select(self, joined: str, where: str, params, *, list_number=None):
        number = "" if list_number is None else f"{int(list_number)} AS list, "
        published, published_params = self.published()
        c_id = self.column(Category, "id")
        sql = (
            f"SELECT {number}{self._article_columns()}, {self._category_columns()}"  # noqa: S608
            f" FROM {self.table(Article)} a"
            f" JOIN {self.table(Category)} c ON c.{c_id} = a.{self.column(Article, 'category')}"
            f"{joined} WHERE {published}{f' AND ({where})' if where else ''}"
        )
        return sql, [*published_params, *params]

    # listing.FIELDS: the article's own columns, then its category's name and slug.
    def _article_columns(self) -> str:
        own = ["id" if name == "pk" else name for name in FIELDS[:-2]]
        return ", ".join(f"a.{self.column(Article, name)}" for name in own)

    def _category_columns(self) -> str:
        c_name, c_slug = self.column(Category, "name"), self.column(Category, "slug")
        return f"c.{c_name} AS category_name, c.{c_slug} AS category_slug"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, with a publish time that has arrived (the same
        rule as SQL: ``ReaderSQL.published``, held to this one by the tests)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published by an editor, waiting for a publish time still in the future."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def tagged(self, tag: "Tag"):
        """The articles carrying ``tag`` (the tag's feed; its page: ``ArticleList.tagged``)."""
        return self.filter(
            Exists(TaggedArticle.objects.filter(tag=tag, content_object=OuterRef("pk")))
        )

    def waiting_for_review(self):
        """Sent to the editors and not yet decided, the longest waiting first."""
        return self.filter(status=Article.Status.REVIEW).order_by("review_requested_at", "pk")

    def needing_an_editor(self):
        """In review, or published with a journalist's change waiting: what the editors'
        badge counts."""
        return self.filter(
            Q(status=Article.Status.REVIEW)
            | Q(pending_change__isnull=False, pending_change__returned_at__isnull=True)
        )

    def in_calendar(self, start: dt.datetime, end: dt.datetime):
        """Published and scheduled articles whose publish time is in [start, end), in time
        order, with what the editorial calendar shows."""
        return (
            self.filter(
                status=Article.Status.PUBLISHED, published_at__gte=start, published_at__lt=end
            )
            .select_related("category", "author")
            .defer("body", "search_text")
            .order_by("published_at", "pk")
        )

    def newest_per_category(self, per_category: int) -> list["ListedArticle"]:
        """Up to ``per_category`` newest published articles of each category, as the lists
        show them, ordered by category, then newest first.

        Cheap however many articles there are (ranking every article with a window function
        took 350 ms at 100,000 articles: docs/performance.md), and written as SQL (built by
        the ORM, the queries cost three times as much as the database took to answer them).
        On PostgreSQL one query reads each category's newest with a short index scan
        (``LATERAL``). SQLite has no ``LATERAL``: two queries there, the publish time of each
        category's ``per_category``-th newest article (an index lookup per category), then
        each category's articles from that time on (an OR of index ranges, one per category).
        """
        sql = ReaderSQL()
        pk, at, of = (sql.column(Article, name) for name in ("id", "published_at", "category"))
        c_id, c_name, c_position = (
            sql.column(Category, name) for name in ("id", "name", "position")
        )
        order = f"c.{c_position}, c.{c_name}, a.{at} DESC, a.{pk} DESC"
        if sql.database.vendor == "postgresql":
            return sql.listed_per_category(per_category, order=order)
        published, published_params = sql.published()
        cutoffs_sql = (
            f"SELECT k.{c_id}, (SELECT a.{at} FROM {sql.table(Article)} a"  # noqa: S608
            f" WHERE a.{of} = k.{c_id} AND {published}"
            f" ORDER BY a.{at} DESC, a.{pk} DESC LIMIT 1 OFFSET %s) FROM {sql.table(Category)} k"
        )
        cutoffs = sql.rows(cutoffs_sql, [*published_params, per_category - 1])
        if not cutoffs:
            return []
        ranges, params = [], []
        for category_id, cutoff in cutoffs:
            if cutoff is None:  # fewer articles than per_category: all of them
                ranges.append(f"a.{of} = %s")
                params.append(category_id)
            else:
                ranges.append(f"(a.{of} = %s AND a.{at} >= %s)")
                params += [category_id, cutoff]
        rows = sql.listed(" OR ".join(ranges), params, order=order)
        taken: dict[str, int] = {}
        newest = []
        for article in rows:
            # More than per_category only when several share the cut-off publish time.
            slug = article.category.slug
            if taken.get(slug, 0) < per_category:
                taken[slug] = taken.get(slug, 0) + 1
                newest.append(article)
        return newest

    def front_page(
        self, *, latest: int, most_read: int
    ) -> tuple[list["ListedArticle"], "ListedArticle | None", list["ListedArticle"]]:
        """The home page's lists, read in one query: the ``latest`` newest published articles,
        the newest featured one (``None`` if none is), and the first ``most_read`` of the
        most-read ranking (``MostReadEntry``, docs/most_read.md) that readers may see, most
        read first. Written as SQL: the home page reads them on every request."""
        sql = ReaderSQL()
        pk, at, is_featured = (
            sql.column(Article, name) for name in ("id", "published_at", "is_featured")
        )
        position, ranked = (sql.column(MostReadEntry, name) for name in ("position", "article"))
        newest_first = f"a.{at} DESC, a.{pk} DESC"
        ranking = f" JOIN {sql.table(MostReadEntry)} m ON m.{ranked} = a.{pk}"
        newest, featured, most_read_list = sql.listed_lists(
            [
                ("", "", [], newest_first, latest),
                ("", f"a.{is_featured} = %s", [True], newest_first, 1),
                (ranking, "", [], f"m.{position}", most_read),
            ]
        )
        return newest, next(iter(featured), None), most_read_list

    def for_page(self, slug: str, *, unpublished: bool = False) -> "Article | None":
        """The article at ``slug`` with its category and author, for its page: only if it is
        published, unless ``unpublished`` (staff previews). Written as SQL: through the ORM
        this one query cost four times the CPU (docs/performance.md). ``search_text`` (as long
        again as the body) is for search only, and not read."""
        sql = ReaderSQL()
        joined = {"category": (Category, "c"), "author": (Author, "w")}
        columns = [
            f"a.{sql.quote(field.column)}"
            for field in Article._meta.concrete_fields
            if field.name != "search_text"
        ]
        for relation, (model, alias) in joined.items():
            columns += [
                f"{alias}.{sql.quote(field.column)} AS {sql.quote(f'{relation}__{field.attname}')}"
                for field in model._meta.concrete_fields
            ]
        # How many correction notes it has: almost always none, and then not asked for.
        columns.append(
            f"(SELECT COUNT(*) FROM {sql.table(Correction)} n"  # noqa: S608
            f" WHERE n.{sql.column(Correction, 'article')} = a.{sql.column(Article, 'pk')})"
            " AS correction_count"
        )
        condition, params = ("", []) if unpublished else sql.published()
        where = f"a.{sql.column(Article, 'slug')} = %s{f' AND {condition}' if condition else ''}"
        query = Article.objects.raw(
            f"SELECT {', '.join(columns)} FROM {sql.table(Article)} a"  # noqa: S608
            f" JOIN {sql.table(Category)} c ON c.{sql.column(Category, 'pk')}"
            f" = a.{sql.column(Article, 'category')}"
            f" LEFT JOIN {sql.table(Author)} w ON w.{sql.column(Author, 'pk')}"
            f" = a.{sql.column(Article, 'author')}"
            f" WHERE {where}",
            [slug, *params],
        )
        found = list(query)
        if not found:
            return None
        article = found[0]
        # raw() gives the joined columns as attributes: made into the related objects.
        for relation, (model, _alias) in joined.items():
            names = [field.attname for field in model._meta.concrete_fields]
            values = [vars(article).pop(f"{relation}__{name}") for name in names]
            if values[0] is not None:
                setattr(article, relation, model.from_db(query.db, names, values))
        return article

    def search_ranking(self, query: str) -> list[int]:
        """The ids of the published articles holding every word of ``query`` (any case, with
        or without diacritics), most relevant first; articles/search.py has the rules and
        docs/search.md the design. Written as SQL, like the lists of the reader pages."""
        words = search.search_words(query)
        if not words:
            return []
        sql = ReaderSQL()
        pk, at = sql.column(Article, "pk"), sql.column(Article, "published_at")
        published, params = sql.published()
        newest_first = f"a.{at} DESC, a.{pk} DESC"
        table = sql.table(Article)
        if sql.database.vendor == "postgresql":
            vector = f"a.{sql.quote(search.VECTOR_COLUMN)}"
            tsquery = f"plainto_tsquery('{search.SEARCH_CONFIG}', %s)"
            text = " ".join(words)
            # The newest matches, each ranked as it is read (its vector is read once), then
            # ordered by rank: a join back to the articles to rank them cost twice the time,
            # and ten times the planning.
            statement = (
                f"SELECT t.id FROM (SELECT a.{pk} AS id, a.{at} AS published_at,"  # noqa: S608
                f" ts_rank({vector}, {tsquery}) AS rank FROM {table} a"
                f" WHERE {published} AND {vector} @@ {tsquery} ORDER BY {newest_first} LIMIT %s) t"
                " ORDER BY t.rank DESC, t.published_at DESC, t.id DESC"
            )
            params = [text, *params, text, search.MAX_RESULTS]
        else:
            search_text = sql.column(Article, "search_text")
            holds = " AND ".join(f"instr(a.{search_text}, %s) > 0" for _ in words)
            statement = (
                f"SELECT a.{pk} FROM {table} a WHERE {published} AND {holds}"  # noqa: S608
                f" ORDER BY {newest_first} LIMIT %s"
            )
            params = [*params, *(f" {word} " for word in words), search.MAX_RESULTS]
        return [article_id for (article_id,) in sql.rows(statement, params)]

    def listed_in_order(self, ids: list[int]) -> list["ListedArticle"]:
        """The published articles of ``ids``, as the lists show them, in the order of ``ids``."""
        if not ids:
            return []
        sql = ReaderSQL()
        placeholders = ", ".join(["%s"] * len(ids))
        pk = sql.column(Article, "pk")
        rows = sql.listed(f"a.{pk} IN ({placeholders})", ids, order=f"a.{pk}")
        by_id = {article.pk: article for article in rows}
        return [by_id[pk] for pk in ids if pk in by_id]

    def around(
        self, article: "Article", *, newer: int, older: int, latest: int, most_read: int
    ) -> tuple[list[Headline], list[Headline], list[Headline], list[Headline]]:
        """The article page's four short lists, read in one query: up to ``newer`` published
        articles just newer than ``article`` and ``older`` just older (each the closest first),
        the ``latest`` published ones other than it, and the first ``most_read`` of the
        most-read ranking (``MostReadEntry``) that readers may see.

        Written as SQL: the ORM cannot limit the parts of a UNION on SQLite, and building four
        queries took longer than the database took to answer them (docs/performance.md).
        """
        sql = ReaderSQL()
        pk, title, slug, at = (
            sql.column(Article, name) for name in ("id", "title", "slug", "published_at")
        )
        position, ranked = (sql.column(MostReadEntry, name) for name in ("position", "article"))
        published, published_params = sql.published()
        # (joined table, condition, order, values, limit) of each list, in the order returned.
        newest_first = f"a.{at} DESC, a.{pk} DESC"
        ranking = f" JOIN {sql.table(MostReadEntry)} m ON m.{ranked} = a.{pk}"
        parts: list[tuple[str, str, str, list, int]] = [
            ("", f"a.{pk} <> %s", newest_first, [article.pk], latest),
            (ranking, "", f"m.{position}", [], most_read),
        ]
        if article.published_at is not None:
            this = sql.when(article.published_at)
            closer = "(a.{at} {op} %s OR (a.{at} = %s AND a.{pk} {op} %s))"
            values = [this, this, article.pk]
            parts += [
                ("", closer.format(at=at, pk=pk, op=">"), f"a.{at}, a.{pk}", values, newer),
                ("", closer.format(at=at, pk=pk, op="<"), newest_first, values, older),
            ]
        selects, params = [], []
        for number, (joined, condition, order, values, limit) in enumerate(parts):
            selects.append(
                f"SELECT * FROM (SELECT {number} AS list, a.{title}, a.{slug}, a.{at}"  # noqa: S608
                f" FROM {sql.table(Article)} a{joined} WHERE {published}"
                f"{f' AND {condition}' if condition else ''} ORDER BY {order} LIMIT %s)"
                f" AS list_{number}"
            )
            params += [*published_params, *values, limit]
        lists: tuple[list[Headline], ...] = ([], [], [], [])
        for number, *headline in (
            aware(row, 3) for row in sql.rows(" UNION ALL ".join(selects), params)
        ):
            lists[number].append(Headline(*headline))
        latest_list, most_read_list, newer_list, older_list = lists
        return newer_list, older_list, latest_list, most_read_list


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left empty: no diacritics, đ becomes d."),
    )
    lead = models.TextField(
        _("lead"), help_text=_("The sapo: one or two sentences under the title.")
    )
    body = models.TextField(_("body"))
    cover_image = models.ImageField(_("cover image"), upload_to="covers/%Y/%m/", blank=True)
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    # The library's pictures the article shows (body and cover), filled on save: a picture in
    # use cannot be deleted (articles/library.py).
    images = models.ManyToManyField(
        LibraryImage,
        through="ArticleImage",
        related_name="articles",
        blank=True,
        editable=False,
        verbose_name=_("pictures"),
    )
    tags = TaggableManager(
        _("tags"),
        through=TaggedArticle,
        blank=True,
        help_text=_("Keywords, separated by commas: “Quy hoạch, Nam Từ Liêm”."),
    )
    # Smaller copies of the cover, files made when it is saved (no columns): articles/renditions.py.
    cover_thumbnail = ImageSpecField(source="cover_image", id="articles:thumbnail")
    cover_thumbnail_2x = ImageSpecField(source="cover_image", id="articles:thumbnail_2x")
    cover_480 = ImageSpecField(source="cover_image", id="articles:cover_480")
    cover_800 = ImageSpecField(source="cover_image", id="articles:cover_800")
    cover_1200 = ImageSpecField(source="cover_image", id="articles:cover_1200")
    byline = models.CharField(
        _("byline"),
        max_length=150,
        help_text=_("The author's name printed at the end, family name first."),
    )
    author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("author page"),
        help_text=_("The author whose page lists this article and whom the byline links to."),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="articles",
        verbose_name=_("created by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article. Empty means now, on publishing."),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown as the lead story on the home page.")
    )
    allow_comments = models.BooleanField(_("allow comments"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_text = models.TextField(
        _("search text"),
        blank=True,
        editable=False,
        help_text=_("Title, lead and body text as search compares them; filled on save."),
    )
    # One more on every save: the admin form carries the version it was opened at, and a save
    # made from an older one is refused instead of silently undoing someone's change.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    review_requested_at = models.DateTimeField(
        _("sent for review"), null=True, blank=True, editable=False
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish and schedule articles"))]
        # Each in the lists' order, newest first with the id breaking ties, so that a list is
        # read off the index in order and a page's ids with an index-only scan however deep
        # (docs/performance.md has the plans).
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="article_published_idx"),
            models.Index(
                fields=["category", "status", "-published_at", "-id"],
                name="article_category_published_idx",
            ),
            models.Index(
                fields=["is_featured", "status", "-published_at", "-id"],
                name="article_featured_published_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        update_fields = kwargs.get("update_fields")
        pictures_change = update_fields is None or {"body", "cover_image"} & set(update_fields)
        if pictures_change:
            self.body, pictures = body_images.prepare_body(self.body)
            if embeds.has_embeds(self.body):
                self.body = embeds.fetch_thumbnails(self.body)
        if not self.slug:
            self.slug = self._unique_slug()
        self._fill_publish_time()
        self.search_text = self.build_search_text()
        if self.status != self.Status.REVIEW:
            self.review_requested_at = None
        elif self.review_requested_at is None:
            self.review_requested_at = timezone.now()
        if not self._state.adding:
            self.version += 1
        if update_fields is not None:
            derived = {"version", "review_requested_at"}
            if {"title", "lead", "body"} & set(update_fields):
                derived.add("search_text")
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)
        if pictures_change:
            self._link_pictures(pictures)

    def get_absolute_url(self) -> str:
        return slug_url("articles:detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        article = super().from_db(db, field_names, values, **kwargs)
        # The category and status the article was stored with: if a save moves it, both
        # categories are recounted, and if it changes its status, its tags
        # (articles/freshness.py).
        article.stored_category_id = article.__dict__.get("category_id")
        article.stored_status = article.__dict__.get("status")
        return article

    def clean(self):
        # Model forms check the "published has a time" constraint before save() runs, so
        # publishing without a time must get its time here too.
        self._fill_publish_time()

    def build_search_text(self) -> str:
        """``search_text`` for the current title, lead and body (code that bulk-creates
        articles, bypassing save(), must fill it with this)."""
        return search.search_document(self.title, self.lead, plain_text(self.body))

    @property
    def list_picture(self) -> renditions.Picture | None:
        """The cover's thumbnail as the lists show it (None without a cover)."""
        return renditions.list_picture(self.cover_image) if self.cover_image else None

    @property
    def cover_picture(self) -> renditions.Picture | None:
        """The cover at the widths the article page offers (None without a cover)."""
        return renditions.cover_picture(self.cover_image) if self.cover_image else None

    @property
    def lead_picture(self) -> renditions.Picture | None:
        """The cover as the home page's lead story shows it (None without a cover)."""
        return (
            renditions.cover_picture(self.cover_image, sizes=renditions.LEAD_SIZES)
            if self.cover_image
            else None
        )

    @property
    def is_visible_to_readers(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def tags_for_page(self) -> list["Tag"]:
        """The article's tags by name, as its page lists them. Written as SQL, like every query
        of the article page (docs/performance.md)."""
        sql = WrittenSQL(Tag)
        tagged, tag = sql.column(TaggedArticle, "content_object"), sql.column(TaggedArticle, "tag")
        return list(
            Tag.objects.raw(
                f"SELECT t.* FROM {sql.table(Tag)} t JOIN {sql.table(TaggedArticle)} x"  # noqa: S608
                f" ON x.{tag} = t.{sql.column(Tag, 'pk')} WHERE x.{tagged} = %s"
                f" ORDER BY t.{sql.column(Tag, 'name')}",
                [self.pk],
            )
        )

    def corrections_for_page(self) -> list["Correction"]:
        """The article's correction notes, oldest first (written as SQL, as above); no query
        when ``ArticleQuerySet.for_page`` counted none."""
        if getattr(self, "correction_count", None) == 0:
            return []
        sql = WrittenSQL(Correction)
        order = ", ".join(sql.column(Correction, name) for name in ("corrected_at", "pk"))
        return list(
            Correction.objects.raw(
                f"SELECT * FROM {sql.table(Correction)}"  # noqa: S608
                f" WHERE {sql.column(Correction, 'article')} = %s ORDER BY {order}",
                [self.pk],
            )
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def is_editable_by(self, user) -> bool:
        """Journalists may not touch someone else's published (or scheduled) article."""
        return (
            can_publish(user)
            or self.status != self.Status.PUBLISHED
            or (self.created_by_id is not None and self.created_by_id == user.pk)
        )

    def is_deletable_by(self, user) -> bool:
        """Journalists may delete only their own articles that readers have not been given."""
        return can_publish(user) or (
            self.status != self.Status.PUBLISHED
            and self.created_by_id is not None
            and self.created_by_id == user.pk
        )

    def _link_pictures(self, pictures: list[LibraryImage]) -> None:
        if self.cover_image:
            cover = body_images.cover_record(self.cover_image)
            if cover is not None:
                pictures = [*pictures, cover]
        self.images.set(pictures)

    def _fill_publish_time(self) -> None:
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def is_revision_reader(self, user) -> bool:
        """Editors and the article's own writer may read (and restore) its revisions."""
        return can_publish(user) or (
            self.created_by_id is not None and self.created_by_id == user.pk
        )

    def _unique_slug(self) -> str:
        return unique_slug(
            Article, vietnamese_slugify(self.title), exclude_pk=self.pk, fallback="bai-viet"
        )


# Every save made through the newsroom's tools keeps a revision (articles/revisions.py): what
# an editor compares and restores. Derived columns are left out, rebuilt by save().
REVISION_FIELDS = (
    "title",
    "slug",
    "lead",
    "body",
    "cover_image",
    "cover_caption",
    "byline",
    "author",
    "category",
    "status",
    "published_at",
    "is_featured",
    "allow_comments",
    "version",
)
reversion.register(Article, fields=REVISION_FIELDS)


class ArticleImage(models.Model):
    """A library picture shown by an article: it cannot be deleted while it is."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    image = models.ForeignKey(
        LibraryImage, on_delete=models.PROTECT, related_name="uses", verbose_name=_("picture")
    )

    class Meta:
        verbose_name = _("picture in an article")
        verbose_name_plural = _("pictures in articles")
        constraints = [
            models.UniqueConstraint(fields=["article", "image"], name="article_image_unique"),
        ]

    def __str__(self):
        # What the picture's deletion page names when it refuses: the article showing it.
        return str(self.article)


class ArticleDailyViews(models.Model):
    """How many times readers opened an article on one day (Asia/Ho_Chi_Minh).

    Written only by ``flush_view_counts`` (articles/most_read.py), which moves the counts the
    view-count beacon keeps in the cache; never in a reader's request.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="daily_views", verbose_name=_("article")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            # Leads with the day: the most-read list reads a range of days.
            models.UniqueConstraint(fields=["day", "article"], name="article_daily_views_unique"),
        ]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"


class MostReadEntry(models.Model):
    """One place in the "Đọc nhiều" (most read) ranking. ``rank_most_read`` works it out from
    the daily views every time the view counts are flushed (articles/most_read.py), so pages
    only read a handful of rows."""

    position = models.PositiveSmallIntegerField(_("position"), primary_key=True)
    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="most_read", verbose_name=_("article")
    )
    views = models.PositiveIntegerField(_("views"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("most read entry")
        verbose_name_plural = _("most read entries")

    def __str__(self):
        return f"{self.position}. {self.article_id} ({self.views})"


# --- The newsroom's workflow: corrections, pending changes, locks, autosaves, decisions -------
# None of these is read by a reader page except Correction (the "Đính chính" notes).


class Correction(models.Model):
    """A public correction note ("Đính chính") shown, with its time, at the end of the
    article and in its structured data (articles/seo.py). Added by editors."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("article")
    )
    text = models.TextField(
        _("correction"),
        help_text=_("What was wrong and what is right now, as readers will read it."),
    )
    corrected_at = models.DateTimeField(
        _("time of the correction"),
        default=timezone.now,
        blank=True,
        help_text=_("Empty: now."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        ordering = ["corrected_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if self.corrected_at is None:
            self.corrected_at = timezone.now()
        super().save(*args, **kwargs)


# What a journalist's change to a published article may change: its content, not when or
# whether it is published.
PENDING_CHANGE_FIELDS = (
    "title",
    "lead",
    "body",
    "cover_image",
    "cover_caption",
    "byline",
    "author",
    "category",
    "allow_comments",
)


class PendingChange(models.Model):
    """A journalist's edit of a published article, waiting for an editor (Wagtail's "draft
    of a live page"): readers keep seeing the article as it is until an editor publishes the
    change (articles/review.py)."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="pending_change",
        verbose_name=_("article"),
    )
    title = models.CharField(_("title"), max_length=250)
    lead = models.TextField(_("lead"))
    body = models.TextField(_("body"))
    cover_image = models.ImageField(_("cover image"), upload_to="covers/%Y/%m/", blank=True)
    cover_caption = models.CharField(_("cover caption"), max_length=300, blank=True)
    byline = models.CharField(_("byline"), max_length=150)
    author = models.ForeignKey(
        Author,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author page"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    allow_comments = models.BooleanField(_("allow comments"), default=True)
    # The names of the article's tags after the change; None: it leaves them as they are.
    tags = models.JSONField(_("tags"), null=True, blank=True)
    base_version = models.PositiveIntegerField(_("based on version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)
    # Set when an editor sends the change back: it stays the journalist's to rework, out of
    # the editors' queue until they save it again.
    returned_at = models.DateTimeField(_("sent back"), null=True, blank=True)

    class Meta:
        verbose_name = _("change waiting for an editor")
        verbose_name_plural = _("changes waiting for an editor")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)


class EditLock(models.Model):
    """Who has an article open in the admin, and since when. The page renews it every
    30 seconds (static/admin_hnp/newsroom_editing.js); a lock not renewed for ``EXPIRES_AFTER``
    was abandoned (a closed laptop) and anyone may then take the article."""

    EXPIRES_AFTER = dt.timedelta(seconds=150)

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="edit_lock", verbose_name=_("article")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("editing"),
    )
    since = models.DateTimeField(_("since"))
    renewed_at = models.DateTimeField(_("last seen"))
    taken_from = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taken over from"),
    )

    class Meta:
        verbose_name = _("edit lock")
        verbose_name_plural = _("edit locks")

    def __str__(self):
        return f"{self.article_id}: {self.user_id}"

    @property
    def is_expired(self) -> bool:
        return self.renewed_at < timezone.now() - self.EXPIRES_AFTER


class Autosave(models.Model):
    """What someone had typed in an article's form, kept every 30 seconds and when they leave
    the page, without touching the article: offered back when they open it again. One per
    person and article (``article`` empty: an article not saved yet)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="article_autosaves",
        verbose_name=_("user"),
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        verbose_name=_("article"),
    )
    data = models.JSONField(_("form"))
    base_version = models.PositiveIntegerField(_("based on version"), null=True, blank=True)
    saved_at = models.DateTimeField(_("saved"))

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="autosave_per_article"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="autosave_per_new_article"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.article_id} {self.saved_at:%Y-%m-%d %H:%M}"


class ReviewDecision(models.Model):
    """An editor's answer to a journalist: their article (or change) published or sent back,
    with a note. The journalist sees it in the admin (articles/review.py)."""

    class Outcome(models.TextChoices):
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Sent back")
        CHANGE_PUBLISHED = "change_published", _("Change published")
        CHANGE_RETURNED = "change_returned", _("Change sent back")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="review_decisions",
        verbose_name=_("article"),
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("editor"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_decisions",
        verbose_name=_("journalist"),
    )
    decided_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("editor's decision")
        verbose_name_plural = _("editors' decisions")
        indexes = [
            # The journalist's unread count on every admin page.
            models.Index(fields=["recipient", "read_at"], name="review_decision_unread_idx"),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.article_id}"
