"""The editor's picture uploader and the cover image: only real pictures, re-encoded, under
generated names, inside MEDIA_ROOT, by staff, with a CSRF token."""

import datetime as dt
import io
import json
import re
from html import unescape
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles import images, renditions
from articles.models import Article
from tests.factories import ArticleFactory, UserFactory
from tests.security import pictures
from tests.security.pictures import upload

pytestmark = pytest.mark.django_db

EDITOR_VIEWS = ["ckeditor_upload", "ckeditor_browse"]
NOT_A_PICTURE = "Tệp này không phải là ảnh. Hãy tải lên ảnh JPEG, PNG, WebP hoặc GIF."
HIDDEN_DATA = "Ảnh này có dữ liệu ẩn sau phần kết thúc của ảnh."


def media_files() -> list[Path]:
    """The files uploads stored, without the smaller copies made of them (renditions/)."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    renditions = root / settings.IMAGEKIT_CACHEFILE_DIR
    return sorted(
        path for path in root.rglob("*") if path.is_file() and renditions not in path.parents
    )


def files_near_media() -> list[Path]:
    """Every file in the folder that holds MEDIA_ROOT (the test's own temporary folder)."""
    return sorted(path for path in Path(settings.MEDIA_ROOT).parent.rglob("*") if path.is_file())


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


def send(client, file):
    return client.post(reverse("ckeditor_upload"), {"upload": file})


def stored_path(answer: dict) -> Path:
    return Path(settings.MEDIA_ROOT) / answer["url"].removeprefix(settings.MEDIA_URL)


# --- Who may upload ------------------------------------------------------------------------


@pytest.mark.parametrize("view_name", EDITOR_VIEWS)
def test_anonymous_visitors_are_sent_to_the_admin_login(client, view_name):
    url = reverse(view_name)

    for response in (
        client.get(url),
        client.post(url, {"upload": upload("a.png", pictures.picture_bytes("PNG"))}),
    ):
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    assert media_files() == []


@pytest.mark.parametrize("view_name", EDITOR_VIEWS)
def test_signed_in_readers_who_are_not_staff_are_sent_to_the_admin_login(client, view_name):
    client.force_login(UserFactory(is_staff=False))
    url = reverse(view_name)

    for response in (
        client.get(url),
        client.post(url, {"upload": upload("a.png", pictures.picture_bytes("PNG"))}),
    ):
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"].startswith(reverse("admin:login"))
    assert media_files() == []


def test_a_cross_site_post_with_a_staff_session_writes_no_file(staff_user):
    """Another site's page making the journalist's browser post a file: no CSRF token."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff_user)

    response = browser.post(
        reverse("ckeditor_upload"),
        {"upload": upload("a.png", pictures.picture_bytes("PNG"))},
        headers={"Origin": "https://evil.example"},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert media_files() == []


def test_the_editors_own_upload_carries_the_pages_csrf_token_and_is_accepted(staff_user):
    """What editor_csrf.js does: the token of the admin page, in the X-CSRFToken header."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff_user)
    browser.get(reverse("admin:index"))
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value

    response = browser.post(
        reverse("ckeditor_upload"),
        {"upload": upload("a.png", pictures.picture_bytes("PNG"))},
        headers={"X-CSRFToken": token},
    )

    assert response.status_code == HTTPStatus.OK
    assert len(media_files()) == 1


def test_uploading_needs_a_post(staff_client):
    assert staff_client.get(reverse("ckeditor_upload")).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )


# --- What is accepted, and how it is stored ------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")]
)
def test_each_accepted_format_is_stored_with_a_generated_name_and_its_own_extension(
    staff_client, fmt, extension
):
    response = send(staff_client, upload("Cầu Long Biên.bin", pictures.picture_bytes(fmt)))

    assert response.status_code == HTTPStatus.OK
    answer = response.json()
    assert answer["uploaded"] == 1
    assert answer["url"].startswith(f"{settings.MEDIA_URL}{settings.CKEDITOR_UPLOAD_PATH}")
    path = stored_path(answer)
    assert path.suffix == f".{extension}"
    assert answer["fileName"] == path.name
    assert "Long" not in path.name and "bin" not in path.name
    with Image.open(path) as image:
        assert (image.format, image.size) == (fmt, (120, 80))
    assert media_files() == [path]


def test_the_name_a_file_claims_does_not_decide_its_type(staff_client):
    response = send(staff_client, upload("anh.jpg", pictures.picture_bytes("PNG"), "image/jpeg"))

    assert stored_path(response.json()).suffix == ".png"


