"""A camera's full-size photo put into an article through CKEditor's real image dialog: the
reader's phone loads a copy made for its screen, and the whole first load stays light."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from articles.images import store_editor_image
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


def test_a_journalist_picks_a_picture_from_the_media_library(open_page, news_site):
    journalist = newsroom_user("phongvien", "Journalist", "Lê Minh Anh")
    colleague = newsroom_user("dongnghiep", "Journalist", "Trần Bình")
    for caption, alt, by in [
        ("Hồ Gươm mùa thu", "Tháp Rùa giữa hồ", colleague),
        ("Cầu Long Biên lúc bình minh", "Cây cầu sắt trong sương", journalist),
    ]:
        upload = SimpleUploadedFile("anh.jpg", camera_photo((900, 600)), "image/jpeg")
        picture = store_editor_image(upload, uploaded_by=by)
        picture.caption, picture.alt = caption, alt
        picture.save()

    desk = open_page("journalist")
    log_in_to_admin(desk, journalist)
    desk.goto(reverse("admin:articles_article_add"))
    desk.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    desk.locator("a.cke_button__image").click()
    dialog = desk.locator(".cke_dialog")
    with desk.context.expect_page() as opening:
        dialog.get_by_role("button", name="Duyệt máy chủ").first.click()
    library = opening.value
    expect(library.get_by_text("Cầu Long Biên lúc bình minh")).to_be_visible()
    expect(library.get_by_text("Hồ Gươm mùa thu")).to_be_visible()
    library.get_by_label("Chỉ ảnh của tôi").check()
    library.get_by_role("button", name="Tìm kiếm").click()
    expect(library.get_by_text("Hồ Gươm mùa thu")).to_have_count(0)
    library.get_by_label("Tìm theo chú thích").fill("long biên")
    library.get_by_role("button", name="Tìm kiếm").click()
    with library.expect_event("close"):
        library.get_by_role("button", name="Cây cầu sắt trong sương").click()

    expect(dialog.get_by_label("URL")).to_have_value(re.compile(r"^/media/uploads/.+\.jpg$"))
    expect(dialog.get_by_label(ALT_TEXT_LABEL)).to_have_value("Cây cầu sắt trong sương")
