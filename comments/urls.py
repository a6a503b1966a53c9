from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("viet/<slug:slug>/", views.write, name="write"),
    path("gui/<int:article_id>/", views.post, name="post"),
    path("trang-thai/<str:token>/", views.status, name="status"),
]
