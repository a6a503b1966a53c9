"""The comment section under an article: what readers see, and what it costs to show."""

import datetime as dt
from http import HTTPStatus

import pytest
from captcha.models import CaptchaStore
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _thread(article, n, **kwargs):
    start = timezone.now() - dt.timedelta(hours=n + 1)
    return [
        CommentFactory(article=article, created_at=start + dt.timedelta(minutes=i), **kwargs)
        for i in range(n)
    ]


def test_only_approved_comments_are_shown_oldest_first_with_their_count(client, article):
    old = CommentFactory(article=article, title="Ý kiến hôm nay", created_at=timezone.now())
    older = CommentFactory(
        article=article,
        title="Ý kiến hôm qua",
        created_at=timezone.now() - dt.timedelta(days=1),
    )
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        CommentFactory(article=article, status=status, title=f"Không hiện: {status}")
    CommentFactory(title="Bình luận ở bài khác")

    html = client.get(article.get_absolute_url()).content.decode()

    assert 'id="binh-luan-heading">Bình luận <span class="comments__count">(2)</span>' in html
    assert html.index(older.title) < html.index(old.title)
    assert "Không hiện" not in html
    assert "Bình luận ở bài khác" not in html


def test_each_comment_shows_name_title_time_and_content(client, article):
    CommentFactory(
        article=article,
        name="Lê Minh",
        title="Đường thông thoáng hơn",
        content="Sáng nay đi qua thấy rất thoáng.",
        created_at=dt.datetime(2020, 8, 10, 0, 27, tzinfo=dt.UTC),
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Lê Minh" in html
    assert "Đường thông thoáng hơn" in html
    assert "Sáng nay đi qua thấy rất thoáng." in html
    # The same time format as articles, in Vietnam's time zone.
    assert '<time datetime="2020-08-10T07:27:00+07:00">07:27 10/08/2020</time>' in html


def test_no_comments_yet(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert "Chưa có bình luận nào." in html
    assert "(0)" in html


def test_html_typed_by_a_reader_is_shown_as_text_with_line_breaks(client, article):
    CommentFactory(
        article=article,
        name="<b>Kẻ xấu</b>",
        title='<script>alert("tiêu đề")</script>',
        content='<img src=x onerror="alert(1)">\n<a href="javascript:alert(2)">bấm</a>',
    )

    response = client.get(article.get_absolute_url())
    html = response.content.decode()

    assertContains(
        response, '<span class="comment__name">&lt;b&gt;Kẻ xấu&lt;/b&gt;</span>', html=True
    )
    assertContains(
        response,
        '<h3 class="comment__title">&lt;script&gt;alert("tiêu đề")&lt;/script&gt;</h3>',
        html=True,
    )
    assertContains(
        response,
        '<p class="comment__content">&lt;img src=x onerror="alert(1)"&gt;<br>'
        '&lt;a href="javascript:alert(2)"&gt;bấm&lt;/a&gt;</p>',
        html=True,
    )
    assert "<b>Kẻ xấu" not in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def test_the_phone_number_and_ip_address_never_appear_on_the_article_page(client, article):
    CommentFactory(article=article, phone="0912345678", ip_address="203.0.113.77")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "0912345678" not in html
    assert "203.0.113.77" not in html


def test_reading_an_article_writes_nothing_to_the_database(client, article):
    """Not even a captcha: the form's captcha is fetched only when the reader starts writing."""
    _thread(article, 3)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())

    assert response.status_code == HTTPStatus.OK
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []
    assert not CaptchaStore.objects.exists()
    html = response.content.decode()
    assert 'name="captcha_0" id="id_captcha_0" value=""' in html
    assert "/captcha/image/" not in html
    assert 'data-captcha-refresh-url="/captcha/refresh/"' in html
    assert '<script src="/static/js/comments.js" defer></script>' in html


def test_without_javascript_the_article_page_shows_only_the_link_to_the_comment_page(
    client, article
):
    """The cached page's form has no token and no captcha: it is hidden until comments.js
    brings both, so a reader without JavaScript never meets a form that cannot succeed."""
    html = client.get(article.get_absolute_url()).content.decode()

    write_url = f"/binh-luan/viet/{article.slug}/"
    assert (
        f'<p class="comments__write-link" data-comment-write-link><a class="button" '
        f'href="{write_url}">Viết bình luận tại trang gửi bình luận</a></p>'
    ) in html
    assert '<div class="comments__form-box" data-comment-form-box hidden>' in html
    assert f'href="{write_url}" data-captcha-refresh>Lấy lại mã bảo mật</a>' in html


def _count_article_page_queries(client, article):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK
    return len(queries)


def test_the_article_pages_query_count_does_not_grow_with_the_comments(client):
    """Guards against an N+1 in the thread (a query per comment for its article or fields)."""
    small, large = ArticleFactory(), ArticleFactory()
    _thread(small, 2)
    _thread(large, 40)
    # The first page of all reads what every page shares once (the site settings): not counted.
    client.get(reverse("articles:search"))

    assert _count_article_page_queries(client, small) == _count_article_page_queries(client, large)


def test_the_comment_section_costs_one_query(rf, article, django_assert_num_queries):
    """The approved count with one page of comments, whatever the size of the thread: no
    query per comment (N+1) for its article, its fields or its author."""
    _thread(article, 40)
    section = engines["jinja2"].from_string('{% include "comments/section.html" %}')
    request = rf.get(article.get_absolute_url())

    # The request in the context, not as render()'s argument: the page's context processors
    # (the navigation and the site settings, one query each) are the frame's, not the section's.
    with django_assert_num_queries(1):
        html = section.render({"article": article, "request": request})

    assert html.count('class="comment"') == 40


def test_large_threads_are_paginated(settings, client, article):
    settings.COMMENTS_PER_PAGE = 10
    comments = _thread(article, 25)

    first = client.get(article.get_absolute_url()).content.decode()
    third = client.get(article.get_absolute_url(), {"binh-luan": 3}).content.decode()

    assert "(25)" in first
    assert comments[0].title in first
    assert comments[10].title not in first
    assert '<a rel="next" href="?binh-luan=2#binh-luan">' in first
    assert "Trang 1/3" in first
    assert comments[20].title in third and comments[24].title in third
    assert comments[19].title not in third
    assert '<a rel="prev" href="?binh-luan=2#binh-luan">' in third


@pytest.mark.parametrize("page", ["99", "abc", "-1"])
def test_a_bad_comment_page_number_still_shows_the_article(client, article, page):
    _thread(article, 2)

    response = client.get(article.get_absolute_url(), {"binh-luan": page})

    assert response.status_code == HTTPStatus.OK


def test_a_staff_preview_of_a_draft_shows_no_form(admin_client):
    draft = ArticleFactory(status="draft", published_at=None)

    html = admin_client.get(draft.get_absolute_url()).content.decode()

    assert 'name="content"' not in html


@pytest.fixture
def rf():
    return RequestFactory()
