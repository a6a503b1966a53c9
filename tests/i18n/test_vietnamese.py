"""The site speaks Vietnamese: every text the reader templates translate has a Vietnamese
translation in the catalogues (an English msgid left alone would show in English)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.utils import translation

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "jinja2"


def translated_texts():
    environment = engines["jinja2"].env
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        for line, function, message in environment.extract_translations(source):
            yield f"{path.relative_to(TEMPLATES)}:{line}", function, message


def in_vietnamese(function: str, message) -> bool:
    with translation.override("vi"):
        if function in {"pgettext", "npgettext"}:
            context, text = message[0], message[1]
            return translation.pgettext(context, text) != text
        text = message[0] if isinstance(message, tuple) else message
        return translation.gettext(text) != text


def test_the_reader_templates_translate_something():
    assert len(list(translated_texts())) > 50


@pytest.mark.parametrize(
    ("place", "function", "message"), list(translated_texts()), ids=lambda value: str(value)[:60]
)
def test_every_text_of_the_reader_templates_has_a_vietnamese_translation(place, function, message):
    assert in_vietnamese(function, message), f"{place}: no Vietnamese for {message!r}"


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ('{{ _("Search") }}', "Tìm kiếm"),
        (
            '{{ _("Page %(number)s of %(total)s", number="<b>2</b>", total=3) }}',
            "Trang &lt;b&gt;2&lt;/b&gt;/3",
        ),
        (
            '{{ ngettext("%(counter)s article found for “%(query)s”.", "%(counter)s articles found'
            ' for “%(query)s”.", 2, counter=2, query="<script>") }}',
            "Tìm thấy 2 bài viết cho “&lt;script&gt;”.",
        ),
        ('{{ pgettext("comment form", "Get a new code") }}', "Lấy lại mã bảo mật"),
    ],
    ids=["plain", "values-escaped", "plural", "in-context"],
)
def test_template_translations_are_vietnamese_with_their_values_escaped(source, shown):
    with translation.override("vi"):
        assert engines["jinja2"].from_string(source).render() == shown
