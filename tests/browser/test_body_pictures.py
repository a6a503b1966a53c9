"""A camera's full-size photo put into an article through CKEditor's real image dialog: the
reader's phone loads a copy made for its screen, and the whole first load stays light."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.library import LibraryImage
from tests.browser.helpers import log_in_to_admin, wait_for_loaded_image
from tests.factories import camera_photo
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Cầu Long Biên trong sương sớm"
SLUG = "cau-long-bien-trong-suong-som"
ALT_TEXT_LABEL = "Văn bản thay thế: mô tả ảnh cho người không xem được ảnh"
PAGE_BUDGET_BYTES = 400 * 1024


def test_a_camera_photo_weighs_little_on_a_phone(open_page, news_site, tmp_path):
    photo = tmp_path / "DSC_0042.jpg"
    photo.write_bytes(camera_photo((4000, 2667)))
    assert photo.stat().st_size > 5_000_000
    editor = newsroom_user("bientap", "Editor", "Trang Thu")

    desk = open_page("editor")
    log_in_to_admin(desk, editor)
    desk.goto(reverse("admin:articles_article_add"))
    desk.get_by_label("Tiêu đề").fill(TITLE)
    desk.get_by_label("Sapo").fill("Sáng nay sương phủ kín mặt sông Hồng.")
    desk.locator(".field-category .select2-selection").click()
    desk.locator(".select2-results__option", has_text=news_site.city.name).click()
    desk.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    desk.locator("a.cke_button__image").click()
    dialog = desk.locator(".cke_dialog")
    dialog.locator(".cke_dialog_tab", has_text="Tải lên").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(photo)
    dialog.get_by_role("button", name="Tải lên máy chủ").click()
    # A big photo: checked, re-encoded and its renditions made before the answer.
    expect(dialog.get_by_label("URL")).to_have_value(
        re.compile(r"^/media/uploads/.+\.jpg$"), timeout=30_000
    )
    dialog.get_by_label(ALT_TEXT_LABEL).fill("Cầu Long Biên trong sương")
    dialog.get_by_role("button", name="Đồng ý").click()
    desk.get_by_label("Trạng thái").select_option("published")
    desk.locator("input[name=_save]").click()
    expect(desk.locator(".messagelist .success")).to_contain_text(TITLE)
    stored = LibraryImage.objects.get(file__startswith="uploads/")
    assert (stored.width, stored.height) == (2400, 1600)

    reader = open_page("reader", phone=True)
    transferred: list[int] = []
    reader.on(
        "requestfinished",
        lambda request: transferred.append(
            request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        ),
    )
    reader.goto(reverse("articles:detail", kwargs={"slug": SLUG}))
    picture = reader.locator(".article__body img")
    wait_for_loaded_image(reader, ".article__body img")
    reader.wait_for_load_state("networkidle")

    assert re.search(r"/body-480w\.\w+\.(jpg|webp)$", picture.evaluate("img => img.currentSrc"))
    box = picture.bounding_box()
    assert box["width"] <= 375 and box["height"] == pytest.approx(box["width"] * 2 / 3, abs=2)
    assert sum(transferred) < PAGE_BUDGET_BYTES, transferred
