from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from articles.richtext import editor_urls
from hnp.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("ckeditor/", include(editor_urls)),
    path("captcha/", include("captcha.urls")),
    path("binh-luan/", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "articles.views.page_not_found"
handler500 = "articles.views.server_error"
