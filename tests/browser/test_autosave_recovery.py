"""Autosave: what a journalist types is kept every 30 seconds without publishing anything,
and offered back ("Khôi phục bản đang soạn lúc 10:42?") after the tab was closed, the
browser crashed, or the session expired."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Autosave
from tests.browser.helpers import (
    body_html,
    log_in_to_admin,
    open_article_form,
    type_in_body,
)
from tests.factories import ArticleFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OFFER = re.compile(r"Khôi phục bản đang soạn lúc \d\d:\d\d\?")


@pytest.fixture
def journalist():
    return newsroom_user("phongvien", "Journalist", "Lê Huy Kiên")


@pytest.fixture
def draft(journalist):
    return ArticleFactory(
        title="Lễ hội hoa xuân",
        body="<p>Lễ hội mở cửa từ thứ Bảy.</p>",
        status=Article.Status.DRAFT,
        published_at=None,
        created_by=journalist,
    )


def write(page):
    page.get_by_label("Tiêu đề").fill("Lễ hội hoa xuân kéo dài thêm hai ngày")
    type_in_body(page, "Ban tổ chức vừa quyết định kéo dài lễ hội.")


def test_work_kept_every_30_seconds_is_offered_back_on_another_computer(
    open_page, journalist, draft
):
    desk = open_page("journalist")
    desk.clock.install()
    log_in_to_admin(desk, journalist)
    open_article_form(desk, draft)
    write(desk)

    with desk.expect_response(re.compile(r"/editing/$")) as autosaved:
        desk.clock.run_for("00:31")
    assert autosaved.value.ok
    expect(desk.locator("#newsroom-editing-status")).to_contain_text("Đã tự động lưu bản nháp lúc")
    draft.refresh_from_db()
    assert draft.title == "Lễ hội hoa xuân"  # nothing saved into the article, nothing published
    assert Autosave.objects.get().data["title"] == "Lễ hội hoa xuân kéo dài thêm hai ngày"
    desk.close()  # the laptop's battery died

    elsewhere = open_page("journalist on another computer")
    log_in_to_admin(elsewhere, journalist)
    open_article_form(elsewhere, draft)
    offer = elsewhere.locator("#newsroom-autosave")
    expect(offer).to_contain_text(OFFER)
    expect(elsewhere.get_by_label("Tiêu đề")).to_have_value("Lễ hội hoa xuân")
    offer.get_by_role("button", name="Khôi phục").click()

    expect(elsewhere.get_by_label("Tiêu đề")).to_have_value("Lễ hội hoa xuân kéo dài thêm hai ngày")
    elsewhere.wait_for_function(
        "() => CKEDITOR.instances.id_body.getData().includes('kéo dài lễ hội')"
    )
    elsewhere.locator("input[name=_save]").click()
    expect(elsewhere.locator(".messagelist .success")).to_be_visible()
    draft.refresh_from_db()
    assert draft.title == "Lễ hội hoa xuân kéo dài thêm hai ngày"
    assert "Ban tổ chức vừa quyết định kéo dài lễ hội." in draft.body
    assert not Autosave.objects.exists()


def test_a_page_left_without_saving_leaves_its_work_to_the_next_one(open_page, journalist, draft):
    """Kept on leaving (sent to the server, and in the browser's own copy)."""
    desk = open_page("journalist")
    log_in_to_admin(desk, journalist)
    open_article_form(desk, draft)
    write(desk)
    desk.goto(reverse("admin:articles_article_changelist"))  # left without saving

    open_article_form(desk, draft)
    desk.locator("#newsroom-autosave").get_by_role("button", name="Khôi phục").click()

    expect(desk.get_by_label("Tiêu đề")).to_have_value("Lễ hội hoa xuân kéo dài thêm hai ngày")
    assert "kéo dài lễ hội" in body_html(desk)


def test_work_typed_after_the_session_expired_is_offered_after_logging_in_again(
    open_page, journalist, draft
):
    desk = open_page("journalist")
    desk.clock.install()
    log_in_to_admin(desk, journalist)
    open_article_form(desk, draft)
    Session.objects.all().delete()  # the session expired
    write(desk)

    desk.clock.run_for("00:31")
    expect(desk.locator("#newsroom-editing-status")).to_contain_text("Phiên đăng nhập đã hết hạn")
    assert not Autosave.objects.exists()

    again = desk.context.new_page()
    log_in_to_admin(again, journalist)
    open_article_form(again, draft)
    offer = again.locator("#newsroom-autosave")
    expect(offer).to_contain_text(OFFER)
    offer.get_by_role("button", name="Khôi phục").click()
    expect(again.get_by_label("Tiêu đề")).to_have_value("Lễ hội hoa xuân kéo dài thêm hai ngày")


def test_nothing_is_offered_when_nothing_was_left_unsaved(open_page, journalist, draft):
    desk = open_page("journalist")
    log_in_to_admin(desk, journalist)
    open_article_form(desk, draft)
    write(desk)
    desk.locator("input[name=_continue]").click()
    expect(desk.locator(".messagelist .success")).to_be_visible()

    open_article_form(desk, draft)

    expect(desk.locator("#newsroom-autosave")).to_be_hidden()
