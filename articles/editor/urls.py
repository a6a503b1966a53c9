"""The editor's own views (articles/editor/views.py), not django-ckeditor's: staff only,
protected by Django's CSRF check, and the uploads are checked and re-encoded
(articles/images.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("upload/", views.upload, name="ckeditor_upload"),
    path("browse/", views.browse, name="ckeditor_browse"),
]
