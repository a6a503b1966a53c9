"""Two versions of an article side by side, with the words added and removed marked.

Used by the revision comparison, the editor's review of a pending change and the page that
refuses a save made from an out-of-date form. Each version is a ``Snapshot``: the fields as
people read them (the category's name, the publish time as the admin writes it), so that a
revision, a pending change, the live article and a posted form compare alike.

Title, lead, cover caption and body are compared word by word (the body as its paragraphs of
text, pictures as their alternative text); the other fields are shown before and after. All
text is escaped: only the <ins>, <del> and <br> this module writes are HTML.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Article, Author, Category

PARAGRAPH = "\n"
_WORDS = re.compile(r"\S+")
_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "tr",
    "table",
    "ul",
    "ol",
    "br",
}

# (field, label, compared word by word)
FIELDS = (
    ("title", gettext_lazy("title"), True),
    ("lead", gettext_lazy("lead"), True),
    ("body", gettext_lazy("body"), True),
    ("cover_image", gettext_lazy("cover image"), False),
    ("cover_caption", gettext_lazy("cover caption"), True),
    ("category", gettext_lazy("category"), False),
    ("byline", gettext_lazy("byline"), False),
    ("author", gettext_lazy("author page"), False),
    ("status", gettext_lazy("status"), False),
    ("published_at", gettext_lazy("publish time"), False),
    ("is_featured", gettext_lazy("featured"), False),
    ("allow_comments", gettext_lazy("allow comments"), False),
)
CONTENT_FIELDS = ("title", "lead", "body")


class _ParagraphText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            self.parts.append(f" {_('[Picture: %(alt)s]') % {'alt': alt}} ")
        self.parts.append(PARAGRAPH if tag in _BLOCKS else " ")

    def handle_endtag(self, tag):
        self.parts.append(PARAGRAPH if tag in _BLOCKS else " ")


def body_text(html: str) -> str:
    """The body's text, one paragraph (heading, list item, caption) a line."""
    parser = _ParagraphText()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split(PARAGRAPH))
    return PARAGRAPH.join(line for line in lines if line)


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for number, line in enumerate(text.split(PARAGRAPH)):
        if number:
            tokens.append(PARAGRAPH)
        tokens.extend(_WORDS.findall(line))
    return tokens


def _render(tokens: list[str]) -> str:
    html, previous = [], None
    for token in tokens:
        if token == PARAGRAPH:
            html.append("<br>")
        else:
            if previous not in (None, PARAGRAPH):
                html.append(" ")
            html.append(str(conditional_escape(token)))
        previous = token
    return "".join(html)


def word_diff(before: str, after: str) -> tuple[SafeString, SafeString]:
    """``before`` with its removed words in <del>, ``after`` with its added words in <ins>."""
    old, new = _tokens(before), _tokens(after)
    left: list[str] = []
    right: list[str] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            left.append(_render(old[i1:i2]))
            right.append(_render(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(f"<del>{_render(old[i1:i2])}</del>")
        if j2 > j1:
            right.append(f"<ins>{_render(new[j1:j2])}</ins>")
    return mark_safe(" ".join(left)), mark_safe(" ".join(right))  # noqa: S308 (escaped words)


@dataclass(frozen=True)
class Snapshot:
    """One version of an article as the comparison shows it; every value is text."""

    values: dict[str, str]

    @classmethod
    def from_fields(cls, fields: dict) -> "Snapshot":
        """From model field values: attribute names (``category_id``) or objects
        (``category``), as an article, a pending change or a revision's ``field_dict``
        has them."""
        values: dict[str, str] = {}
        for name in ("title", "lead", "cover_caption", "byline"):
            if name in fields:
                values[name] = str(fields[name] or "")
        if "body" in fields:
            values["body"] = body_text(fields["body"])
        if "cover_image" in fields:
            cover = fields["cover_image"]
            values["cover_image"] = str(getattr(cover, "name", cover) or "")
        values["category"] = _related_name(fields, "category", Category)
        values["author"] = _related_name(fields, "author", Author)
        if "status" in fields:
            values["status"] = str(Article.Status(fields["status"]).label)
        if "published_at" in fields:
            when = fields["published_at"]
            values["published_at"] = (
                date_format(timezone.localtime(when), "H:i d/m/Y") if when else ""
            )
        for name in ("is_featured", "allow_comments"):
            if name in fields:
                values[name] = _("yes") if fields[name] else _("no")
        return cls({key: value for key, value in values.items() if value is not None})

    @classmethod
    def of(cls, instance, fields=None) -> "Snapshot":
        """From an article or a pending change (``fields``: which, by default all)."""
        names = fields or [name for name, _label, _words in FIELDS]
        present = {}
        for name in names:
            try:
                field = instance._meta.get_field(name)
            except LookupError:
                continue
            present[field.attname] = getattr(instance, field.attname)
        return cls.from_fields(present)


def _related_name(fields: dict, name: str, model) -> str | None:
    if name in fields:
        related = fields[name]
        return str(related) if related is not None else ""
    if f"{name}_id" in fields:
        pk = fields[f"{name}_id"]
        if pk is None:
            return ""
        found = model.objects.filter(pk=pk).first()
        return str(found) if found is not None else _("(deleted)")
    return None


@dataclass(frozen=True)
class FieldComparison:
    name: str
    label: str
    before: SafeString
    after: SafeString
    changed: bool


def compare(before: Snapshot, after: Snapshot, *, changed_only: bool = False) -> list:
    """The fields both snapshots have, in the form's order, each with its two sides."""
    rows = []
    for name, label, by_words in FIELDS:
        if name not in before.values or name not in after.values:
            continue
        old, new = before.values[name], after.values[name]
        changed = old != new
        if changed_only and not changed:
            continue
        if by_words and changed:
            left, right = word_diff(old, new)
        elif changed:
            left = format_html("<del>{}</del>", old) if old else mark_safe("")
            right = format_html("<ins>{}</ins>", new) if new else mark_safe("")
        else:
            left = right = mark_safe(_render(_tokens(old)))  # noqa: S308 (escaped words)
        rows.append(FieldComparison(name, str(label).capitalize(), left, right, changed))
    return rows
