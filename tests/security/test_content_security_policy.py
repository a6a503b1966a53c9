"""Content-Security-Policy headers: strict (nonce-based, no inline script or style) on every
public page; the looser policy CKEditor 4 needs only on the admin and the editor's views."""

import json
import re
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


DATA_BLOCK = "application/ld+json"


class _InlineCode(HTMLParser):
    """Scripts without src, style elements and attributes, event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []
        self.problems: list[str] = []
        self.data_blocks: list[str] = []
        self._in_data_block = False

    def handle_data(self, data):
        if self._in_data_block:
            self.data_blocks.append(data)

    def handle_endtag(self, tag):
        self._in_data_block = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
            self._in_data_block = attrs.get("type") == DATA_BLOCK
        if tag == "style":
            self.problems.append("<style> element")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")


def inline_code(html: str) -> _InlineCode:
    parser = _InlineCode()
    parser.feed(html)
    return parser


@pytest.fixture
def site(db):
    article = ArticleFactory(title="Hà Nội mở phố đi bộ mới", slug="pho-di-bo")
    comment = CommentFactory(article=article)
    return {
        "home": reverse("articles:home"),
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "comment page": reverse("comments:write", kwargs={"slug": article.slug}),
        "comment status": comment.get_absolute_url(),
        "search": reverse("articles:search") + "?q=ph%E1%BB%91",
        "not found": "/khong-co-trang-nay/",
    }


PUBLIC_PAGES = ["home", "category", "article", "comment page", "comment status", "search"]


@pytest.mark.parametrize("page", [*PUBLIC_PAGES, "not found"])
def test_public_pages_get_the_strict_policy(client, site, page):
    response = client.get(site[page])

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND)
    directives = policy(response)
    script_src = directives["script-src"]
    # Scripts from our own files, and inline only with the request's nonce (Django writes the
    # nonce into the header when a page uses one; the public pages need none today).
    assert script_src[0] == "'self'"
    assert all(value.startswith("'nonce-") for value in script_src[1:])
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]


@pytest.mark.parametrize("page", [*PUBLIC_PAGES, "not found"])
def test_public_pages_have_no_inline_script_or_style(client, site, page):
    response = client.get(site[page])
    nonces = [v[7:-1] for v in policy(response)["script-src"] if v.startswith("'nonce-")]

    found = inline_code(response.content.decode())

    assert found.problems == []
    for script in found.scripts:
        if script.get("type") == DATA_BLOCK:
            continue  # data, never run (see the test of its escaping below)
        assert script.get("src", "").startswith("/static/"), script
        assert "nonce" not in script or [script["nonce"]] == nonces


def test_a_hostile_title_cannot_break_out_of_the_structured_data(client):
    """The title is written into the page's head and body, and into structured data (JSON-LD,
    a <script> element of its own): a title closing that element must stay text."""
    hostile = "</script><script>alert(1)</script><!--"
    article = ArticleFactory(title=f"Tin {hostile}", lead=f"Sapo {hostile}")

    html = client.get(article.get_absolute_url()).content.decode()

    found = inline_code(html)
    assert [s for s in found.scripts if s.get("type") != DATA_BLOCK and "src" not in s] == []
    for block in found.data_blocks:
        data = json.loads(block)
        assert hostile in json.dumps(data, ensure_ascii=False)


def test_a_page_served_from_the_page_cache_keeps_the_strict_policy(settings, client, site):
    settings.PAGE_CACHE = True
    first = client.get(site["article"])
    second = client.get(site["article"])

    assert second.content == first.content
    for response in (first, second):
        assert "'unsafe-inline'" not in policy(response)["script-src"]
        assert inline_code(response.content.decode()).problems == []


def test_feeds_and_sitemaps_carry_the_strict_policy_too(client, site):
    for url in (reverse("feed"), reverse("sitemap-index"), reverse("robots")):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert "'unsafe-inline'" not in policy(response)["script-src"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:index"),
        reverse("admin:articles_article_add"),
        reverse("admin:comments_comment_changelist"),
        reverse("ckeditor_browse"),
    ],
)
def test_only_the_staff_area_gets_the_policy_ckeditor_needs(client, url):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    directives = policy(response)
    assert "'unsafe-inline'" in directives["script-src"]
    assert not [value for value in directives["script-src"] if value.startswith("'nonce-")]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_the_admin_login_page_is_in_the_staff_area(client):
    response = client.get(reverse("admin:login"))

    assert "'unsafe-inline'" in policy(response)["script-src"]


def test_a_public_path_that_merely_starts_like_the_admin_is_not(client, site):
    """The staff prefixes end with a slash: /administration-news/ is a reader's 404."""
    response = client.get("/adminxyz/")

    assert "'unsafe-inline'" not in policy(response)["script-src"]


def test_the_public_policy_never_allows_inline_script_in_the_settings(settings):
    """The settings themselves, so that a later change cannot loosen public pages quietly."""
    from django.utils.csp import CSP

    assert CSP.UNSAFE_INLINE not in settings.SECURE_CSP["script-src"]
    assert CSP.UNSAFE_EVAL not in settings.SECURE_CSP["script-src"]
    assert CSP.NONCE in settings.SECURE_CSP["script-src"]
    assert all(prefix.endswith("/") for prefix in settings.STAFF_AREA_PATH_PREFIXES)
    assert re.fullmatch(r"(/[a-z]+/)+", "".join(settings.STAFF_AREA_PATH_PREFIXES))
