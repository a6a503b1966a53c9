from django.utils.text import slugify

# Django's slugify drops "đ" (it has no ASCII decomposition), so "Đảng bộ" would become "ang-bo".
_VIETNAMESE_D = str.maketrans({"đ": "d", "Đ": "D"})


def vietnamese_slugify(value: str) -> str:
    """ASCII slug of a Vietnamese phrase: diacritics removed, đ/Đ mapped to d."""
    return slugify(str(value).translate(_VIETNAMESE_D))
