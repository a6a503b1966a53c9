"""CKEditor 4's bundled sample and test pages, and django-ckeditor's old file browser, are never
served nor collected."""

from http import HTTPStatus

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

BUNDLED_PAGES = [
    "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html",
    "ckeditor/ckeditor/plugins/preview/preview.html",
    "ckeditor/ckeditor/plugins/wsc/dialogs/ciframe.html",
    "ckeditor/ckeditor/samples/index.html",
    "ckeditor/galleriffic/js/jquery-1.3.2.js",
    "ckeditor/galleriffic/js/jquery.galleriffic.js",
]


@pytest.mark.parametrize("path", BUNDLED_PAGES)
def test_bundled_pages_are_not_found_by_staticfiles(path):
    assert finders.find(path) is None


def test_collectstatic_leaves_out_every_bundled_html_page():
    collected = [path for finder in finders.get_finders() for path, _ in finder.list([])]
    assert "ckeditor/ckeditor/ckeditor.js" in collected
    assert not [path for path in collected if path.startswith("ckeditor/") and "/tests/" in path]
    assert not [
        path for path in collected if path.startswith("ckeditor/") and path.endswith(".html")
    ]
    assert not [path for path in collected if "jquery-1." in path]


@pytest.mark.parametrize("path", BUNDLED_PAGES)
def test_bundled_pages_answer_404_over_http(db, settings, path):
    # db: the site's 404 page shows the category navigation, read from the database.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get(f"/static/{path}")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_the_editor_itself_is_still_served(settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/ckeditor/ckeditor/ckeditor.js")
    assert response.status_code == HTTPStatus.OK
