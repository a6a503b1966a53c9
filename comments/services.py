"""Everything that happens when a reader posts a comment or a moderator handles one.

The view, the admin actions, the demo loader and the tests all go through these functions,
so each rule lives here once.

Order of the checks in ``post_comment`` (cheapest and least revealing first):

1. comments closed on the article                -> CommentsClosed (403), nothing counted
2. the per-client rate limit (every attempt)      -> RateLimited (429)
3. the honeypot                                   -> None: discarded, the bot sees success
4. the form, including the single-use captcha     -> InvalidComment (400) with the bound form
5. flood: the client's last stored comment        -> Flooding (429)
6. duplicate: same text, article and client       -> DuplicateComment (409)
7. block list -> stored as spam; too many links -> stored as pending with a flag
8. stored, then (after commit) the moderators are e-mailed about a pending comment
"""

import datetime as dt
import logging
import re
import unicodedata
from functools import partial
from http import HTTPStatus

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from articles.models import Article
from hnp.pagecache import invalidate_pages
from hnp.ratelimit import Rate as Rate  # re-exported: the rate-limit tests import it here
from hnp.ratelimit import limit_exceeded, parse_rate

from .forms import CommentForm, normalise_phone
from .models import MODERATOR_GROUP, Comment, content_fingerprint

logger = logging.getLogger(__name__)


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


# --- Closed articles ------------------------------------------------------------------------


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


# --- Rate limit -----------------------------------------------------------------------------

RATE_LIMIT_SCOPE = "comments:rate"


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


CAPTCHA_LIMIT_SCOPE = "comments:captcha"


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


# --- Content checks -------------------------------------------------------------------------

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


# --- Posting --------------------------------------------------------------------------------


def post_comment(
    *,
    article: Article,
    data,
    client_ip: str,
    user_agent: str,
    base_url: str = "",
) -> Comment | None:
    """Validate, check and store a reader's comment on ``article``.

    ``data`` is the submitted form data (``request.POST``). Returns the stored comment, or
    None when the honeypot was filled (nothing stored; the caller answers as for a success).
    Raises a ``CommentRefused`` subclass or ``InvalidComment``; see the module docstring.
    ``base_url`` (scheme and host) makes the link in the moderators' e-mail absolute.
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
            transaction.on_commit(
                partial(notify_moderators, comment=comment, base_url=base_url), robust=True
            )
    return comment


# --- E-mail to the moderators ---------------------------------------------------------------


def moderator_emails() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=MODERATOR_GROUP)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
        .order_by("email")
    )


def notify_moderators(*, comment: Comment, base_url: str = "") -> bool:
    """E-mail the Moderator group about a new pending comment. Never raises.

    Called after the comment is committed, so a slow or broken mail server cannot lose the
    comment; a failure is logged and the reader's request goes on. (The SMTP connection has
    the EMAIL_TIMEOUT of the mail settings.) Returns whether a mail was sent.
    """
    try:
        recipients = moderator_emails()
        if not recipients:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            admin_path = reverse("admin:comments_comment_change", args=[comment.pk])
            context = {
                "comment": comment,
                "article_title": comment.article.title,
                "admin_url": f"{base_url.rstrip('/')}{admin_path}",
                "held_for_links": comment.needs_review_reason
                == Comment.ReviewReason.TOO_MANY_LINKS,
            }
            subject = _("New comment awaiting moderation: %(title)s") % {
                "title": " ".join(comment.title.split())[:120]
            }
            body = render_to_string("comments/email/new_comment.txt", context)
        EmailMessage(subject=subject, body=body, to=recipients).send()
    except Exception:
        logger.exception("Could not e-mail the moderators about comment %s.", comment.pk)
        return False
    return True


# --- Moderation (one helper per admin action) -----------------------------------------------


def _moderate(*, comments: QuerySet, moderator, status: str) -> int:
    changed = comments.order_by().update(
        status=status, moderated_by=moderator, moderated_at=timezone.now()
    )
    if changed:
        # update() sends no signal: the cached pages must hear of it here.
        invalidate_pages()
    return changed


def approve_comments(*, comments: QuerySet, moderator) -> int:
    """Publish ``comments``; returns how many were changed."""
    return _moderate(comments=comments, moderator=moderator, status=Comment.Status.APPROVED)


def reject_comments(*, comments: QuerySet, moderator) -> int:
    return _moderate(comments=comments, moderator=moderator, status=Comment.Status.REJECTED)


def mark_comments_as_spam(*, comments: QuerySet, moderator) -> int:
    return _moderate(comments=comments, moderator=moderator, status=Comment.Status.SPAM)


# --- Personal data --------------------------------------------------------------------------


def purge_commenter_data(*, now: dt.datetime | None = None) -> int:
    """Erase the phone number, IP address and browser of comments moderated more than
    COMMENT_PII_RETENTION_DAYS ago; returns how many comments were changed.

    Run daily by ``manage.py purge_commenter_data`` (see comments/README.md). The name, title
    and text stay: for a published comment they are public anyway.
    """
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.COMMENT_PII_RETENTION_DAYS)
    return (
        Comment.objects.moderated_before(cutoff)
        .with_personal_data()
        .order_by()
        .update(phone="", ip_address=None, user_agent="")
    )


def anonymous_name() -> str:
    """The name an anonymised comment is shown under, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Anonymous reader")


def erase_commenter(*, phone: str, moderator, delete: bool = False) -> int:
    """Erase, at the commenter's request, every comment left with ``phone`` (typed as people
    type it); returns how many comments were affected.

    By default the comments are anonymised: the name becomes "Anonymous reader" and the phone
    number, IP address and browser are erased, while the text stays where it was published.
    With ``delete`` the comments are deleted outright. Raises ValidationError for a phone
    number that is not one (``normalise_phone``).
    """
    comments = Comment.objects.filter(phone=normalise_phone(phone)).order_by()
    if delete:
        count = comments.delete()[1].get(Comment._meta.label, 0)
    else:
        count = comments.update(name=anonymous_name(), phone="", ip_address=None, user_agent="")
        if count:
            invalidate_pages()  # update() sends no signal; the name shows on public pages
    logger.info(
        "Commenter data erased on request by %s: %d comment(s) %s.",
        getattr(moderator, "username", moderator),
        count,
        "deleted" if delete else "anonymised",
    )
    return count
