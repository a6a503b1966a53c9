"""Journey 5: a hostile reader puts markup and scripts in every field of the comment form.

The public pages' CSP would block an injected inline script anyway, so the check that counts
there is that the payloads are shown as text (and that no CSP violation is logged, which the
console watch in conftest.py fails on). The admin allows inline scripts for CKEditor: there
``window.__pwned`` staying undefined is the proof that the moderator's pages escape them.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import (
    captcha_answer,
    fill_comment,
    log_in_to_admin,
    send_comment,
)
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCRIPT = "<script>window.__pwned = 'script'</script>"
IMAGE = "<img src=x onerror=\"window.__pwned = 'img'\">"
PAYLOADS = {
    "name": f"{SCRIPT}Khách",
    "phone": "<svg/onload=__pwned=1>",  # the field takes 25 characters
    "title": f"{IMAGE}Tiêu đề{SCRIPT}",
    "content": f"{SCRIPT}\n{IMAGE}\n</textarea><svg onload=\"window.__pwned = 'svg'\">",
}


def assert_nothing_ran(page):
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_markup_in_every_comment_field_is_shown_as_text(open_page, news_site):
    article = news_site.featured
    reader = open_page("reader", phone=True)
    reader.goto(article.get_absolute_url())

    fill_comment(reader, **PAYLOADS)
    send_comment(reader, answer=captcha_answer(reader))
    # Not a phone number: the form comes back with everything kept, as text in the fields.
    expect(reader.locator("#id_phone_error")).to_be_visible()
    for field, typed in PAYLOADS.items():
        expect(reader.locator(f"[name={field}]")).to_have_value(typed)
    assert_nothing_ran(reader)

    reader.get_by_label("Số điện thoại").fill("")
    send_comment(reader, answer=captcha_answer(reader))
    expect(reader.locator("#binh-luan").get_by_role("status")).to_contain_text("chờ kiểm duyệt")
    reader.locator(".comments__status-link").click()  # the reader's private status page
    expect(reader.locator(".comment__title")).to_have_text(PAYLOADS["title"])
    assert reader.locator(".comment__content").inner_text() == PAYLOADS["content"]
    assert_nothing_ran(reader)

    moderator = newsroom_user("kiemduyet", "Moderator")
    admin = open_page("moderator")
    log_in_to_admin(admin, moderator)
    admin.goto(reverse("admin:comments_comment_changelist"))
    row = admin.locator("#result_list tbody tr").filter(has_text="Tiêu đề")
    expect(row.locator("th a")).to_have_text(PAYLOADS["title"])
    assert_nothing_ran(admin)
    row.locator("th a").click()
    expect(admin.locator(".field-content .readonly")).to_contain_text(SCRIPT)
    assert_nothing_ran(admin)
    admin.go_back()
    admin.locator("#result_list tbody tr").filter(has_text="Tiêu đề").get_by_role(
        "checkbox"
    ).check()
    admin.locator("select[name=action]").select_option("approve")
    admin.locator("#changelist-form button[name=index]").click()
    expect(admin.locator(".messagelist .success")).to_be_visible()
    assert_nothing_ran(admin)

    reader.goto(article.get_absolute_url())
    comment = reader.locator(".comments__list .comment").filter(has_text="Tiêu đề")
    expect(comment.locator(".comment__title")).to_have_text(PAYLOADS["title"])
    expect(comment.locator(".comment__name")).to_have_text(PAYLOADS["name"])
    assert comment.locator(".comment__content").inner_text() == PAYLOADS["content"]
    expect(reader.locator(".comments__list").locator("script, img, svg")).to_have_count(0)
    assert_nothing_ran(reader)
