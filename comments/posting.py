"""What happens when a reader posts a comment: the view, the demo loader and the tests all go
through ``post_comment``, so each rule lives here once.

Order of the checks (cheapest and least revealing first):

1. comments closed on the article                -> CommentsClosed (403), nothing counted
2. the per-client rate limit (every attempt)      -> RateLimited (429)
3. the honeypot                                   -> None: discarded, the bot sees success
4. the form, including the single-use captcha     -> InvalidComment (400) with the bound form
5. flood: the client's last stored comment        -> Flooding (429)
6. duplicate: same text, article and client       -> DuplicateComment (409)
7. block list -> stored as spam; too many links -> stored as pending with a flag
8. stored, then (after commit) a digest for the moderators is queued (comments/tasks.py)
"""

import datetime as dt
from http import HTTPStatus

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article

from .antispam import classify, rate_limit_exceeded
from .forms import CommentForm
from .models import Comment, content_fingerprint
from .tasks import digest_after_comment


class CommentRefused(Exception):
    """A submission refused as a whole; the reader sees ``message`` with ``status``."""

    status = HTTPStatus.BAD_REQUEST

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CommentsClosed(CommentRefused):
    status = HTTPStatus.FORBIDDEN


class RateLimited(CommentRefused):
    status = HTTPStatus.TOO_MANY_REQUESTS


class Flooding(CommentRefused):
    status = HTTPStatus.TOO_MANY_REQUESTS


class DuplicateComment(CommentRefused):
    status = HTTPStatus.CONFLICT


class InvalidComment(Exception):
    """The form did not validate; ``form`` carries the reader's input and the errors."""

    def __init__(self, form: CommentForm):
        super().__init__("invalid comment form")
        self.form = form


def comments_open(article: Article, *, now: dt.datetime | None = None) -> bool:
    """Whether readers may comment on ``article`` now.

    Only articles readers can see, with ``allow_comments`` on, and (when
    ``COMMENT_CLOSE_AFTER_DAYS`` is above 0) published fewer than that many days ago.
    """
    if not article.allow_comments or not article.is_visible_to_readers:
        return False
    days = settings.COMMENT_CLOSE_AFTER_DAYS
    if days > 0:
        now = now or timezone.now()
        return now < article.published_at + dt.timedelta(days=days)
    return True


def post_comment(
    *,
    article: Article,
    data,
    client_ip: str,
    user_agent: str,
) -> Comment | None:
    """Validate, check and store a reader's comment on ``article``.

    ``data`` is the submitted form data (``request.POST``). Returns the stored comment, or
    None when the honeypot was filled (nothing stored; the caller answers as for a success).
    Raises a ``CommentRefused`` subclass or ``InvalidComment``; see the module docstring.
    """
    if not comments_open(article):
        raise CommentsClosed(_("Comments are closed for this article."))
    if rate_limit_exceeded(client_ip=client_ip):
        raise RateLimited(
            _("You have sent too many comments in a short time. Please try again later.")
        )
    if CommentForm.is_honeypot_filled(data):
        return None

    form = CommentForm(data)
    if not form.is_valid():
        raise InvalidComment(form)
    fields = form.comment_fields()

    now = timezone.now()
    ip_address = client_ip or None
    if ip_address:
        recent = Comment.objects.filter(ip_address=ip_address)
        flood_seconds = settings.COMMENT_FLOOD_SECONDS
        if (
            flood_seconds > 0
            and recent.filter(created_at__gt=now - dt.timedelta(seconds=flood_seconds)).exists()
        ):
            raise Flooding(
                _("You are posting comments too quickly. Please wait a moment and try again.")
            )
        window = dt.timedelta(hours=settings.COMMENT_DUPLICATE_WINDOW_HOURS)
        if recent.filter(
            article=article,
            content_hash=content_fingerprint(fields["content"]),
            created_at__gt=now - window,
        ).exists():
            raise DuplicateComment(
                _("You have already sent this comment on this article. It awaits moderation.")
            )

    status, reason = classify(name=fields["name"], title=fields["title"], content=fields["content"])
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article,
            status=status,
            needs_review_reason=reason,
            created_at=now,
            ip_address=ip_address,
            user_agent=user_agent[: Comment._meta.get_field("user_agent").max_length],
            **fields,
        )
        if status == Comment.Status.PENDING:
            transaction.on_commit(digest_after_comment)
    return comment
