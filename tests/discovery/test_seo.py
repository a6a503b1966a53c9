"""What search engines and share previews read: canonical address, description, Open Graph,
Twitter card and NewsArticle JSON-LD, all with absolute addresses; feeds linked in the head."""

import datetime as dt
import io
import json
from html.parser import HTMLParser
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """The <meta>, <link> and JSON-LD <script> elements of a page."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def link(self, rel: str, **attrs) -> list[dict[str, str]]:
        return [
            link
            for link in self.links
            if link.get("rel") == rel and all(link.get(k) == v for k, v in attrs.items())
        ]


def head_of(client, url: str) -> HeadParser:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def png_upload(name: str = "bia.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 840), "#a30d12").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def shared_picture(settings, url: str) -> tuple[str, tuple[int, int]]:
    """The format and size of the media file at the absolute ``url``."""
    name = url.removeprefix(f"http://testserver{settings.MEDIA_URL}")
    with Image.open(Path(settings.MEDIA_ROOT) / name) as picture:
        return picture.format, picture.size


@pytest.fixture
def article():
    return ArticleFactory(
        title="Hà Nội mở thêm tuyến xe buýt điện",
        lead="Từ tháng 9, ba tuyến xe buýt điện mới nối trung tâm với phía tây.",
        byline="Huy Kiên",
        category=CategoryFactory(name="Giao thông", slug="giao-thong"),
        cover_image=png_upload(),
        cover_caption="Xe buýt điện trên phố Tràng Tiền",
        published_at=dt.datetime(2020, 8, 10, 0, 27, tzinfo=dt.UTC),
    )


def test_article_head_has_canonical_description_and_open_graph(client, article, settings):
    head = head_of(client, article.get_absolute_url())
    url = f"http://testserver{article.get_absolute_url()}"
    # The cover's copy 1200 pixels wide, not the uploaded original.
    image = f"http://testserver{article.cover_1200.url}"
    assert shared_picture(settings, image) == ("JPEG", (1200, 630))

    assert [link["href"] for link in head.link("canonical")] == [url]
    assert head.one("description") == article.lead
    assert head.one("og:type") == "article"
    assert head.one("og:title") == article.title
    assert head.one("og:description") == article.lead
    assert head.one("og:url") == url
    assert head.one("og:image") == image
    assert head.one("og:image:alt") == "Xe buýt điện trên phố Tràng Tiền"
    assert head.one("og:locale") == "vi_VN"
    assert head.one("og:site_name") == "HNP"
    # 00:27 UTC is 07:27 in Hà Nội; the offset is written out.
    assert head.one("article:published_time") == "2020-08-10T07:27:00+07:00"
    assert dt.datetime.fromisoformat(head.one("article:modified_time")) >= article.published_at
    assert head.one("article:section") == "Giao thông"
    assert head.one("twitter:card") == "summary_large_image"
    assert head.one("twitter:title") == article.title
    assert head.one("twitter:image") == image


def test_article_json_ld_is_a_complete_news_article(client, article):
    head = head_of(client, article.get_absolute_url())

    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    url = f"http://testserver{article.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Hà Nội mở thêm tuyến xe buýt điện"
    assert data["description"] == article.lead
    assert data["datePublished"] == "2020-08-10T07:27:00+07:00"
    modified = dt.datetime.fromisoformat(data["dateModified"])
    assert modified.utcoffset() == dt.timedelta(hours=7)
    assert modified >= article.published_at
    assert data["author"] == [{"@type": "Person", "name": "Huy Kiên"}]
    assert data["image"] == [f"http://testserver{article.cover_1200.url}"]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "HNP",
        "logo": {"@type": "ImageObject", "url": "http://testserver/static/img/hnp-logo.png"},
    }
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["articleSection"] == "Giao thông"


def test_an_article_without_a_cover_shares_the_site_picture(client):
    article = ArticleFactory(cover_image="")

    head = head_of(client, article.get_absolute_url())

    default = "http://testserver/static/img/og-default.png"
    assert head.one("og:image") == default
    assert json.loads(head.json_ld[0])["image"] == [default]


def test_a_title_cannot_break_out_of_the_json_ld_script(client):
    title = 'Tin </script><script>alert("x")</script> & <!-- "trích dẫn"'
    article = ArticleFactory(title=title, byline="</script>")

    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    head = HeadParser()
    head.feed(html)

    assert "<script>alert" not in html
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    assert data["headline"] == title
    assert data["author"] == [{"@type": "Person", "name": "</script>"}]


def test_https_requests_get_https_addresses(client, article):
    response = client.get(article.get_absolute_url(), secure=True)
    head = HeadParser()
    head.feed(response.content.decode())

    assert head.one("og:url") == f"https://testserver{article.get_absolute_url()}"
    assert json.loads(head.json_ld[0])["publisher"]["logo"]["url"].startswith("https://")


def test_home_head_has_canonical_description_and_open_graph(client):
    head = head_of(client, reverse("articles:home"))

    assert [link["href"] for link in head.link("canonical")] == ["http://testserver/"]
    assert head.one("description") == "HNP: tin tức thành phố, cập nhật mỗi ngày."
    assert head.one("og:type") == "website"
    assert head.one("og:title") == "HNP · Tin tức thành phố"
    assert head.one("og:url") == "http://testserver/"
    assert head.one("og:image") == "http://testserver/static/img/og-default.png"
    assert head.one("og:locale") == "vi_VN"
    assert head.json_ld == []


def test_category_head_has_canonical_with_its_page_number(client):
    category = CategoryFactory(name="Văn hóa", slug="van-hoa")
    ArticleFactory.create_batch(21, category=category)
    url = category.get_absolute_url()

    first = head_of(client, url)
    second = head_of(client, f"{url}?page=2&utm_source=zalo")

    assert [link["href"] for link in first.link("canonical")] == [f"http://testserver{url}"]
    assert first.one("og:title") == "Văn hóa"
    assert first.one("description") == "Tin mới nhất chuyên mục Văn hóa trên HNP."
    assert [link["href"] for link in second.link("canonical")] == [f"http://testserver{url}?page=2"]


def test_every_page_links_the_site_feed(client, article):
    for url in (
        reverse("articles:home"),
        article.get_absolute_url(),
        reverse("articles:search") + "?q=xe",
    ):
        feeds = head_of(client, url).link("alternate", type="application/rss+xml")
        assert feeds[0]["href"] == reverse("feed"), url
        assert feeds[0]["title"] == "HNP: tin mới nhất"


def test_category_and_article_pages_also_link_their_category_feed(client, article):
    category_feed = reverse("category-feed", kwargs={"slug": "giao-thong"})
    for url in (article.category.get_absolute_url(), article.get_absolute_url()):
        feeds = head_of(client, url).link("alternate", type="application/rss+xml")
        assert [(feed["href"], feed["title"]) for feed in feeds] == [
            (reverse("feed"), "HNP: tin mới nhất"),
            (category_feed, "HNP: Giao thông"),
        ], url


def test_feed_links_lead_to_feeds(client, article):
    for feed in head_of(client, article.get_absolute_url()).link("alternate"):
        response = client.get(feed["href"])
        assert response.status_code == HTTPStatus.OK
        assert response["Content-Type"].startswith("application/rss+xml")


def test_a_staff_preview_is_not_indexed(client, staff_user):
    draft = ArticleFactory(status="draft", published_at=None)
    client.force_login(staff_user)

    head = head_of(client, draft.get_absolute_url())

    assert head.one("robots") == "noindex, nofollow"
    assert head.json_ld == []  # a draft has no publication date to state
