from django.urls import path

from comments.constants import PAGE_PARAM
from hnp.pagecache import reader_page

from . import views, views_most_read, views_search

app_name = "articles"

urlpatterns = [
    path("", reader_page(views.HomeView.as_view()), name="home"),
    path(
        "chuyen-muc/<slug:slug>/",
        reader_page(views.CategoryView.as_view(), query_params=("page",)),
        name="category",
    ),
    path(
        "bai-viet/<slug:slug>/",
        reader_page(views.ArticleDetailView.as_view(), query_params=(PAGE_PARAM,)),
        name="detail",
    ),
    path(
        "tim-kiem/",
        reader_page(views_search.SearchView.as_view(), query_params=("page", "q")),
        name="search",
    ),
    path("luot-xem/<int:pk>/", views_most_read.count_view, name="count_view"),
]
