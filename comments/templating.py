"""What the comments app gives the reader templates (hnp/templating.py loads it): the comment
section of the article page, and the comment form's fields."""

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest

from articles.models import Article

from .constants import COMMENTS_ANCHOR, PAGE_PARAM
from .forms import CommentForm
from .models import Comment
from .posting import comments_open
from .views import read_status_cookie


def comment_section(request: HttpRequest, article: Article) -> dict:
    """The article page's comment section: one page of the approved thread, and the form.

    One query whatever the size of the thread (its count with one page of comments) and no
    writes: the captcha is fetched by static/js/comments.js only when the reader starts
    writing, with the form's CSRF token (the page is shared by every reader, so it must not
    carry one).
    """
    is_open = comments_open(article)
    number = (request.GET.get(PAGE_PARAM) or "1")[:6]
    return {
        "page": Comment.objects.thread_page(article, number, per_page=settings.COMMENTS_PER_PAGE),
        "page_param": PAGE_PARAM,
        "anchor": COMMENTS_ANCHOR,
        "is_open": is_open,
        "form": CommentForm() if is_open else None,
        "status_token": read_status_cookie(request, article),
        "flashes": _comment_flashes(request),
    }


def _comment_flashes(request: HttpRequest) -> list:
    # Reading the message storage makes it delete its cookie in the response even when the
    # reader had none, and a page that sets a cookie cannot be shared: look only when the
    # reader brings a message cookie (MESSAGE_STORAGE is the cookie storage).
    if CookieStorage.cookie_name not in request.COOKIES:
        return []
    return [m for m in get_messages(request) if "comments" in m.extra_tags.split()]


def captcha_audio() -> bool:
    """Whether the captcha can be listened to (flite is installed: CAPTCHA_FLITE_PATH)."""
    return bool(settings.CAPTCHA_FLITE_PATH)


TEMPLATE_GLOBALS = {"comment_section": comment_section, "captcha_audio": captcha_audio}
TEMPLATE_FILTERS = {}