def test_location_and_camera_data_are_removed(staff_client):
    original = pictures.photo_with_location()
    assert pictures.GPS_IFD in pictures.exif_of(original)

    response = send(staff_client, upload("pho-co.jpg", original))

    stored = stored_path(response.json()).read_bytes()
    assert pictures.exif_of(stored) == {}
    assert b"21.0285" not in stored
    assert b"Phone" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert "comment" not in image.info
        assert "exif" not in image.info


def test_a_photo_taken_sideways_is_turned_upright_before_its_exif_goes(staff_client):
    """Orientation 6: the camera stored the picture rotated; viewers turn it by the tag."""
    response = send(
        staff_client, upload("doc.jpg", pictures.photo_with_location((120, 80), orientation=6))
    )

    with Image.open(stored_path(response.json())) as image:
        assert image.size == (80, 120)


def test_an_animated_gif_keeps_its_frames(staff_client):
    response = send(staff_client, upload("dong.gif", pictures.animated_gif(), "image/gif"))

    with Image.open(stored_path(response.json())) as image:
        assert image.n_frames == 2


def test_a_file_name_reaching_outside_media_is_ignored(staff_client):
    before = files_near_media()

    response = send(staff_client, upload("../../../evil.png", pictures.picture_bytes("PNG")))

    assert response.status_code == HTTPStatus.OK
    [path] = media_files()
    assert path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "evil" not in path.name
    new_files = [p for p in files_near_media() if p not in before]
    assert all(p == path or p.is_relative_to(Path(settings.MEDIA_ROOT)) for p in new_files)


# --- What is refused -----------------------------------------------------------------------


UNSUPPORTED = HTTPStatus.UNSUPPORTED_MEDIA_TYPE
BROKEN = "Ảnh này bị hỏng hoặc không đầy đủ nên không đọc được."
TOO_MANY_PIXELS = "Ảnh này quá lớn: tối đa 50 megapixel."
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@pytest.mark.parametrize(
    ("name", "content", "content_type", "status", "message"),
    [
        pytest.param("a.svg", pictures.SVG, "image/svg+xml", UNSUPPORTED, NOT_A_PICTURE, id="svg"),
        pytest.param("a.jpg", pictures.HTML, "image/jpeg", UNSUPPORTED, NOT_A_PICTURE, id="html"),
        pytest.param("a.pdf", PDF, "application/pdf", UNSUPPORTED, NOT_A_PICTURE, id="pdf"),
        pytest.param(
            "a.tif", pictures.picture_bytes("TIFF"), "image/tiff", UNSUPPORTED, NOT_A_PICTURE,
            id="tiff",
        ),
        pytest.param(
            "a.png", pictures.png_with_html_after_its_end(), "image/png", UNSUPPORTED,
            NOT_A_PICTURE, id="png-html-polyglot",
        ),
        pytest.param(
            "a.jpg", pictures.jpeg_with_script_in_its_comment(), "image/jpeg", UNSUPPORTED,
            NOT_A_PICTURE, id="jpeg-script-in-comment",
        ),
        pytest.param(
            "a.gif", pictures.gif_script_polyglot(), "image/gif", HTTPStatus.BAD_REQUEST,
            HIDDEN_DATA, id="gif-script-polyglot",
        ),
        pytest.param(
            "a.jpg", pictures.truncated_jpeg(), "image/jpeg", HTTPStatus.BAD_REQUEST, BROKEN,
            id="truncated",
        ),
        pytest.param(
            "a.png", pictures.decompression_bomb(), "image/png", HTTPStatus.BAD_REQUEST,
            TOO_MANY_PIXELS, id="decompression-bomb-30000x30000",
        ),
    ],
)  # fmt: skip
def test_what_is_not_a_plain_picture_is_refused_with_a_clear_message_and_no_file(
    staff_client, name, content, content_type, status, message
):
    response = send(staff_client, upload(name, content, content_type))

    assert response.status_code == status
    answer = response.json()
    assert answer["uploaded"] == 0
    assert message in answer["error"]["message"]
    assert media_files() == []


def test_a_picture_just_under_pillows_bomb_limit_is_refused_too(staff_client):
    """Between our 50 megapixels and Pillow's own limit, where Pillow only warns."""
    response = send(staff_client, upload("lon.png", pictures.decompression_bomb(side=8_000)))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert media_files() == []


