"""The newsroom's own admin pages pass axe-core's audit (no serious or critical problem):
the calendar, the review queue, the revisions and their comparison, the editors' decisions."""

import pytest
from django.urls import reverse

from articles.revisions import save_article
from tests.browser.helpers import blocking_accessibility_problems, log_in_to_admin
from tests.factories import ArticleFactory
from tests.support.accounts import newsroom_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_newsroom_pages_have_no_serious_accessibility_problems(open_page):
    editor = newsroom_user("bientap", "Editor", "Trần Minh Anh")
    article = ArticleFactory(title="Bài có hai phiên bản")
    save_article(article, user=editor, comment="")
    article.title = "Bài có hai phiên bản, đã sửa"
    save_article(article, user=editor, comment="")
    page = open_page("editor")
    log_in_to_admin(page, editor)

    problems = {}
    for url in [
        reverse("admin:index"),
        reverse("admin:articles_article_calendar"),
        reverse("admin:articles_article_queue"),
        reverse("admin:articles_article_decisions"),
        reverse("admin:articles_article_revisions", args=[article.pk]),
    ]:
        page.goto(url)
        problems[url] = blocking_accessibility_problems(page)
    page.get_by_role("button", name="So sánh").click()
    problems["comparison"] = blocking_accessibility_problems(page)

    assert not any(problems.values()), problems
