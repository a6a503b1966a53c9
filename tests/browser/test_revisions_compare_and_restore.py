"""An editor opens an article's revisions, compares two side by side with the changed words
marked, and restores the older one, which becomes a new revision."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from articles.revisions import revisions_of, save_article
from tests.browser.helpers import log_in_to_admin, open_article_form
from tests.factories import ArticleFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_editor_compares_two_revisions_and_restores_the_older(open_page):
    editor = newsroom_user("bientap", "Editor", "Trần Minh Anh")
    article = ArticleFactory(title="Giá xăng giảm từ chiều nay", lead="Giảm 500 đồng mỗi lít.")
    save_article(article, user=editor, comment="")
    article.title = "Giá xăng tăng từ chiều nay"
    article.lead = "Tăng 700 đồng mỗi lít."
    save_article(article, user=editor, comment="")

    desk = open_page("editor")
    log_in_to_admin(desk, editor)
    open_article_form(desk, article)
    desk.get_by_role("link", name="Phiên bản").click()
    revisions = desk.locator("tr.revision")
    expect(revisions).to_have_count(2)
    expect(revisions.first).to_contain_text("Trần Minh Anh")
    desk.get_by_role("button", name="So sánh").click()

    title_row = desk.locator("tr.diff-title")
    expect(title_row.locator(".diff-before del")).to_have_text("giảm")
    expect(title_row.locator(".diff-after ins")).to_have_text("tăng")
    expect(desk.locator("tr.diff-lead .diff-before del")).to_have_text("Giảm 500")
    expect(desk.locator("tr.diff-lead .diff-after ins")).to_have_text("Tăng 700")

    desk.locator(".newsroom-actions a", has_text="Khôi phục").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Khôi phục phiên bản lúc")
    desk.get_by_role("button", name="Khôi phục phiên bản này").click()

    expect(desk.locator(".messagelist .success")).to_contain_text("lưu thành một phiên bản mới")
    expect(desk.get_by_label("Tiêu đề")).to_have_value("Giá xăng giảm từ chiều nay")
    article.refresh_from_db()
    assert article.title == "Giá xăng giảm từ chiều nay"
    assert article.status == Article.Status.PUBLISHED
    assert revisions_of(article).count() == 3
    desk.goto(reverse("admin:articles_article_revisions", args=[article.pk]))
    expect(desk.locator("tr.revision")).to_have_count(3)
