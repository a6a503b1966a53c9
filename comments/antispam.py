"""What keeps bots and floods off the comment form, besides the captcha: per-client rate
limits, and the text checks that decide how a new comment is stored (the block list sends it
to spam, too many links hold it for a closer look)."""

import re
import unicodedata

from django.conf import settings

from hnp.ratelimit import limit_exceeded, parse_rate

from .models import Comment

RATE_LIMIT_SCOPE = "comments:rate"
CAPTCHA_LIMIT_SCOPE = "comments:captcha"


def rate_limit_exceeded(*, client_ip: str, now: float | None = None) -> bool:
    """Count one comment attempt for ``client_ip``; True if it goes over COMMENT_RATE_LIMIT.

    Every attempt counts, valid or not, so guessing captchas runs into the limit as well. The
    count lives in the shared cache and fails open when the cache does (``hnp.ratelimit``).
    """
    return limit_exceeded(
        scope=RATE_LIMIT_SCOPE,
        client_ip=client_ip,
        rate=parse_rate(settings.COMMENT_RATE_LIMIT),
        label="Comment",
        now=now,
    )


def captcha_limit_exceeded(*, client_ip: str, now: float | None = None) -> bool:
    """Count one captcha handed out to ``client_ip``; True if it goes over CAPTCHA_RATE_LIMIT.

    Every captcha is a database row until it is answered or cleaned up (``captcha_clean``),
    so a bot asking for captchas in a loop would fill the table: the refresh endpoint and the
    plain comment page count each one they create.
    """
    return limit_exceeded(
        scope=CAPTCHA_LIMIT_SCOPE,
        client_ip=client_ip,
        rate=parse_rate(settings.CAPTCHA_RATE_LIMIT, setting="CAPTCHA_RATE_LIMIT"),
        label="Captcha",
        now=now,
    )


_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|vn|info|biz|xyz|top|club|online|site|ly|io|me)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def count_links(text: str) -> int:
    """Web addresses in ``text``: with a scheme, starting with www., or a bare domain."""
    return len(_LINK.findall(text))


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def _without_diacritics(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _word_matches(word: str, term_word: str) -> bool:
    if word == term_word:
        return True
    plain_term = _without_diacritics(term_word)
    if plain_term == term_word:
        # A term listed without diacritics matches the word however it is accented.
        return _without_diacritics(word) == term_word
    # A term with diacritics matches the word typed without any ("lo de" for "lô đề"), but
    # not a differently accented word ("lo để", "worry about", is not "lô đề", a lottery).
    return word == _without_diacritics(word) and word == plain_term


def find_blocked_term(text: str, terms: list[str] | tuple[str, ...]) -> str | None:
    """The first block-list term found in ``text`` as whole words, or None.

    Case-insensitive; đ counts as d; a term with diacritics also matches the same words
    typed without diacritics.
    """
    words = _words(text)
    for term in terms:
        term_words = _words(term)
        n = len(term_words)
        if not n:
            continue
        for start in range(len(words) - n + 1):
            if all(_word_matches(words[start + k], term_words[k]) for k in range(n)):
                return term
    return None


def classify(*, name: str, title: str, content: str) -> tuple[str, str]:
    """The status and review reason a new comment is stored with."""
    text = "\n".join((name, title, content))
    reason = (
        Comment.ReviewReason.TOO_MANY_LINKS
        if count_links(text) > settings.COMMENT_MAX_LINKS
        else Comment.ReviewReason.NONE
    )
    if find_blocked_term(text, settings.COMMENT_BLOCKLIST):
        return Comment.Status.SPAM, reason
    return Comment.Status.PENDING, reason
