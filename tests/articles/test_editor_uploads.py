"""The editor's image upload and browse views are for staff only."""

from http import HTTPStatus
from io import BytesIO

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EDITOR_VIEWS = ["ckeditor_upload", "ckeditor_browse"]


def png_upload(name: str = "Cầu Long Biên.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (120, 80), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def login_redirect(url: str) -> str:
    return f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("view_name", EDITOR_VIEWS)
def test_anonymous_visitors_are_sent_to_the_admin_login(client, view_name):
    url = reverse(view_name)

    for response in (client.get(url), client.post(url, {"upload": png_upload()})):
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == login_redirect(url)
    assert not (settings.MEDIA_ROOT / settings.CKEDITOR_UPLOAD_PATH).exists()


@pytest.mark.parametrize("view_name", EDITOR_VIEWS)
def test_logged_in_readers_who_are_not_staff_are_sent_to_the_admin_login(client, view_name):
    client.force_login(UserFactory(is_staff=False))
    url = reverse(view_name)

    response = client.post(url, {"upload": png_upload()})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == login_redirect(url)
    assert not (settings.MEDIA_ROOT / settings.CKEDITOR_UPLOAD_PATH).exists()


def test_staff_upload_an_image_into_media_and_find_it_when_browsing(client, staff_user):
    client.force_login(staff_user)

    response = client.post(reverse("ckeditor_upload"), {"upload": png_upload()})

    assert response.status_code == HTTPStatus.OK
    answer = response.json()
    assert answer["uploaded"] == "1"
    assert answer["url"].startswith(f"{settings.MEDIA_URL}{settings.CKEDITOR_UPLOAD_PATH}")
    assert answer["url"].endswith(".png")
    stored = settings.MEDIA_ROOT / answer["url"].removeprefix(settings.MEDIA_URL)
    with Image.open(stored) as image:
        assert image.size == (120, 80)

    browse = client.get(reverse("ckeditor_browse"))

    assert browse.status_code == HTTPStatus.OK
    assert answer["url"] in browse.content.decode()


def test_staff_cannot_upload_files_that_are_not_images(client, staff_user):
    client.force_login(staff_user)
    script = SimpleUploadedFile("bai.html", b"<script>alert(1)</script>", content_type="text/html")

    response = client.post(reverse("ckeditor_upload"), {"upload": script})

    assert "Invalid file type" in response.content.decode()
    assert not (settings.MEDIA_ROOT / settings.CKEDITOR_UPLOAD_PATH).exists()
