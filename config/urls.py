from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from articles.feeds import CategoryFeed, LatestArticlesFeed, TagFeed
from articles.sitemaps import SITEMAPS, NewsSitemap
from comments import views as comment_views
from hnp import health, metrics, two_factor_views
from hnp.security_txt import security_txt
from hnp.staff_sessions_views import staff_sessions
from portal.sitemaps import PageSitemap

# The articles' and categories' sitemaps, and the portal's pages.
SITE_SITEMAPS = {**SITEMAPS, "pages": PageSitemap}

urlpatterns = [
    path("healthz/live", health.live, name="healthz-live"),
    path("healthz/ready", health.ready, name="healthz-ready"),
    # The address load balancers and health checks used before /healthz/ready: the same answer.
    path("healthz", health.ready, name="healthz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    # Issue 18: a staff member's own sessions, in the admin's frame (linked from its user tools).
    path(
        f"{settings.ADMIN_URL}phien-dang-nhap/",
        admin.site.admin_view(staff_sessions),
        name="staff-sessions",
    ),
    # Issue 18: a staff member turns two-factor sign-in on (hnp/two_factor_views.py).
    path(
        f"{settings.ADMIN_URL}xac-thuc-hai-buoc/",
        admin.site.admin_view(two_factor_views.enrol),
        name="staff-two-factor",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("ckeditor/", include("articles.editor.urls")),
    # Before captcha.urls, whose refresh and audio views they replace with ones limited per client.
    path("captcha/refresh/", comment_views.captcha_refresh, name="captcha-refresh"),
    path("captcha/audio/<str:key>.wav", comment_views.captcha_audio, name="captcha-audio"),
    path("captcha/", include("captcha.urls")),
    path("binh-luan/", include("comments.urls")),
    path("rss/", LatestArticlesFeed(), name="feed"),
    path("rss/tu-khoa/<slug:slug>/", TagFeed(), name="tag-feed"),
    path("rss/<slug:slug>/", CategoryFeed(), name="category-feed"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITE_SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITE_SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("", include("portal.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "hnp.errors.page_not_found"
handler500 = "hnp.errors.server_error"  # or a 503 while the database is away
