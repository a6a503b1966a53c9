from http import HTTPStatus
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.views.generic import ListView

from hnp.network import get_client_ip
from hnp.ratelimit import limit_exceeded, parse_rate

from . import search
from .listing import listed
from .models import Article
from .search import MAX_QUERY_LENGTH, SearchResults

SUGGESTED_COUNT = 5
SEARCH_LIMIT_SCOPE = "search"


def search_limit_exceeded(request) -> bool:
    """Count one search by the request's client; True if it goes over SEARCH_RATE_LIMIT.
    Searches are rendered every time (hnp/pagecache.py keeps none), so each one costs the
    database: a client may not ask for thousands."""
    return limit_exceeded(
        scope=SEARCH_LIMIT_SCOPE,
        client_ip=get_client_ip(request),
        rate=parse_rate(settings.SEARCH_RATE_LIMIT, setting="SEARCH_RATE_LIMIT"),
        label="Search",
    )


class SearchView(ListView):
    """Search results for ``?q=``, most relevant first, in numbered pages.

    Queries: the navigation, and for a search the ranking of the matches (which also counts
    them for the pager) and one page of results; when nothing matches, the latest articles
    instead of the page.
    """

    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        if request.GET.get("q", "").strip() and search_limit_exceeded(request):
            return render(request, "429.html", status=HTTPStatus.TOO_MANY_REQUESTS)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Shown back to the reader and kept in the pager's links: the query as searched,
        # cut like search() cuts it, without the control characters a URL may carry.
        raw = self.request.GET.get("q", "")[:MAX_QUERY_LENGTH]
        self.query = " ".join("".join(c if c.isprintable() else " " for c in raw).split())
        return SearchResults(Article.objects, self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context.update(
            query=self.query,
            query_string=urlencode({"q": self.query}),
            page_range=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            max_results=search.MAX_RESULTS,
            # Suggested reading for a search that found nothing.
            latest=(
                listed(Article.objects.published()[:SUGGESTED_COUNT])
                if self.query and not page.paginator.count
                else []
            ),
        )
        return context
