from django.conf import settings
from django.db import connection, models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField

from hnp.urls import slug_url

from . import renditions
from .listing import ListedArticle, listed
from .sanitizer import plain_text, sanitize_html
from .search import search_document, search_queryset
from .text import vietnamese_slugify

PUBLISH_PERMISSION = "articles.publish_article"


def can_publish(user) -> bool:
    """Editors may publish and schedule; journalists send articles to review."""
    return user.has_perm(PUBLISH_PERMISSION)


class CategoryQuerySet(models.QuerySet):
    def recount(self) -> int:
        """Fill ``published_total`` of these categories from their articles."""
        published = (
            Article.objects.filter(category=OuterRef("pk"), status=Article.Status.PUBLISHED)
            .order_by()
            .values("category")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.update(published_total=Coalesce(Subquery(published), 0))


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Lower numbers come first in the navigation.")
    )
    published_total = models.PositiveIntegerField(
        _("published articles"),
        default=0,
        db_default=0,
        editable=False,
        help_text=_("Published and scheduled articles; kept up to date when articles are saved."),
    )

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
        scheduled ones, where counting the published ones would walk them all."""
        return self.published_total - self.articles.scheduled().count()


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, with a publish time that has arrived."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published by an editor, waiting for a publish time still in the future."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def newest_per_category(self, per_category: int) -> list["ListedArticle"]:
        """Up to ``per_category`` newest articles of each category, as the lists show them,
        ordered by category, then newest first.

        Two queries that stay cheap however many articles there are (ranking every article
        with a window function took 350 ms at 100,000 articles: docs/performance.md): the
        publish time of each category's ``per_category``-th newest article (an index lookup
        per category), then each category's articles from that time on. That condition is
        written as SQL: as twenty OR'ed lookups, Django took longer to build the query than
        the database to run it.
        """
        newest_first = ("-published_at", "-pk")
        nth = (
            self.filter(category=OuterRef("pk"))
            .order_by(*newest_first)
            .values("published_at")[per_category - 1 : per_category]
        )
        cutoffs = Category.objects.annotate(cutoff=Subquery(nth)).values_list("pk", "cutoff")
        table = connection.ops.quote_name(Article._meta.db_table)
        category, published_at = (
            f"{table}.{connection.ops.quote_name(column)}"
            for column in ("category_id", "published_at")
        )
        clauses, params = [], []
        for category_id, cutoff in cutoffs:
            if cutoff is None:  # fewer articles than per_category: all of them
                clauses.append(f"{category} = %s")
                params.append(category_id)
            else:
                clauses.append(f"({category} = %s AND {published_at} >= %s)")
                params += [category_id, connection.ops.adapt_datetimefield_value(cutoff)]
        if not clauses:
            return []
        # Only column names and placeholders are written into the SQL; the values are params.
        condition = RawSQL(  # noqa: S611
            f"({' OR '.join(clauses)})", params, output_field=models.BooleanField()
        )
        taken: dict[str, int] = {}
        newest = []
        for article in listed(
            self.filter(condition).order_by("category__position", "category__name", *newest_first)
        ):
            # More than per_category only when several share the cut-off publish time.
            slug = article.category.slug
            if taken.get(slug, 0) < per_category:
                taken[slug] = taken.get(slug, 0) + 1
                newest.append(article)
        return newest

    def search(self, query: str):
        """Articles whose title, lead or body text hold every word of ``query`` (any case,
        with or without diacritics), most relevant first; see articles/search.py."""
        return search_queryset(self, query)

    def newer_than(self, article: "Article"):
        """Articles published after ``article``, the closest first."""
        return self.filter(
            Q(published_at__gt=article.published_at)
            | Q(published_at=article.published_at, pk__gt=article.pk)
        ).order_by("published_at", "pk")

    def older_than(self, article: "Article"):
        """Articles published before ``article``, the closest first."""
        return self.filter(
            Q(published_at__lt=article.published_at)
            | Q(published_at=article.published_at, pk__lt=article.pk)
        ).order_by("-published_at", "-pk")


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
    # Smaller copies of the cover, files made when it is saved (no columns): articles/renditions.py.
    cover_thumbnail = ImageSpecField(source="cover_image", id="articles:thumbnail")
    cover_thumbnail_2x = ImageSpecField(source="cover_image", id="articles:thumbnail_2x")
    cover_480 = ImageSpecField(source="cover_image", id="articles:cover_480")
    cover_800 = ImageSpecField(source="cover_image", id="articles:cover_800")
    cover_1200 = ImageSpecField(source="cover_image", id="articles:cover_1200")
    byline = models.CharField(
        _("byline"), max_length=150, help_text=_("The author's name printed at the end.")
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
        if not self.slug:
            self.slug = self._unique_slug()
        self._fill_publish_time()
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "lead", "body"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("articles:detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        article = super().from_db(db, field_names, values, **kwargs)
        # The category the article was stored in: if a save moves it, both are recounted
        # (articles/freshness.py).
        article.stored_category_id = article.__dict__.get("category_id")
        return article

    def clean(self):
        # Model forms check the "published has a time" constraint before save() runs, so
        # publishing without a time must get its time here too.
        self._fill_publish_time()

    def build_search_text(self) -> str:
        """``search_text`` for the current title, lead and body (code that bulk-creates
        articles, bypassing save(), must fill it with this)."""
        return search_document(self.title, self.lead, plain_text(self.body))

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

    def _fill_publish_time(self) -> None:
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def _unique_slug(self) -> str:
        max_length = self._meta.get_field("slug").max_length
        base = vietnamese_slugify(self.title)[: max_length - 8].strip("-") or "bai-viet"
        taken = set(
            Article.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug


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
