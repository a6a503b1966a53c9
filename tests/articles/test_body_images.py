"""Pictures in article bodies: uploaded through the editor they are stored at most 2,400 pixels
wide without their metadata and recorded in the media library; the article page offers them at
several sizes, made when the article is saved (articles/body_images.py)."""

import io
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse
from PIL import Image

from articles import body_images
from articles.library import LibraryImage
from articles.models import Article
from tests.articles.test_renditions import Images
from tests.factories import ArticleFactory, camera_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def upload_photo(client, data: bytes, name="anh-camera.jpg") -> dict:
    response = client.post(
        reverse("ckeditor_upload"), {"upload": SimpleUploadedFile(name, data, "image/jpeg")}
    )
    assert response.status_code == HTTPStatus.OK, response.content
    return response.json()


def media_path(settings, url: str) -> Path:
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)


def all_media(settings) -> set[Path]:
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def body_images_of(client, article) -> list[dict]:
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return Images(response.content.decode()).inside("article__body")


def test_a_camera_photo_is_stored_at_2400_pixels_without_its_location(
    settings, staff_client, staff_user
):
    answer = upload_photo(staff_client, camera_photo())

    path = media_path(settings, answer["url"])
    with Image.open(path) as stored:
        assert stored.size == (2400, 1600)
        assert dict(stored.getexif()) == {}
    assert path.stat().st_size < 2_000_000
    picture = LibraryImage.objects.get()
    assert (picture.width, picture.height) == (2400, 1600)
    assert picture.uploaded_by == staff_user
    assert picture.file.name == answer["url"].removeprefix(settings.MEDIA_URL)


def test_the_article_page_offers_a_body_picture_at_several_widths_in_jpeg_and_webp(
    settings, staff_client, client
):
    answer = upload_photo(staff_client, camera_photo())
    article = ArticleFactory(
        body=f'<p>Mở đầu.</p><p><img src="{answer["url"]}" alt="Cầu Long Biên"></p>'
    )

    [image] = body_images_of(client, article)

    assert (image["width"], image["height"]) == ("2400", "1600")
    assert image["sizes"] == body_images.BODY_SIZES
    widths = [candidate.split()[1] for candidate in image["srcset"].split(", ")]
    assert widths == ["480w", "800w", "1200w", "1600w"]
    for candidate in image["srcset"].split(", "):
        url, width = candidate.split()
        with Image.open(media_path(settings, url)) as rendition:
            assert rendition.format == "JPEG"
            assert f"{rendition.width}w" == width
    assert "-800w." in image["src"]
    assert image["decoding"] == "async"
    html = client.get(article.get_absolute_url()).content.decode()
    if body_images.WEBP:
        assert '<source type="image/webp"' in html


def test_a_small_picture_is_never_enlarged(staff_client, client):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "#2a6").save(buffer, format="PNG")
    response = staff_client.post(
        reverse("ckeditor_upload"),
        {"upload": SimpleUploadedFile("nho.png", buffer.getvalue(), "image/png")},
    )
    article = ArticleFactory(body=f'<p><img src="{response.json()["url"]}" alt="Nhỏ"></p>')

    [image] = body_images_of(client, article)

    assert image["srcset"].endswith(" 300w") and image["srcset"].count(",") == 0
    assert (image["width"], image["height"]) == ("300", "200")


def test_pictures_are_lazy_except_the_first_of_an_article_without_a_cover(staff_client, client):
    urls = [upload_photo(staff_client, camera_photo((900, 600)))["url"] for _ in range(2)]
    body = "".join(f'<p><img src="{url}" alt="Ảnh {n}"></p>' for n, url in enumerate(urls))
    article = ArticleFactory(body=body)

    first, second = body_images_of(client, article)

    assert "loading" not in first
    assert second["loading"] == "lazy"


def test_reading_the_page_makes_no_rendition(settings, staff_client, client):
    answer = upload_photo(staff_client, camera_photo((1300, 900)))
    article = ArticleFactory(body=f'<p><img src="{answer["url"]}" alt="Ảnh"></p>')
    before = all_media(settings)

    body_images_of(client, article)

    assert all_media(settings) == before


def test_a_picture_in_use_cannot_be_deleted(staff_client):
    answer = upload_photo(staff_client, camera_photo((900, 600)))
    article = ArticleFactory(body=f'<p><img src="{answer["url"]}" alt="Ảnh"></p>')
    picture = LibraryImage.objects.get()

    assert list(picture.articles.all()) == [article]
    with pytest.raises(ProtectedError):
        picture.delete()

    article.body = "<p>Bỏ ảnh.</p>"
    article.save()
    picture.delete()
    assert not LibraryImage.objects.exists()


def test_the_command_converts_bodies_written_before_the_library(settings, client):
    """A photo uploaded at full size with its GPS position, in a body saved before pictures
    were sized: the command re-encodes it, points the body to the new file and sizes it."""
    old_name = default_storage.save("uploads/2024/05/cu.jpg", io.BytesIO(camera_photo()))
    body = f'<p><img src="{default_storage.url(old_name)}" alt="Ảnh cũ"></p>'
    article = ArticleFactory(body="<p>Tạm.</p>")
    Article.objects.filter(pk=article.pk).update(body=body)  # as it was stored before
    version = Article.objects.get(pk=article.pk).version

    call_command("convert_body_images", stdout=io.StringIO())

    article.refresh_from_db()
    assert article.version == version
    [picture] = article.images.all()
    assert (picture.width, picture.height) == (2400, 1600)
    assert picture.file.name != old_name
    with Image.open(picture.file.path) as stored:
        assert dict(stored.getexif()) == {}
    [image] = body_images_of(client, article)
    assert image["srcset"].count("w,") == 3
    assert default_storage.url(picture.file.name) not in image["srcset"]

    out = io.StringIO()
    call_command("convert_body_images", stdout=out)
    assert out.getvalue().startswith("0 bodies converted")
    assert LibraryImage.objects.count() == 1


def test_an_animated_gif_keeps_moving(staff_client, client):
    frames = [Image.new("RGB", (200, 100), color) for color in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=200)
    response = staff_client.post(
        reverse("ckeditor_upload"),
        {"upload": SimpleUploadedFile("dong.gif", buffer.getvalue(), "image/gif")},
    )
    url = response.json()["url"]
    article = ArticleFactory(body=f'<p><img src="{url}" alt="Ảnh động"></p>')

    [image] = body_images_of(client, article)

    assert image["src"] == url and "srcset" not in image
    assert (image["width"], image["height"]) == ("200", "100")
