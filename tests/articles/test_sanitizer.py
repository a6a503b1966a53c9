"""The article body allowlist: what the editor may store and what never survives."""

import pytest

from articles.sanitizer import sanitize_html
from tests.factories import ArticleFactory

FORBIDDEN = {
    "script": ("<p>Tin</p><script>alert(1)</script>", "<p>Tin</p>"),
    "script inside svg": ("<svg><script>alert(1)</script></svg><p>Tin</p>", "<p>Tin</p>"),
    "event handler": (
        '<img src="/media/a.png" alt="Cầu" onerror="alert(1)">',
        '<img src="/media/a.png" alt="Cầu">',
    ),
    "event handler on a paragraph": ('<p onclick="alert(1)">Tin</p>', "<p>Tin</p>"),
    "javascript: link": (
        '<a href="javascript:alert(1)">Xem</a>',
        '<a rel="noopener noreferrer">Xem</a>',
    ),
    "javascript: link in capitals and with a tab": (
        '<a href="JaVa&#x09;ScRiPt:alert(1)">Xem</a>',
        '<a rel="noopener noreferrer">Xem</a>',
    ),
    "data: link": (
        '<a href="data:text/html,<script>alert(1)</script>">Xem</a>',
        '<a rel="noopener noreferrer">Xem</a>',
    ),
    "data: image": ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="">', ""),
    "vbscript: link": (
        '<a href="vbscript:msgbox(1)">Xem</a>',
        '<a rel="noopener noreferrer">Xem</a>',
    ),
    "style attribute": ('<p style="position:fixed">Tin</p>', "<p>Tin</p>"),
    "style element": ("<style>body{display:none}</style><p>Tin</p>", "<p>Tin</p>"),
    "iframe": ('<iframe src="https://example.com"></iframe><p>Tin</p>', "<p>Tin</p>"),
    "object": ('<object data="x.swf"></object><p>Tin</p>', "<p>Tin</p>"),
    "form": ('<form action="/"><input name="q"><button>Gửi</button></form>', "Gửi"),
    "link target": (
        '<a href="https://hanoi.gov.vn" target="_blank">Cổng</a>',
        '<a href="https://hanoi.gov.vn" rel="noopener noreferrer">Cổng</a>',
    ),
    "id attribute": ('<p id="main">Tin</p>', "<p>Tin</p>"),
    "html comment": ("<p>Tin<!-- ghi chú nội bộ --></p>", "<p>Tin</p>"),
    "top-level heading": ("<h1>Tiêu đề</h1>", "Tiêu đề"),
}

ALLOWED = {
    "paragraph": "<p>Người dân đổ về phố đi bộ.</p>",
    "headings": "<h2>Một</h2><h3>Hai</h3><h4>Ba</h4>",
    "emphasis": "<p><strong>Đậm</strong> và <em>nghiêng</em></p>",
    "line break": "<p>Dòng một<br>dòng hai</p>",
    "lists": "<ul><li>Một</li></ul><ol><li>Hai</li></ol>",
    "https link": '<p><a href="https://hanoi.gov.vn" rel="noopener noreferrer">Cổng</a></p>',
    "relative link": '<p><a href="/bai-viet/tin/" rel="noopener noreferrer">Tin</a></p>',
    "mailto link": '<p><a href="mailto:toasoan@example.vn" rel="noopener noreferrer">Thư</a></p>',
    "blockquote": "<blockquote><p>Trích dẫn</p></blockquote>",
    "table": (
        '<table><caption>Dân số</caption><thead><tr><th scope="col">Quận</th></tr></thead>'
        '<tbody><tr><td colspan="2">Ba Đình</td></tr></tbody></table>'
    ),
    "captioned figure": (
        '<figure class="image-captioned image-center">'
        '<img src="/media/uploads/2026/11/cau.png" alt="Cầu Long Biên" width="640" height="360">'
        "<figcaption>Cầu Long Biên lúc bình minh. Ảnh: Huy Kiên</figcaption></figure>"
    ),
    "uncaptioned image floated left": (
        '<p><img class="image-left" src="/media/a.png" alt="Ảnh" width="200" height="100"></p>'
    ),
    "centred uncaptioned image": (
        '<p class="image-center"><img src="/media/a.png" alt="Ảnh" width="200" height="100"></p>'
    ),
    "escaped text": "<p>1 &lt; 2 &amp; 3 &gt; 2</p>",
}


@pytest.mark.parametrize(("dirty", "clean"), FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_forbidden_constructs_never_survive(dirty, clean):
    result = sanitize_html(dirty)

    assert result == clean
    for needle in ("<script", "onerror", "onclick", "javascript", "data:", "style", "<iframe"):
        assert needle not in result.lower()


def test_unknown_classes_are_dropped_and_known_ones_kept():
    result = sanitize_html('<figure class="image evil"><img src="/media/a.png" alt=""></figure>')

    assert result == '<figure class="image"><img src="/media/a.png" alt=""></figure>'


@pytest.mark.parametrize("html", ALLOWED.values(), ids=ALLOWED.keys())
def test_allowed_constructs_are_kept_as_written(html):
    assert sanitize_html(html) == html


@pytest.mark.parametrize("html", [*ALLOWED.values(), *(dirty for dirty, _ in FORBIDDEN.values())])
def test_sanitising_twice_changes_nothing(html):
    once = sanitize_html(html)

    assert sanitize_html(once) == once


def test_vietnamese_text_is_stored_as_text_not_entities():
    assert sanitize_html("<p>&Agrave;o d&agrave;i Đà Nẵng</p>") == "<p>Ào dài Đà Nẵng</p>"


@pytest.mark.django_db
def test_saving_an_article_sanitises_its_body():
    article = ArticleFactory(
        body='<p onclick="alert(1)">Tin <a href="javascript:alert(1)">xem</a></p>'
        "<script>alert(2)</script>"
        '<figure class="image-captioned"><img src="/media/a.png" alt="Ảnh">'
        "<figcaption>Chú thích</figcaption></figure>"
    )

    article.refresh_from_db()
    assert article.body == (
        '<p>Tin <a rel="noopener noreferrer">xem</a></p>'
        '<figure class="image-captioned"><img src="/media/a.png" alt="Ảnh">'
        "<figcaption>Chú thích</figcaption></figure>"
    )
