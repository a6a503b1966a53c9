"""The editor's uploads in a real Chromium: CKEditor sends Django's CSRF token with them, shows
the server's reason when a file is refused, and "Browse server" picks an uploaded picture.

(The journalist's journey, tests/browser/test_newsroom_journey.py, uploads a picture through
the image dialog's Upload tab.)"""

import contextlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.helpers import log_in_to_admin
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOT_A_PICTURE = "Tệp này không phải là ảnh. Hãy tải lên ảnh JPEG, PNG, WebP hoặc GIF."
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    "<script>alert(document.cookie)</script></svg>"
)

# Uploads a blob the way CKEditor uploads a pasted or dropped picture (the filetools plugin,
# CKEDITOR_CONFIGS uploadUrl), and reports how it ended.
PASTE_UPLOAD = """async ([kind, text]) => {
  const editor = CKEDITOR.instances.id_body;
  let blob;
  if (kind === "png") {
    const canvas = document.createElement("canvas");
    canvas.width = 40;
    canvas.height = 30;
    canvas.getContext("2d").fillRect(0, 0, 40, 30);
    blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } else {
    blob = new Blob([text], { type: "image/png" });
  }
  return await new Promise((resolve) => {
    const loader = editor.uploadRepository.create(blob, "dan-vao.png");
    loader.on("uploaded", () => resolve({ status: "uploaded", url: loader.url }));
    loader.on("error", () => resolve({ status: "error", message: loader.message }));
    loader.upload(CKEDITOR.fileTools.getUploadUrl(editor.config, "image"));
  });
}"""


def uploaded_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / settings.CKEDITOR_UPLOAD_PATH
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def desk(open_page, db):
    journalist = newsroom_user("phongvien", "Journalist")
    page = open_page("journalist")
    log_in_to_admin(page, journalist)
    page.goto(reverse("admin:articles_article_add"))
    expect(page.locator("iframe.cke_wysiwyg_frame")).to_be_visible()
    return page


def upload_requests(page) -> list:
    requests = []
    page.on(
        "request",
        lambda request: (
            requests.append(request)
            if request.method == "POST" and request.url.endswith(reverse("ckeditor_upload"))
            else None
        ),
    )
    return requests


def test_a_pasted_picture_is_uploaded_with_the_csrf_token(desk):
    sent = upload_requests(desk)

    result = desk.evaluate(PASTE_UPLOAD, ["png", ""])

    assert result["status"] == "uploaded"
    assert re.fullmatch(r"/media/uploads/\d{4}/\d{2}/[\w-]+\.png", result["url"])
    [request] = sent
    token = desk.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    assert request.headers["x-csrftoken"] == token
    assert len(uploaded_files()) == 1


def test_a_pasted_file_that_is_not_a_picture_shows_the_servers_reason(desk):
    result = desk.evaluate(PASTE_UPLOAD, ["svg", SVG])

    assert result == {"status": "error", "message": NOT_A_PICTURE}
    assert uploaded_files() == []


def test_the_image_dialog_shows_why_a_file_was_refused(desk, tmp_path):
    svg = tmp_path / "logo.svg"
    svg.write_text(SVG)
    sent = upload_requests(desk)
    desk.locator("a.cke_button__image").click()
    dialog = desk.locator(".cke_dialog")
    dialog.locator(".cke_dialog_tab", has_text="Tải lên").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(svg)

    with desk.expect_event("dialog") as alert:
        dialog.get_by_role("button", name="Tải lên máy chủ").click()

    assert alert.value.message == NOT_A_PICTURE
    alert.value.dismiss()
    [request] = sent
    assert request.headers["x-csrftoken"]
    assert uploaded_files() == []


def test_browse_server_puts_the_chosen_picture_into_the_image_dialog(desk):
    result = desk.evaluate(PASTE_UPLOAD, ["png", ""])
    assert result["status"] == "uploaded"

    desk.locator("a.cke_button__image").click()
    dialog = desk.locator(".cke_dialog")
    with desk.expect_popup() as popup:
        dialog.get_by_role("button", name="Duyệt máy chủ").click()
    gallery = popup.value
    expect(gallery.get_by_role("heading", name="Ảnh đã tải lên")).to_be_visible()
    # The picker closes its own window as the click lands, which the click may report as an
    # error: the window's closing is what is waited for.
    with gallery.expect_event("close"), contextlib.suppress(PlaywrightError):
        gallery.locator(f'[data-url="{result["url"]}"]').click()

    expect(dialog.get_by_label("URL")).to_have_value(result["url"])
