from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import DetailView, ListView, TemplateView

from hnp.pagecache import content_version, kept_for_readers

from .models import Article, Category
from .paging import ArticlePaginator

LATEST_COUNT = 10
PER_CATEGORY_COUNT = 4
NEWER_COUNT = 5
OLDER_COUNT = 10


class _HomeLists:
    """What the home page lists, read only when the template asks (not at all when the lists
    come from the fragment cache): the lead story, the latest articles (two queries) and a
    block per category (two queries)."""

    @cached_property
    def _published(self):
        return Article.objects.published().for_listing()

    @cached_property
    def _latest_and_lead(self) -> tuple[list[Article], Article | None]:
        # One article more than shown, so that the list is still full once the lead is taken out.
        latest = list(self._published[: LATEST_COUNT + 1])
        lead = self._published.filter(is_featured=True).first() or (latest[0] if latest else None)
        return [article for article in latest if article != lead][:LATEST_COUNT], lead

    def lead(self) -> Article | None:
        return self._latest_and_lead[1]

    def latest(self) -> list[Article]:
        return self._latest_and_lead[0]

    def category_blocks(self) -> list[tuple[Category, list[Article]]]:
        blocks: dict[Category, list[Article]] = {}
        for article in self._published.newest_per_category(PER_CATEGORY_COUNT):
            blocks.setdefault(article.category, []).append(article)
        return list(blocks.items())


class HomeView(TemplateView):
    """The lead story, the latest articles and a block per category."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        lists = _HomeLists()
        return super().get_context_data(
            lead=SimpleLazyObject(lists.lead),
            latest=SimpleLazyObject(lists.latest),
            category_blocks=SimpleLazyObject(lists.category_blocks),
            **kwargs,
        )


class CategoryView(ListView):
    """A category's published articles, newest first, with numbered pages."""

    template_name = "articles/category.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        slug = self.kwargs["slug"]
        self.category = kept_for_readers(
            self.request, f"category:{slug}", lambda: get_object_or_404(Category, slug=slug)
        )
        return Article.objects.published().for_listing().filter(category=self.category)

    def get_paginator(self, queryset, per_page, **kwargs):
        count_key = None
        if settings.FRAGMENT_CACHE:
            count_key = f"category-count:{self.category.pk}:{content_version(self.request)}"
        return ArticlePaginator(
            queryset,
            per_page,
            count_key=count_key,
            timeout=settings.PAGE_CACHE_SECONDS,
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(category=self.category, **kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
        context["current_category"] = self.category
        context["category_page"] = True
        return context


class ArticleDetailView(DetailView):
    """An article for readers; staff may also preview drafts, articles in review and scheduled
    ones (the page then says it is not public)."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # search_text (as long again as the body) is for search only: not read here.
        articles = Article.objects.select_related("category").defer("search_text")
        if self.request.user.is_staff:
            return articles
        return articles.published()

    def get_object(self, queryset=None):
        if self.request.user.is_staff:
            return super().get_object(queryset)
        # Readers get the article kept with the page's fragments, so that a page built from
        # them (the page cache off, or missed) asks the database nothing.
        load = super().get_object
        name = f"article:{self.kwargs[self.slug_url_kwarg]}"
        return kept_for_readers(self.request, name, lambda: load(queryset))

    def get_context_data(self, **kwargs):
        article = self.object

        def neighbours():
            return Article.objects.published().for_listing()

        def newer() -> list[Article]:
            if article.published_at is None:
                return []
            # newer_than() gives the closest first: take the closest, then show the newest first.
            return list(neighbours().newer_than(article)[:NEWER_COUNT])[::-1]

        def older() -> list[Article]:
            if article.published_at is None:
                return []
            return list(neighbours().older_than(article)[:OLDER_COUNT])

        # Read only when the template asks (not when the lists come from the fragment cache).
        return super().get_context_data(
            is_preview=not article.is_visible_to_readers,
            is_scheduled=(
                article.status == Article.Status.PUBLISHED
                and article.published_at is not None
                and not article.is_visible_to_readers
            ),
            newer_articles=SimpleLazyObject(newer),
            older_articles=SimpleLazyObject(older),
            current_category=article.category,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            # A preview must never be kept by a shared cache and served to readers.
            add_never_cache_headers(response)
        return response
