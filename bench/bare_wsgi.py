"""The benchmark's yardstick: a bare Django view returning one constant page.

Served by the same gunicorn command as the site (``gunicorn --config deploy/gunicorn.conf.py
bench.bare_wsgi:application``), with no middleware, no templates and no database: what
Django and gunicorn cost by themselves on this machine. The page is the file BENCH_PAGE (the
benchmark saves the site's article page there), or 32 KB of filler.
"""

import os
from pathlib import Path

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-view-" + "x" * 50,  # noqa: S106 (serves a constant page, no secrets)
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    LOGGING_CONFIG=None,
)

import django  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

django.setup()

_page_file = os.environ.get("BENCH_PAGE", "")
PAGE = (
    Path(_page_file).read_bytes()
    if _page_file
    else (b"<!DOCTYPE html><html><body>" + b"<p>HNP</p>" * 3270 + b"</body></html>")
)


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", page)]

application = get_wsgi_application()
