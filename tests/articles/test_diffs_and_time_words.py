"""The word diff the comparisons show, and the scheduled time in words."""

import datetime as dt
import html
import json
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.diffing import body_text, word_diff
from articles.forms import publish_time_in_words
from tests.articles.admin_forms import add_url, change_url
from tests.factories import ArticleFactory

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_words_removed_and_added_are_marked():
    before, after = word_diff("Giá vàng tăng mạnh sáng nay", "Giá vàng giảm mạnh chiều nay")

    assert before == "Giá vàng <del>tăng</del> mạnh <del>sáng</del> nay"
    assert after == "Giá vàng <ins>giảm</ins> mạnh <ins>chiều</ins> nay"


def test_the_diff_escapes_what_was_typed():
    before, after = word_diff("<script>", "<b>bold</b>")

    assert "<script>" not in before
    assert "&lt;script&gt;" in before
    assert "&lt;b&gt;bold&lt;/b&gt;" in after


def test_the_body_is_compared_as_paragraphs_with_pictures_as_their_alt_text():
    text = body_text(
        '<p>Đoạn một.</p><figure><img src="/a.jpg" alt="Cầu Long Biên"><figcaption>Chú thích'
        "</figcaption></figure><h2>Tiêu đề nhỏ</h2>"
    )

    assert text.split("\n") == ["Đoạn một.", "[Ảnh: Cầu Long Biên]", "Chú thích", "Tiêu đề nhỏ"]


@pytest.mark.parametrize(
    ("when", "words"),
    [
        (
            dt.datetime(2026, 12, 1, 7, 30, tzinfo=HANOI),
            "Sẽ tự động đăng lúc 07:30, thứ Ba 01/12/2026",
        ),
        (
            dt.datetime(2026, 12, 6, 23, 5, tzinfo=HANOI),
            "Sẽ tự động đăng lúc 23:05, Chủ nhật 06/12/2026",
        ),
        (
            dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC),
            "Sẽ tự động đăng lúc 08:00, thứ Ba 01/12/2026",
        ),
    ],
)
def test_a_scheduled_time_in_words(when, words):
    assert publish_time_in_words(when) == words


@pytest.mark.django_db
def test_the_form_shows_a_scheduled_time_in_words(editor_client):
    when = timezone.now() + dt.timedelta(days=3)
    article = ArticleFactory(published_at=when)

    page = editor_client.get(change_url(article))

    assert publish_time_in_words(when) in page.text
    assert "publish_time_words.js" in page.text


@pytest.mark.django_db
def test_the_editor_labels_the_alt_text_as_alt_text(editor_client):
    page = editor_client.get(add_url())

    label = "Văn bản thay thế: mô tả ảnh cho người không xem được ảnh"
    assert json.dumps(label) in html.unescape(page.text)  # in the editor's JSON configuration
    assert "admin_hnp/editor_labels.js" in page.text
