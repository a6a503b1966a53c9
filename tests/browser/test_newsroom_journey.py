"""Journey 4: a journalist writes an article in CKEditor with an uploaded, captioned picture and
sends it to review; an editor publishes it; a reader finds it on the home page."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from tests.browser.helpers import log_in_to_admin, wait_for_loaded_image
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Đường đi bộ ven hồ Đống Đa mở cửa đón dân"
SLUG = "duong-di-bo-ven-ho-dong-da-mo-cua-don-dan"
LEAD = "Sau một năm thi công, con đường ven hồ dài 1,5 km đã sẵn sàng cho người đi bộ."
FIRST_PARAGRAPH = "Sáng nay, hàng trăm người dân đã đến đi bộ trên con đường mới."
ALT = "Con đường ven hồ buổi sáng"
CAPTION = "Người dân đi bộ ven hồ Đống Đa sáng 26/11. Ảnh: Minh Anh"
ALT_TEXT_LABEL = "Văn bản thay thế: mô tả ảnh cho người không xem được ảnh"


def test_a_journalists_article_is_published_by_an_editor_and_read(open_page, news_site, tmp_path):
    journalist = newsroom_user("phongvien", "Journalist", "Lê Minh Anh")
    editor = newsroom_user("bientap", "Editor", "Trang Thu")
    picture = tmp_path / "duong-ven-ho.png"
    Image.new("RGB", (800, 450), "#4f772d").save(picture)

    desk = open_page("journalist")
    log_in_to_admin(desk, journalist)
    desk.goto(reverse("admin:articles_article_add"))
    desk.get_by_label("Tiêu đề").fill(TITLE)
    desk.get_by_label("Sapo").fill(LEAD)
    desk.locator(".field-category .select2-selection").click()
    desk.locator(".select2-search__field").fill("Thời")
    desk.locator(".select2-results__option", has_text=news_site.city.name).click()
    expect(desk.locator("#id_slug")).to_have_value(SLUG)  # the Vietnamese prefill script

    editing_area = desk.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    editing_area.click()
    desk.keyboard.type(FIRST_PARAGRAPH)
    desk.keyboard.press("Enter")

    desk.locator("a.cke_button__image").click()
    dialog = desk.locator(".cke_dialog")
    dialog.locator(".cke_dialog_tab", has_text="Tải lên").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(picture)
    dialog.get_by_role("button", name="Tải lên máy chủ").click()
    expect(dialog.get_by_label("URL")).to_have_value(re.compile(r"^/media/uploads/.+\.png$"))
    # Labelled as alt text (CKEditor's own Vietnamese called it "Chú thích ảnh", a caption).
    expect(dialog.get_by_label("Chú thích ảnh", exact=True)).to_have_count(0)
    dialog.get_by_label(ALT_TEXT_LABEL).fill(ALT)
    dialog.get_by_label("Ảnh có chú thích").check()
    dialog.get_by_role("button", name="Đồng ý").click()
    caption = desk.frame_locator("iframe.cke_wysiwyg_frame").locator("figure figcaption")
    caption.click()
    # Select all only once the cursor is in the caption, or it takes the whole body.
    desk.wait_for_function(
        "() => CKEDITOR.instances.id_body.getSelection()?.getStartElement()"
        "?.getAscendant('figcaption', true)"
    )
    desk.keyboard.press("Control+A")  # the caption's placeholder text
    desk.keyboard.type(CAPTION)
    expect(caption).to_have_text(CAPTION)
    expect(editing_area.locator("p").first).to_have_text(FIRST_PARAGRAPH)

    status = desk.get_by_label("Trạng thái")
    expect(status.locator("option[value=published]")).to_have_count(0)
    status.select_option("review")
    desk.locator("input[name=_save]").click()
    expect(desk.locator(".messagelist .success")).to_contain_text(TITLE)
    with desk.context.expect_page() as opening:
        desk.locator("#result_list tr", has_text=TITLE).get_by_role(
            "link", name="Xem trước"
        ).click()
    preview = opening.value
    expect(preview.locator(".preview-banner")).to_contain_text("độc giả chưa xem được")
    expect(preview.locator(".article__body figure figcaption")).to_have_text(CAPTION)

    # Not the preview from the page cache: readers are not staff.
    reader = open_page("reader", phone=True)
    article_url = reverse("articles:detail", kwargs={"slug": SLUG})
    assert reader.goto(article_url).status == HTTPStatus.NOT_FOUND
    reader.goto("/")
    expect(reader.get_by_role("link", name=TITLE)).to_have_count(0)

    chief = open_page("editor")
    log_in_to_admin(chief, editor)
    chief.goto(reverse("admin:articles_article_changelist"))
    chief.get_by_role("link", name=TITLE).click()
    chief.get_by_label("Trạng thái").select_option("published")
    chief.locator("input[name=_save]").click()
    expect(chief.locator(".messagelist .success")).to_contain_text(TITLE)

    reader.reload()
    reader.get_by_role("region", name="Tin nổi bật").get_by_role("link", name=TITLE).click()
    expect(reader).to_have_url(re.compile(re.escape(article_url) + "$"))
    assert re.fullmatch(r"/[a-z0-9/-]+/", article_url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    body = reader.locator(".article__body")
    expect(body.locator("p").first).to_have_text(FIRST_PARAGRAPH)
    expect(body.locator("figure figcaption")).to_have_text(CAPTION)
    expect(body.locator("figure img")).to_have_attribute("alt", ALT)
    wait_for_loaded_image(reader, ".article__body figure img")
    # The byline the form started with: the writer's name, family name first.
    expect(reader.locator(".article__byline")).to_have_text("Lê Minh Anh")
