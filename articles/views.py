from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from .listing import ListedArticle, ListedCategory
from .models import Article, Author, Category, Tag
from .most_read import MOST_READ_COUNT
from .paging import ArticleList, ArticlePaginator
from .permissions import may_preview
from .related import related_articles

LATEST_COUNT = 10
SUB_LEAD_COUNT = 3
PER_CATEGORY_COUNT = 4
NEWER_COUNT = 5
OLDER_COUNT = 10
SIDEBAR_LATEST_COUNT = 6


class HomeView(TemplateView):
    """The lead story with up to three sub-leads, the latest articles, the most read and a
    block per category."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        # One article more than shown, so that the lists are still full once the lead is out.
        latest, featured, most_read = Article.objects.front_page(
            latest=SUB_LEAD_COUNT + LATEST_COUNT + 1, most_read=MOST_READ_COUNT
        )
        lead = featured or (latest[0] if latest else None)
        others = [article for article in latest if article != lead]
        # Sub-leads only when there are enough articles for both them and a latest list.
        sub_leads = others[:SUB_LEAD_COUNT] if len(others) > SUB_LEAD_COUNT else []
        blocks: dict[ListedCategory, list[ListedArticle]] = {}
        for article in Article.objects.newest_per_category(PER_CATEGORY_COUNT):
            blocks.setdefault(article.category, []).append(article)
        return super().get_context_data(
            lead=lead,
            sub_leads=sub_leads,
            latest=others[len(sub_leads) :][:LATEST_COUNT],
            most_read=most_read,
            category_blocks=list(blocks.items()),
            **kwargs,
        )


class CategoryView(ListView):
    """A category's published articles, newest first, with numbered pages."""

    template_name = "articles/category.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.category = Category.objects.for_page(self.kwargs["slug"])
        if self.category is None:
            raise Http404
        return ArticleList.in_category(self.category)

    def get_paginator(self, articles, per_page, **kwargs):
        return ArticlePaginator(
            articles, per_page, count=self.category.visible_article_count(), **kwargs
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


class AuthorView(ListView):
    """An author's published articles, newest first, with numbered pages."""

    template_name = "articles/author.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return ArticleList.by_author(self.author)

    def get_paginator(self, articles, per_page, **kwargs):
        return ArticlePaginator(articles, per_page, count=articles.count(), **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(author=self.author, **kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
        return context


class TagView(ListView):
    """The published articles carrying a tag, newest first, with numbered pages."""

    template_name = "articles/tag.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return ArticleList.tagged(self.tag)

    def get_paginator(self, articles, per_page, **kwargs):
        return ArticlePaginator(
            articles, per_page, count=self.tag.visible_article_count(), **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(tag=self.tag, **kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
        return context


class ArticleDetailView(DetailView):
    """An article for readers; staff who may see articles in the admin (Journalists, Editors)
    may also preview drafts, articles in review and scheduled ones (the page then says it is
    not public). Other staff (Moderators) see what readers see."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        # Staff who may preview see every article; everyone else, published ones only.
        article = Article.objects.for_page(
            self.kwargs["slug"], unpublished=may_preview(self.request.user)
        )
        if article is None:
            raise Http404
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        is_preview = not article.is_visible_to_readers
        newer, older, latest, most_read = Article.objects.around(
            article,
            newer=NEWER_COUNT,
            older=OLDER_COUNT,
            latest=SIDEBAR_LATEST_COUNT,
            most_read=MOST_READ_COUNT,
        )
        tags = article.tags_for_page()
        return super().get_context_data(
            is_preview=is_preview,
            tags=tags,
            related_articles=related_articles(article, tag_ids=[tag.pk for tag in tags]),
            corrections=article.corrections_for_page(),
            # around() gives the closest first: the newer ones are shown newest first.
            newer_articles=newer[::-1],
            older_articles=older,
            latest=latest,
            most_read=most_read,
            current_category=article.category,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            # A preview must never be kept by a shared cache and served to readers.
            add_never_cache_headers(response)
        return response
