from django.urls import path

from hnp.pagecache import SITE, reader_page

from . import views, views_day, views_most_read, views_search
from .freshness import article_scope

app_name = "articles"

urlpatterns = [
    path("", reader_page(views.HomeView.as_view()), name="home"),
    path(
        "chuyen-muc/<slug:slug>/",
        reader_page(views.CategoryView.as_view(), query_params=("page",)),
        name="category",
    ),
    path(
        "tac-gia/<slug:slug>/",
        reader_page(views.AuthorView.as_view(), query_params=("page",)),
        name="author",
    ),
    path("ngay/", views_day.day_picker, name="day_picker"),
    path(
        "ngay/<str:day>/",
        reader_page(views_day.DayView.as_view(), query_params=("page",)),
        name="day",
    ),
    path(
        "chuyen-muc/<slug:slug>/ngay/<str:day>/",
        reader_page(views_day.DayView.as_view(), query_params=("page",)),
        name="category_day",
    ),
    path(
        "tu-khoa/<slug:slug>/",
        reader_page(views.TagView.as_view(), query_params=("page",)),
        name="tag",
    ),
    path(
        "bai-viet/<slug:slug>/",
        reader_page(
            views.ArticleDetailView.as_view(),
            scopes=lambda slug: (SITE, article_scope(slug)),
        ),
        name="detail",
    ),
    path(
        "tim-kiem/",
        # A search is rendered every time (no query can fill the cache); the empty search
        # page is kept like the others.
        reader_page(views_search.SearchView.as_view()),
        name="search",
    ),
    path("luot-xem/<int:pk>/", views_most_read.count_view, name="count_view"),
]
