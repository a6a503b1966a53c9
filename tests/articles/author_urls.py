"""The author page's address as the reader side names it, until its view exists (test only)."""

from django.http import HttpResponse
from django.urls import include, path

author_patterns = (
    [path("tac-gia/<slug:slug>/", lambda request, slug: HttpResponse(), name="author")],
    "articles",
)

urlpatterns = [path("", include(author_patterns))]