def test_a_file_over_the_size_limit_is_refused_with_413(settings, staff_client):
    settings.UPLOAD_MAX_BYTES = 20 * 1024
    noisy = Image.effect_noise((200, 200), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 20 * 1024

    response = send(staff_client, upload("nhieu.png", buffer.getvalue()))

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.json()["error"]["message"] == "Tệp quá lớn: ảnh tải lên tối đa 20,0\xa0KB."
    assert media_files() == []


def test_the_size_limit_defaults_to_10_mb():
    assert settings.UPLOAD_MAX_BYTES == 10 * 1024 * 1024


def test_a_post_without_a_file_is_refused(staff_client):
    response = staff_client.post(reverse("ckeditor_upload"), {})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["uploaded"] == 0


# --- The gallery ---------------------------------------------------------------------------


def test_the_gallery_shows_uploaded_pictures_newest_first_without_inline_script(
    staff_client, monkeypatch
):
    urls = []
    for minute in (1, 2, 3):
        upload_time = dt.datetime(2026, 11, 26, 9, minute, tzinfo=dt.UTC)
        monkeypatch.setattr(images.timezone, "now", lambda at=upload_time: at)
        answer = send(staff_client, upload(f"{minute}.png", pictures.picture_bytes("PNG")))
        urls.append(answer.json()["url"])

    response = staff_client.get(
        reverse("ckeditor_browse"),
        {"CKEditor": "id_body", "CKEditorFuncNum": "7", "langCode": "vi"},
    )

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    positions = [html.index(f'data-url="{url}"') for url in urls]
    assert positions == sorted(positions, reverse=True)
    assert 'data-function-number="7"' in html
    assert "admin_hnp/editor_browse.js" in html
    assert "<script>" not in html and " onclick=" not in html and " style=" not in html


def test_the_gallery_is_never_cached(staff_client):
    assert "no-cache" in staff_client.get(reverse("ckeditor_browse"))["Cache-Control"]


def test_an_empty_gallery_says_how_to_upload(staff_client):
    html = staff_client.get(reverse("ckeditor_browse")).content.decode()

    assert "Chưa có ảnh nào được tải lên." in html


# --- The cover image -----------------------------------------------------------------------


def change_article_with_cover(client, article, cover):
    from tests.articles.admin_forms import article_form_data

    data = article_form_data(article.category, article, cover_image=cover)
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


def test_the_cover_image_is_checked_and_re_encoded_like_the_editors_uploads(settings):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(editor)
    article = ArticleFactory()

    response = change_article_with_cover(
        client, article, upload("../../bia.jpg", pictures.photo_with_location(), "image/jpeg")
    )

    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    name = article.cover_image.name
    assert name.startswith("covers/") and name.endswith(".jpg") and "bia" not in name
    # The cover and its smaller copies for the pages (articles/renditions.py): none keeps the
    # photo's location.
    files = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert len(files) == 1 + len(renditions.SPECS)
    for path in files:
        assert pictures.exif_of(path.read_bytes()) == {}


@pytest.mark.parametrize(
    "cover",
    [
        upload("bia.svg", pictures.SVG, "image/svg+xml"),
        upload("bia.jpg", pictures.HTML, "image/jpeg"),
        upload("bia.png", pictures.decompression_bomb(), "image/png"),
        upload("bia.png", pictures.png_with_html_after_its_end(), "image/png"),
    ],
    ids=["svg", "html", "bomb", "polyglot"],
)
def test_a_cover_that_is_not_a_plain_picture_is_refused_and_nothing_is_stored(cover):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(editor)
    article = ArticleFactory()

    response = change_article_with_cover(client, article, cover)

    assert response.status_code == HTTPStatus.OK  # the form again, with the error
    assert response.context["adminform"].form.errors["cover_image"]
    assert Article.objects.get(pk=article.pk).cover_image.name == ""
    assert media_files() == []


# --- The editor's configuration ------------------------------------------------------------


def test_the_editor_uploads_to_the_checked_view_and_sends_the_csrf_token(settings):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(editor)

    html = client.get(reverse("admin:articles_article_add")).content.decode()

    assert "admin_hnp/editor_csrf.js" in html
    assert html.index("ckeditor/ckeditor/ckeditor.js") < html.index("admin_hnp/editor_csrf.js")
    config = json.loads(unescape(re.search(r'data-config="([^"]+)"', html)[1]))
    assert config["uploadUrl"] == reverse("ckeditor_upload")
    assert config["filebrowserUploadUrl"] == reverse("ckeditor_upload")
    assert config["filebrowserBrowseUrl"] == reverse("ckeditor_browse")
    assert config["filebrowserUploadMethod"] == "xhr"
