"""Two people open the same article: the second sees who is editing and since when; an
editor takes it over and saves; the first person's save is then refused with the
differences, and everything they typed is still in the form."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.helpers import log_in_to_admin, open_article_form
from tests.factories import ArticleFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_editor_takes_over_and_the_journalists_later_save_is_refused(open_page):
    journalist = newsroom_user("phongvien", "Journalist", "Lê Huy Kiên")
    editor = newsroom_user("bientap", "Editor", "Trần Minh Anh")
    article = ArticleFactory(
        title="Trường mới khai giảng",
        lead="Trường khai giảng năm học đầu tiên.",
        status=Article.Status.REVIEW,
        published_at=None,
        created_by=journalist,
    )

    writer = open_page("journalist")
    writer.clock.install()
    log_in_to_admin(writer, journalist)
    open_article_form(writer, article)
    writer.get_by_label("Sapo").fill("Trường khai giảng năm học đầu tiên với 600 học sinh.")

    chief = open_page("editor")
    log_in_to_admin(chief, editor)
    chief.goto(f"/admin/articles/article/{article.pk}/change/")
    lock = chief.locator(".newsroom-lock")
    expect(lock).to_contain_text(
        re.compile(r"Lê Huy Kiên đang sửa bài này từ \d\d:\d\d \d\d/\d\d/\d{4}")
    )
    expect(chief.locator("#id_title")).to_have_count(0)  # read-only while someone edits
    chief.get_by_role("button", name="Giành quyền sửa").click()
    expect(chief.locator(".messagelist .success")).to_contain_text("Bạn đã giành quyền sửa")

    status = writer.locator("#newsroom-editing-status")
    writer.clock.run_for("00:31")  # the page's heartbeat hears of it
    expect(status).to_contain_text("Trần Minh Anh đã giành quyền sửa bài này lúc")

    chief.get_by_label("Tiêu đề").fill("Trường mới khai giảng sáng nay")
    chief.locator("input[name=_save]").click()
    expect(chief.locator(".messagelist .success")).to_be_visible()
    writer.clock.run_for("00:31")
    expect(status).to_contain_text("Trần Minh Anh đã lưu bài này lúc")

    writer.locator("input[name=_save]").click()

    errors = writer.locator(".errornote, .errorlist.nonfield")
    expect(errors.last).to_contain_text("Trần Minh Anh đã lưu bài này lúc")
    expect(writer.get_by_label("Sapo")).to_have_value(
        "Trường khai giảng năm học đầu tiên với 600 học sinh."
    )
    conflict = writer.locator(".newsroom-conflict")
    expect(conflict.locator("tr.diff-title .diff-before")).to_contain_text("sáng nay")
    expect(conflict.locator("tr.diff-lead .diff-after ins")).to_contain_text("với 600 học sinh.")
    article.refresh_from_db()
    assert article.title == "Trường mới khai giảng sáng nay"
    assert article.lead == "Trường khai giảng năm học đầu tiên."
