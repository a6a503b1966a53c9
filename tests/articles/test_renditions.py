"""Covers are shown as smaller copies made once, when the cover is saved: a thumbnail with its 2×
copy in the lists, the whole cover at three widths on the article page and the home page's lead
story. Reading a page never makes one, nor looks at storage (articles/renditions.py)."""

import io
import shutil
from html.parser import HTMLParser
from http import HTTPStatus
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles import renditions
from articles.models import Article
from demo.images import COVER_SIZE
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def picture_upload(size=(1600, 900), color="#a30d12", name="bia.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class Images(HTMLParser):
    """Every <img> of a page, with the classes of the elements around it."""

    def __init__(self, html: str):
        super().__init__()
        self.images: list[dict[str, str]] = []
        self._open: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "img":
            around = " ".join(classes for _, classes in self._open)
            self.images.append({**attrs, "around": around})
        elif tag not in {"br", "hr", "input", "link", "meta", "source"}:
            self._open.append((tag, attrs.get("class", "")))

    def handle_endtag(self, tag):
        while self._open and self._open.pop()[0] != tag:
            pass

    def inside(self, css_class: str) -> list[dict[str, str]]:
        return [
            image
            for image in self.images
            if css_class in image.get("class", "").split() or css_class in image["around"].split()
        ]


def page_images(client, url: str, css_class: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return Images(response.content.decode()).inside(css_class)


def media_picture(settings, url: str) -> tuple[str, tuple[int, int]]:
    """The format and pixel size of the media file at ``url``."""
    name = url.removeprefix(settings.MEDIA_URL)
    with Image.open(Path(settings.MEDIA_ROOT) / name) as picture:
        return picture.format, picture.size


def srcset(image: dict[str, str]) -> list[tuple[str, str]]:
    """``srcset`` as (address, descriptor) pairs."""
    return [tuple(candidate.split()) for candidate in image["srcset"].split(", ")]


def rendition_files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    folder = root / "renditions"
    return sorted(str(path.relative_to(root)) for path in folder.rglob("*") if path.is_file())


def test_a_list_shows_a_small_thumbnail_with_a_copy_for_sharper_screens(client, settings):
    category = CategoryFactory()
    ArticleFactory(category=category, title="Phố đi bộ", cover_image=picture_upload())

    [image] = page_images(client, category.get_absolute_url(), "story__image")

    [(one, one_x), (two, two_x)] = srcset(image)
    assert (image["src"], one_x, two_x) == (one, "1x", "2x")
    assert media_picture(settings, one) == ("JPEG", (160, 120))
    assert media_picture(settings, two) == ("JPEG", (320, 240))
    # The size it is shown at is known before it arrives, so nothing below it jumps.
    assert (image["width"], image["height"]) == ("160", "120")
    assert image["loading"] == "lazy"
    assert image["alt"] == "Phố đi bộ"


def test_the_article_page_offers_the_whole_cover_at_increasing_widths(client, settings):
    article = ArticleFactory(cover_image=picture_upload((1600, 900)), cover_caption="Hồ Gươm")

    [image] = page_images(client, article.get_absolute_url(), "article__cover")

    candidates = srcset(image)
    assert [descriptor for _, descriptor in candidates] == ["480w", "800w", "1200w"]
    sizes = [media_picture(settings, url) for url, _ in candidates]
    assert sizes == [("JPEG", (480, 270)), ("JPEG", (800, 450)), ("JPEG", (1200, 675))]
    assert image["src"] == candidates[1][0]
    assert image["sizes"] == "(min-width: 45rem) 42rem, 100vw"
    assert (image["width"], image["height"]) == ("800", "450")
    assert image["alt"] == "Hồ Gươm"


def test_a_small_cover_is_never_enlarged_and_keeps_its_shape(client, settings):
    article = ArticleFactory(cover_image=picture_upload((600, 800)))

    [image] = page_images(client, article.get_absolute_url(), "article__cover")

    sizes = [media_picture(settings, url)[1] for url, _ in srcset(image)]
    assert sizes == [(480, 640), (600, 800), (600, 800)]


def test_the_home_pages_lead_story_picks_from_the_widths_too(client, settings):
    ArticleFactory(is_featured=True, cover_image=picture_upload())

    [image] = page_images(client, reverse("articles:home"), "lead-story__image")

    candidates = srcset(image)
    assert [descriptor for _, descriptor in candidates] == ["480w", "800w", "1200w"]
    assert [media_picture(settings, url)[1][0] for url, _ in candidates] == [480, 800, 1200]
    assert image["sizes"] == "(min-width: 64em) 38rem, 100vw"
    assert (image["width"], image["height"]) == ("800", "450")
    assert "loading" not in image  # the first thing on the page


def test_saving_a_cover_makes_every_rendition_once(settings):
    article = ArticleFactory(cover_image=picture_upload((1600, 900)))
    files = rendition_files(settings)

    assert len(files) == len(renditions.SPECS)
    sizes = {
        field: media_picture(settings, getattr(article, field).url)
        for field in ["cover_thumbnail", "cover_thumbnail_2x", "cover_480", "cover_800"]
    }
    assert sizes == {
        "cover_thumbnail": ("JPEG", (160, 120)),
        "cover_thumbnail_2x": ("JPEG", (320, 240)),
        "cover_480": ("JPEG", (480, 270)),
        "cover_800": ("JPEG", (800, 450)),
    }

    article.title = "Tiêu đề mới"
    article.save()
    Article.objects.get(pk=article.pk).save()

    assert rendition_files(settings) == files


def test_replacing_the_cover_makes_new_renditions(client, settings):
    article = ArticleFactory(cover_image=picture_upload((1600, 900), "#a30d12", "do.png"))
    [before] = page_images(client, article.get_absolute_url(), "article__cover")

    article.cover_image = picture_upload((900, 1600), "#1a5fb4", "xanh.png")
    article.save()

    [after] = page_images(client, article.get_absolute_url(), "article__cover")
    assert not {url for url, _ in srcset(after)} & {url for url, _ in srcset(before)}
    assert [media_picture(settings, url)[1] for url, _ in srcset(after)] == [
        (480, 853),
        (800, 1422),
        (900, 1600),
    ]
    name = after["src"].removeprefix(settings.MEDIA_URL)
    with Image.open(Path(settings.MEDIA_ROOT) / name) as picture:
        assert picture.getpixel((400, 700)) == pytest.approx((26, 95, 180), abs=3)  # #1a5fb4


def test_an_article_without_a_cover_shows_no_picture(client, settings):
    article = ArticleFactory(cover_image="")

    response = client.get(article.get_absolute_url())
    images = Images(response.content.decode())
    listed = Images(client.get(article.category.get_absolute_url()).content.decode())

    assert images.inside("article__cover") == []
    assert 'class="article__cover"' not in response.content.decode()
    assert listed.inside("story__image") == []
    assert not (Path(settings.MEDIA_ROOT) / "renditions").exists()


@pytest.fixture
def storage_calls(monkeypatch):
    """Every call that reads or writes the media storage (building a URL does neither)."""
    calls = []
    for name in ["exists", "_open", "_save", "delete", "size", "listdir", "get_modified_time"]:
        original = getattr(FileSystemStorage, name)

        def spy(self, *args, _original=original, _name=name, **kwargs):
            calls.append((_name, args))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(FileSystemStorage, name, spy)
    return calls


def test_reading_pages_makes_no_rendition_and_never_looks_at_storage(
    client, settings, storage_calls, monkeypatch
):
    category = CategoryFactory()
    featured = ArticleFactory(category=category, is_featured=True, cover_image=picture_upload())
    ArticleFactory(category=category, title="Cầu Long Biên", cover_image=picture_upload())
    # Even with its renditions gone (and nothing in the cache saying they were made), a page
    # only says where they are.
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "renditions")
    cache.clear()
    storage_calls.clear()
    made = []
    monkeypatch.setattr(renditions.Rendition, "generate", lambda spec: made.append(spec))

    for url in [
        reverse("articles:home"),
        category.get_absolute_url(),
        featured.get_absolute_url(),
        reverse("articles:search") + "?q=Long+Biên",
    ]:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert "/media/renditions/" in response.content.decode(), url

    assert made == []
    assert storage_calls == []
    assert not (Path(settings.MEDIA_ROOT) / "renditions").exists()


def test_thumbnails_cost_no_query(client):
    """A list's queries are the same whether its articles have covers or not."""
    with_covers, without = CategoryFactory(), CategoryFactory()
    for _ in range(5):
        ArticleFactory(category=with_covers, cover_image=picture_upload((320, 240)))
        ArticleFactory(category=without, cover_image="")

    counts, thumbnails = [], []
    # The first page of all reads what every page shares once (the site settings): not counted.
    client.get(reverse("articles:search"))
    for category in [with_covers, without]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(category.get_absolute_url())
        assert response.status_code == HTTPStatus.OK
        counts.append(len(queries))
        thumbnails.append(len(Images(response.content.decode()).inside("story__image")))

    assert thumbnails == [5, 0]
    assert counts[0] == counts[1]


def test_generateimages_makes_the_renditions_of_covers_stored_before_them(settings):
    """Upgrading: covers uploaded before renditions existed get them from the command."""
    name = default_storage.save("covers/2025/01/cu.png", picture_upload())
    article = ArticleFactory(cover_image="")
    Article.objects.filter(pk=article.pk).update(cover_image=name)  # as an old row would be
    assert not (Path(settings.MEDIA_ROOT) / "renditions").exists()

    call_command("generateimages", "articles", stdout=StringIO())

    article.refresh_from_db()
    assert media_picture(settings, article.cover_thumbnail.url) == ("JPEG", (160, 120))
    assert media_picture(settings, article.cover_1200.url) == ("JPEG", (1200, 675))
    assert len(rendition_files(settings)) == len(renditions.SPECS)


# --- The demo ------------------------------------------------------------------------------


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # load_demo refuses to run otherwise
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo():
    call_command("load_demo", stdout=StringIO())


def every_demo_rendition(settings) -> dict[str, tuple[int, int]]:
    """The pixel size of every rendition the demo's pages point to."""
    urls = []
    for article in Article.objects.all():
        urls += [url for url, _ in srcset({"srcset": article.list_picture.srcset})]
        urls += [url for url, _ in srcset({"srcset": article.cover_picture.srcset})]
    return {url: media_picture(settings, url)[1] for url in urls}


def test_the_demos_covers_have_their_renditions(demo, settings):
    load_demo()

    sizes = every_demo_rendition(settings)

    width, height = COVER_SIZE
    assert len(sizes) == Article.objects.count() * len(renditions.SPECS)
    assert set(sizes.values()) == {
        (160, 120),
        (320, 240),
        (480, round(480 * height / width)),
        (800, round(800 * height / width)),
        (1200, 675),
    }


def test_loading_the_demo_again_makes_renditions_its_old_covers_lack(demo, settings):
    """A demo loaded before renditions existed: its covers are there, their renditions not."""
    load_demo()
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "renditions")

    load_demo()

    assert len(every_demo_rendition(settings)) == Article.objects.count() * len(renditions.SPECS)
