"""The admin speaks Vietnamese to the newsroom: its name, and none of the English Django's
own catalogue leaves (screen-reader labels included)."""

import pytest
from django.urls import reverse

from tests.articles.admin_forms import add_url, changelist_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ENGLISH_LEFT_BEFORE = [
    "Search bài viết",
    "Toggle theme",
    "Skip to main content",
    "Breadcrumbs",
    "Pagination",
    "Select all objects",
    "Toggle navigation",
    "Filter navigation items",
    "Model name",
    "Add link",
    "View selected",
    "Django",
    "Site quản trị",
    ">Search<",
    'value="Search"',
]


@pytest.mark.parametrize("who", ["editor_client", "journalist_client"])
def test_no_english_is_left_in_the_newsroom_admin(request, who):
    client = request.getfixturevalue(who)
    ArticleFactory()
    pages = [
        reverse("admin:index"),
        changelist_url(),
        add_url(),
        reverse("admin:articles_article_calendar"),
    ]

    for url in pages:
        text = client.get(url).text
        for english in ENGLISH_LEFT_BEFORE:
            assert english not in text, f"{english!r} on {url}"


def test_the_header_names_the_newsroom(editor_client):
    page = editor_client.get(reverse("admin:index"))

    assert '<div id="site-name"><a href="/admin/">HNP – Quản trị tòa soạn</a></div>' in page.text
    assert "<title>Quản trị tòa soạn | HNP – Quản trị tòa soạn</title>" in page.text
