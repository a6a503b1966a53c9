import re
import unicodedata

from django.utils.text import slugify

# Django's slugify drops "đ" (it has no ASCII decomposition), so "Đảng bộ" would become "ang-bo".
_VIETNAMESE_D = str.maketrans({"đ": "d", "Đ": "D"})
_NOT_A_WORD = re.compile(r"[\W_]+")


def vietnamese_slugify(value: str) -> str:
    """ASCII slug of a Vietnamese phrase: diacritics removed, đ/Đ mapped to d."""
    return slugify(str(value).translate(_VIETNAMESE_D))


def search_normalize(value: str) -> str:
    """The form of a text that search compares: lower case, no diacritics, đ as d, words
    separated by single spaces ("Nam Từ Liêm, Hà Nội!" → "nam tu liem ha noi").

    The one normalisation for both sides of a search: the stored ``Article.search_text`` and
    the reader's query. Punctuation becomes a space, so that both backends see the same
    words (PostgreSQL's text-search parser would otherwise treat "2.000" or "a-b" specially).
    """
    folded = str(value).translate(_VIETNAMESE_D).casefold()
    unaccented = "".join(
        char for char in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(char)
    )
    return " ".join(_NOT_A_WORD.sub(" ", unaccented).split())


# A dateline a journalist typed: up to five words in capitals ("HNP", "TP.HCM", "HÀ NỘI",
# "HNP/TTXVN"), then a dash between spaces or a colon.
_DATELINE = re.compile(r"^\s*([^\W\d_a-z][^\s:–—-]*(?:\s+[^\s:–—-]+){0,4})\s*(?:[-–—]\s|:)")


def has_dateline(lead: str) -> bool:
    """Whether ``lead`` opens with a dateline of its own ("HÀ NỘI - Sáng nay…")."""
    match = _DATELINE.match(lead or "")
    return bool(match) and match[1] == match[1].upper() and any(c.isalpha() for c in match[1])


def lead_dateline(lead: str, dateline: str) -> str:
    """The dateline to print before ``lead``: ``dateline`` (the site's), unless the lead
    already has one or the site has none."""
    return "" if not dateline.strip() or has_dateline(lead) else dateline
