"""Share links (Facebook, Zalo, copy link) and the print stylesheet of the article page."""

import re
from html.parser import HTMLParser
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict[str, str], str]] = []
        self._open: list[int] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}, ""))
        self._open.append(len(self.found) - 1)

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        if self._open:
            index = self._open[-1]
            tag, attrs, text = self.found[index]
            self.found[index] = (tag, attrs, text + data)

    def all(self, tag: str) -> list[tuple[dict[str, str], str]]:
        return [(attrs, text) for name, attrs, text in self.found if name == tag]


def page(client, url) -> Elements:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    elements = Elements()
    elements.feed(response.content.decode())
    return elements


def test_article_has_facebook_zalo_and_copy_links(client):
    article = ArticleFactory(title="Hồ Tây mùa sen")
    url = f"http://testserver{article.get_absolute_url()}"

    links = {text.strip(): attrs for attrs, text in page(client, url).all("a")}

    facebook = urlsplit(links["Facebook"]["href"])
    assert (facebook.scheme, facebook.netloc, facebook.path) == (
        "https",
        "www.facebook.com",
        "/sharer/sharer.php",
    )
    assert parse_qs(facebook.query) == {"u": [url]}
    zalo = urlsplit(links["Zalo"]["href"])
    assert (zalo.scheme, zalo.netloc) == ("https", "sp.zalo.me")
    assert parse_qs(zalo.query) == {"url": [url]}
    for name in ("Facebook", "Zalo"):
        assert links[name]["rel"] == "noopener noreferrer"
    copy = links["Sao chép liên kết"]
    assert copy["href"] == url  # without JavaScript, a plain link to copy
    assert "data-copy-link" in copy
    assert copy["data-msg-copied"] == "Đã sao chép liên kết."


def test_share_and_count_scripts_are_static_files_no_inline_script(client):
    article = ArticleFactory()

    scripts = page(client, article.get_absolute_url()).all("script")

    sources = [attrs["src"] for attrs, _ in scripts if "src" in attrs]
    assert "/static/js/share.js" in sources
    assert "/static/js/views.js" in sources
    for attrs, _text in scripts:
        if "src" in attrs:
            assert "defer" in attrs, attrs
        else:  # the only inline script is the JSON-LD data block, which browsers do not run
            assert attrs.get("type") == "application/ld+json", attrs
    for path in ("js/share.js", "js/views.js"):
        assert finders.find(path), path


def test_a_staff_preview_neither_counts_nor_offers_sharing(client, staff_user):
    draft = ArticleFactory(status="draft", published_at=None)
    client.force_login(staff_user)

    elements = page(client, draft.get_absolute_url())

    assert not any("data-view-beacon" in attrs for _, attrs, _ in elements.found)
    assert not any("data-copy-link" in attrs for attrs, _ in elements.all("a"))


def test_pages_load_the_print_stylesheet_for_print_only(client):
    article = ArticleFactory()

    for url in (reverse("articles:home"), article.get_absolute_url()):
        sheets = [
            attrs for attrs, _ in page(client, url).all("link") if attrs.get("rel") == "stylesheet"
        ]
        assert {"rel": "stylesheet", "href": "/static/css/print.css", "media": "print"} in sheets


def test_print_stylesheet_hides_everything_but_the_article():
    css = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)

    hidden = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if re.search(r"display\s*:\s*none", body):
            hidden |= {selector.strip() for selector in selectors.split(",")}

    for part in (
        ".site-nav",  # navigation
        ".site-search",  # search box
        ".site-footer",
        ".share",
        ".comments",  # comments and their form
        ".most-read",
        ".related",  # newer and older articles
    ):
        assert part in hidden, part
    assert not hidden & {".article", ".article__body", ".article__title", ".site-main"}


def test_the_printed_parts_are_the_ones_the_page_uses(client):
    """The print stylesheet's class names must match the page, or it would hide nothing."""
    article = ArticleFactory()
    ArticleFactory.create_batch(2)

    classes = set()
    for _, attrs, _ in page(client, article.get_absolute_url()).found:
        classes |= set(attrs.get("class", "").split())

    for name in ("site-nav", "site-search", "site-footer", "share", "comments", "related"):
        assert name in classes, name
