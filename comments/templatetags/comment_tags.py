import functools

from django import template
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject

from comments.constants import PAGE_PARAM
from comments.forms import CommentForm
from comments.models import Comment
from comments.posting import comments_open
from comments.views import read_status_cookie

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    """The article page's comment section: the approved thread and the form.

    Two queries whatever the size of the thread (the count and one page of comments), none
    when the thread comes from the fragment cache (the page and the count are read only when
    the template asks), and no writes: the captcha is fetched by static/js/comments.js only
    when the reader starts writing, with the form's CSRF token (the page is cached and shared
    by every reader, so it must not carry one).
    """
    request = context.get("request")
    asked = (request.GET.get(PAGE_PARAM) or "1")[:6] if request else "1"
    is_open = comments_open(article)
    token = read_status_cookie(request, article) if request else None
    flashes = _comment_flashes(request)

    # Made only when the template asks: not at all when the fragments come from the cache.
    @functools.cache
    def paginator() -> Paginator:
        return Paginator(article.comments.for_thread(), settings.COMMENTS_PER_PAGE)

    return {
        "article": article,
        "page": SimpleLazyObject(lambda: paginator().get_page(asked)),
        "page_asked": asked,
        "comment_count": SimpleLazyObject(lambda: paginator().count),
        "page_param": PAGE_PARAM,
        "comments_open": is_open,
        "form": SimpleLazyObject(CommentForm) if is_open else None,
        "status_token": token,
        "flashes": flashes,
        "request": request,
    }


def _comment_flashes(request) -> list:
    # Reading the message storage makes it delete its cookie in the response even when the
    # reader had none, and a page that sets a cookie cannot be cached: look only when the
    # reader brings a message cookie (MESSAGE_STORAGE is the cookie storage).
    if request is None or CookieStorage.cookie_name not in request.COOKIES:
        return []
    return [m for m in get_messages(request) if "comments" in m.extra_tags.split()]


@register.simple_tag
def comment_counts(articles) -> dict[int, int]:
    """``{% comment_counts articles as counts %}``: approved comments per article id, in one
    query, for lists of articles (then ``{{ counts|get_count:article.pk }}``)."""
    return Comment.objects.approved_counts(articles)


@register.filter
def get_count(counts: dict[int, int], article_id: int) -> int:
    return counts.get(article_id, 0)
