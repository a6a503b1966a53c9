import json
from http import HTTPStatus

from captcha import views as captcha_views
from captcha.models import CaptchaStore
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from hnp.errors import csrf_failure_handler
from hnp.network import get_client_ip

from . import posting
from .antispam import captcha_limit_exceeded
from .constants import COMMENTS_ANCHOR, STATUS_COOKIE, STATUS_COOKIE_MAX_AGE, STATUS_COOKIE_SALT
from .forms import CommentForm
from .models import Comment, new_status_token


def _captcha_limit_message() -> str:
    return _("You have asked for too many verification codes. Please try again in a few minutes.")


def read_status_cookie(request: HttpRequest, article: Article) -> str | None:
    """The status token of the reader's latest comment on ``article``, if any."""
    value = request.get_signed_cookie(
        STATUS_COOKIE, default=None, salt=STATUS_COOKIE_SALT, max_age=STATUS_COOKIE_MAX_AGE
    )
    if not value:
        return None
    article_id, _sep, token = value.partition(":")
    return token if article_id == str(article.pk) and token else None


def _write_page(
    request: HttpRequest,
    *,
    article: Article,
    form: CommentForm | None,
    notice: str = "",
    status: int = HTTPStatus.OK,
) -> HttpResponse:
    """The plain comment page: the form with a captcha rendered on the server.

    ``form`` None shows only ``notice`` (and no captcha is created).
    """
    is_open = posting.comments_open(article)
    show_form = is_open and form is not None
    if show_form and captcha_limit_exceeded(client_ip=get_client_ip(request)):
        form, show_form = None, False
        notice, status = _captcha_limit_message(), HTTPStatus.TOO_MANY_REQUESTS
    context = {
        "article": article,
        "form": form if show_form else None,
        "comments_open": is_open,
        "notice": notice,
        "captcha_key": CaptchaStore.generate_key() if show_form else "",
    }
    response = render(request, "comments/write.html", context, status=status)
    # A page holding a one-off captcha must not be served again from a cache.
    add_never_cache_headers(response)
    return response


@require_GET
def write(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return _write_page(request, article=article, form=CommentForm())


def _typed(request: HttpRequest) -> dict[str, str]:
    return {name: request.POST.get(name, "") for name in CommentForm.READER_FIELDS}


def post_refused_by_csrf(request: HttpRequest) -> HttpResponse:
    """A comment refused for its CSRF token (an old tab, cookies off): the comment page again,
    with what the reader typed, a fresh token and a new captcha, so they can send it again."""
    article = get_object_or_404(
        Article.objects.published(), pk=request.resolver_match.kwargs["article_id"]
    )
    return _write_page(
        request,
        article=article,
        form=CommentForm(initial=_typed(request)),
        notice=_(
            "Your comment was not sent: the form had expired. Everything you typed is kept "
            "below; type the new verification code and send it again."
        ),
        status=HTTPStatus.FORBIDDEN,
    )


@csrf_failure_handler(post_refused_by_csrf)
@require_POST
def post(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    try:
        comment = posting.post_comment(
            article=article,
            data=request.POST,
            client_ip=get_client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )
    except posting.InvalidComment as invalid:
        return _write_page(
            request, article=article, form=invalid.form, status=HTTPStatus.BAD_REQUEST
        )
    except posting.Flooding as refused:
        # The text was fine: keep it (unbound, so the used captcha is not checked again and
        # reported as wrong), so the reader can send it again in a moment.
        return _write_page(
            request,
            article=article,
            form=CommentForm(initial=_typed(request)),
            notice=refused.message,
            status=refused.status,
        )
    except posting.CommentRefused as refused:
        return _write_page(
            request, article=article, form=None, notice=refused.message, status=refused.status
        )

    messages.success(
        request,
        _("Your comment has been sent and is awaiting moderation."),
        extra_tags="comments",
    )
    response = HttpResponseRedirect(f"{article.get_absolute_url()}#{COMMENTS_ANCHOR}")
    # The honeypot (comment None) answers exactly like a success, cookie included (issue 18):
    # a token of the same shape that belongs to no comment, so a bot cannot tell it was caught.
    token = comment.status_token if comment is not None else new_status_token()
    response.set_signed_cookie(
        STATUS_COOKIE,
        f"{article.pk}:{token}",
        salt=STATUS_COOKIE_SALT,
        max_age=STATUS_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


@require_GET
def captcha_refresh(request: HttpRequest) -> HttpResponse:
    """django-simple-captcha's refresh endpoint, limited per client (CAPTCHA_RATE_LIMIT)."""
    if captcha_limit_exceeded(client_ip=get_client_ip(request)):
        response = JsonResponse(
            {"error": _captcha_limit_message()}, status=HTTPStatus.TOO_MANY_REQUESTS
        )
    else:
        captcha = json.loads(captcha_views.captcha_refresh(request).content)
        # The article page is cached whole and shared by every reader, so its comment form
        # carries no CSRF token: static/js/comments.js puts this one in (and the CSRF cookie
        # comes with this response).
        response = JsonResponse({**captcha, "csrf_token": get_token(request)})
    add_never_cache_headers(response)
    return response


@require_GET
def captcha_audio(request: HttpRequest, key: str) -> HttpResponse:
    """django-simple-captcha's spoken code (a flite process each time), limited per client
    like the captchas (CAPTCHA_RATE_LIMIT)."""
    if captcha_limit_exceeded(client_ip=get_client_ip(request)):
        response = HttpResponse(_captcha_limit_message(), status=HTTPStatus.TOO_MANY_REQUESTS)
    else:
        response = captcha_views.captcha_audio(request, key)
    add_never_cache_headers(response)
    return response


@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    comment = get_object_or_404(
        Comment.objects.select_related("article").only(
            "title",
            "content",
            "status",
            "created_at",
            "moderated_at",
            "moderation_reason",
            "reply",
            "replied_at",
            "article__title",
            "article__slug",
            "article__status",
            "article__published_at",
        ),
        status_token=token,
    )
    response = render(request, "comments/status.html", {"comment": comment})
    # The address is the reader's secret: keep it out of shared caches and referrers.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response
