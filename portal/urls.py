from django.urls import path

from hnp.pagecache import reader_page

from . import views

app_name = "portal"

urlpatterns = [
    path("trang/<slug:slug>/", reader_page(views.PageView.as_view()), name="page"),
]
