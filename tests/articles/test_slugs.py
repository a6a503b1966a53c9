"""Article addresses made from Vietnamese titles."""

import json
import shutil
import subprocess
from pathlib import Path

import django
import pytest
from django.conf import settings

from articles.models import Article
from articles.text import vietnamese_slugify
from tests.factories import ArticleFactory

VIETNAMESE_TITLES = [
    ("Đảng bộ", "dang-bo"),
    ("ĐẢNG BỘ THÀNH PHỐ", "dang-bo-thanh-pho"),
    ("Hà Nội mùa thu", "ha-noi-mua-thu"),
    ("Đường Điện Biên Phủ được mở rộng", "duong-dien-bien-phu-duoc-mo-rong"),
    ("Ứng phó bão số 3: người dân sơ tán", "ung-pho-bao-so-3-nguoi-dan-so-tan"),
    ("Giá xăng giảm 1.000 đồng/lít", "gia-xang-giam-1000-donglit"),
    ("Quỹ “Vì người nghèo” trao 500 suất quà", "quy-vi-nguoi-ngheo-trao-500-suat-qua"),
]


@pytest.mark.parametrize(("title", "slug"), VIETNAMESE_TITLES)
def test_vietnamese_titles_lose_their_diacritics_and_keep_their_d(title, slug):
    assert vietnamese_slugify(title) == slug


@pytest.mark.django_db
def test_an_article_gets_its_slug_from_the_title_when_saved():
    article = ArticleFactory(title="Đảng bộ quận Hoàn Kiếm tổng kết năm", slug="")

    assert article.slug == "dang-bo-quan-hoan-kiem-tong-ket-nam"


@pytest.mark.django_db
def test_the_same_title_gets_numbered_slugs():
    slugs = [ArticleFactory(title="Đảng bộ", slug="").slug for _ in range(3)]

    assert slugs == ["dang-bo", "dang-bo-2", "dang-bo-3"]


@pytest.mark.django_db
def test_a_slug_that_merely_starts_like_the_title_is_no_collision():
    ArticleFactory(title="Đảng bộ thành phố", slug="")

    assert ArticleFactory(title="Đảng bộ", slug="").slug == "dang-bo"


@pytest.mark.django_db
def test_a_slug_chosen_by_the_newsroom_is_kept_even_when_the_title_changes():
    article = ArticleFactory(title="Đảng bộ", slug="dai-hoi-dang-bo-2025")

    article.title = "Đại hội Đảng bộ thành phố khai mạc"
    article.save()

    article.refresh_from_db()
    assert article.slug == "dai-hoi-dang-bo-2025"


@pytest.mark.django_db
def test_long_titles_give_slugs_that_fit_even_when_numbered():
    title = "Thành phố khởi công tuyến đường sắt đô thị " * 6
    max_length = Article._meta.get_field("slug").max_length

    first = ArticleFactory(title=title[:250], slug="")
    second = ArticleFactory(title=title[:250], slug="")

    assert first.slug.startswith("thanh-pho-khoi-cong-tuyen-duong-sat-do-thi-thanh-pho")
    assert not first.slug.endswith("-")
    assert second.slug == f"{first.slug}-2"
    assert len(second.slug) <= max_length


@pytest.mark.django_db
def test_a_title_without_letters_still_gets_an_address():
    assert ArticleFactory(title="!!! ???", slug="").slug == "bai-viet"


ADMIN_JS = Path(django.__file__).parent / "contrib/admin/static/admin/js"
VIETNAMESE_URLIFY_JS = Path(settings.BASE_DIR) / "static/admin_hnp/vietnamese_urlify.js"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the admin's JS")
def test_the_admin_prefills_the_same_slug_as_the_server():
    """Django's own URLify turns "Đảng bộ" into "djng-b"; ours must match vietnamese_slugify."""
    titles = [title for title, _ in VIETNAMESE_TITLES]
    script = f"""
        globalThis.window = globalThis;
        require({str(ADMIN_JS / "urlify.js")!r});
        require({str(VIETNAMESE_URLIFY_JS)!r});
        const titles = JSON.parse(process.argv[1]);
        console.log(JSON.stringify(titles.map((t) => window.URLify(t, 255, false))));
    """
    result = subprocess.run(  # noqa: S603 (fixed program, our own script)
        [shutil.which("node"), "-e", script, json.dumps(titles)],
        capture_output=True,
        text=True,
        check=True,
    )

    assert json.loads(result.stdout) == [vietnamese_slugify(title) for title in titles]
