import hashlib
import secrets
import unicodedata
from collections import namedtuple

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article
from hnp.sql import WrittenSQL, aware

MODERATOR_GROUP = "Moderator"


def new_status_token() -> str:
    return secrets.token_urlsafe(32)


def content_fingerprint(content: str) -> str:
    """Hash of a comment's text for spotting reposts: the same text however it was typed
    (issue 18): NFKC (composed accents, full-width digits and letters become the usual ones),
    without format characters (zero-width spaces and joiners, direction marks), case folded,
    runs of spaces made one."""
    composed = unicodedata.normalize("NFKC", content)
    visible = "".join(char for char in composed if unicodedata.category(char) != "Cf")
    normalised = " ".join(unicodedata.normalize("NFKC", visible.casefold()).split())
    return hashlib.sha256(normalised.encode()).hexdigest()


def status_rank() -> Case:
    """Pending first, then approved, rejected and spam: the moderators' reading order."""
    return Case(
        When(status="pending", then=Value(0)),
        When(status="approved", then=Value(1)),
        When(status="rejected", then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


MODERATION_ORDERING = (status_rank().asc(), "-created_at", "-pk")


class ModerationReason(models.TextChoices):
    """Why a moderator decided: the short list moderators pick from (a note can add to it).
    The commenter's status page shows the category, never who chose it."""

    NONE = "", pgettext_lazy("moderation reason", "None")
    OFF_TOPIC = "off-topic", pgettext_lazy("moderation reason", "Off topic")
    LANGUAGE = "language", pgettext_lazy("moderation reason", "Inappropriate language")
    FALSE_INFORMATION = "false", pgettext_lazy("moderation reason", "False information")
    ADVERTISING = "advertising", pgettext_lazy("moderation reason", "Advertising")
    OTHER = "other", pgettext_lazy("moderation reason", "Other")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """What readers may see: the one definition of a published comment."""
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def thread_page(self, article: Article, number: str, *, per_page: int) -> Page:
        """Page ``number`` of ``article``'s approved comments, oldest first, as the article page
        shows them: named rows of the public columns only (the phone number and IP address are
        not even read), not models, since a page shows fifty of them. A number that is not one
        gives the first page, one out of range the last (``Paginator.get_page``'s rules).

        The thread's size and the page are read in one written-out query (docs/performance.md):
        the count off the thread's index, the page by an index range."""
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1
        total, rows = _thread_rows(article, max(wanted, 1), per_page)
        paginator = _CountedPaginator(total, per_page)
        if not 1 <= wanted <= paginator.num_pages:
            wanted = paginator.num_pages
            total, rows = _thread_rows(article, wanted, per_page)
            paginator = _CountedPaginator(total, per_page)
        return Page(rows, wanted, paginator)

    def answered(self):
        return self.exclude(reply="")

    def unanswered(self):
        """Readers' questions the newsroom has not answered yet (spam and rejected ones are
        not questions)."""
        return self.filter(reply="", status__in=[Comment.Status.PENDING, Comment.Status.APPROVED])

    def with_personal_data(self):
        """Comments that still hold something identifying their writer beyond what is public:
        the phone number, the IP address or the browser."""
        return self.filter(Q(phone__gt="") | Q(ip_address__isnull=False) | Q(user_agent__gt=""))

    def moderated_before(self, cutoff):
        """Comments a moderator handled before ``cutoff``; and the ones the block list sent to
        spam, which nobody has to handle, posted before it. Pending ones never: a moderator
        still needs their data to judge them."""
        return self.exclude(status=Comment.Status.PENDING).filter(
            Q(moderated_at__lt=cutoff) | Q(moderated_at__isnull=True, created_at__lt=cutoff)
        )


THREAD_FIELDS = ("pk", "name", "title", "content", "created_at", "reply", "replied_at")
ThreadComment = namedtuple("ThreadComment", THREAD_FIELDS)


class _CountedPaginator(Paginator):
    """A paginator told the size of its list (read with the page) instead of counting it."""

    def __init__(self, count: int, per_page: int):
        super().__init__((), per_page)
        self.count = count


def _thread_rows(article: Article, number: int, per_page: int) -> tuple[int, list[ThreadComment]]:
    sql = WrittenSQL(Comment)
    table, of, status = (
        sql.table(Comment),
        sql.column(Comment, "article"),
        sql.column(Comment, "status"),
    )
    created_at, pk = sql.column(Comment, "created_at"), sql.column(Comment, "pk")
    shown = sql.columns(Comment, THREAD_FIELDS, alias="c")
    approved = Comment.Status.APPROVED.value
    # The count as a one-row table, the page joined to it: the count arrives even when the
    # page is empty. Only quoted names of our own model go into the text.
    rows = sql.rows(
        f"SELECT n.total, t.* FROM (SELECT COUNT(*) AS total FROM {table}"  # noqa: S608
        f" WHERE {of} = %s AND {status} = %s) n LEFT JOIN (SELECT {shown} FROM {table} c"
        f" WHERE c.{of} = %s AND c.{status} = %s ORDER BY c.{created_at}, c.{pk}"
        f" LIMIT %s OFFSET %s) t ON 1 = 1 ORDER BY t.{created_at}, t.{pk}",
        [article.pk, approved, article.pk, approved, per_page, (number - 1) * per_page],
    )
    total = rows[0][0] if rows else 0
    return total, [ThreadComment(*aware(row[1:], 4, 6)) for row in rows if row[1] is not None]


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("comment status", "Pending")
        APPROVED = "approved", pgettext_lazy("comment status", "Approved")
        REJECTED = "rejected", pgettext_lazy("comment status", "Rejected")
        SPAM = "spam", pgettext_lazy("comment status", "Spam")

    class PublicStatus(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("comment public status", "Waiting for moderation")
        PUBLISHED = "published", pgettext_lazy("comment public status", "Published")
        NOT_PUBLISHED = "not-published", pgettext_lazy("comment public status", "Not published")

    class ReviewReason(models.TextChoices):
        NONE = "", pgettext_lazy("review reason", "None")
        TOO_MANY_LINKS = "links", _("Too many links")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=pgettext_lazy("comment", "article"),
    )
    name = models.CharField(pgettext_lazy("comment", "name"), max_length=100)
    phone = models.CharField(
        pgettext_lazy("comment", "phone number"),
        max_length=15,
        blank=True,
        help_text=_("Normalised, for example 0912345678. Only moderators see it."),
    )
    title = models.CharField(pgettext_lazy("comment", "title"), max_length=200)
    content = models.TextField(pgettext_lazy("comment", "content"), max_length=5000)
    status = models.CharField(
        pgettext_lazy("comment", "status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    needs_review_reason = models.CharField(
        pgettext_lazy("comment", "held for review because"),
        max_length=10,
        choices=ReviewReason.choices,
        blank=True,
        default=ReviewReason.NONE,
    )
    created_at = models.DateTimeField(pgettext_lazy("comment", "posted"), default=timezone.now)
    ip_address = models.GenericIPAddressField(
        pgettext_lazy("comment", "IP address"), null=True, blank=True
    )
    user_agent = models.CharField(pgettext_lazy("comment", "browser"), max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_comments",
        verbose_name=pgettext_lazy("comment", "moderated by"),
    )
    moderated_at = models.DateTimeField(
        pgettext_lazy("comment", "moderated"), null=True, blank=True
    )
    status_token = models.CharField(
        _("status link token"),
        max_length=64,
        unique=True,
        default=new_status_token,
        editable=False,
    )
    content_hash = models.CharField(
        _("content fingerprint"), max_length=64, editable=False, blank=True
    )
    moderation_reason = models.CharField(
        pgettext_lazy("comment", "reason"),
        max_length=12,
        choices=ModerationReason.choices,
        blank=True,
        default=ModerationReason.NONE,
    )
    reply = models.TextField(
        pgettext_lazy("comment", "official reply"),
        max_length=5000,
        blank=True,
        help_text=_(
            "Published under the comment as “Ban biên tập trả lời:”. Plain text; a pending "
            "comment is approved with its reply."
        ),
    )
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comment_replies",
        verbose_name=pgettext_lazy("comment", "replied by"),
    )
    replied_at = models.DateTimeField(pgettext_lazy("comment", "replied"), null=True, blank=True)
    moderators_emailed_at = models.DateTimeField(
        _("moderators e-mailed"), null=True, blank=True, editable=False
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can approve, reject and mark comments as spam"))]
        indexes = [
            # The article page: approved comments of one article, oldest first (the id breaks
            # ties, so a page is read off the index in order), and their count.
            models.Index(
                fields=["article", "status", "created_at", "id"], name="comment_thread_idx"
            ),
            # The moderation list: by status, newest first.
            models.Index(fields=["status", "-created_at"], name="comment_status_created_idx"),
            # Flood check: the latest comment from one address.
            models.Index(fields=["ip_address", "-created_at"], name="comment_ip_created_idx"),
            # Duplicate check: the same text on the same article.
            models.Index(fields=["article", "content_hash"], name="comment_article_hash_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.content_hash = content_fingerprint(self.content)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The reader's private status page (the token is the only key to it)."""
        return reverse("comments:status", kwargs={"token": self.status_token})

    @property
    def public_status(self) -> "Comment.PublicStatus":
        """What the private status page tells the reader.

        Spam is never named: a comment a moderator marked as spam reads as "not published",
        like a rejected one, and one the block list caught reads as "pending" (nobody has
        looked at it yet), so a spammer cannot use the status page to probe the block list.
        """
        if self.status == self.Status.APPROVED:
            return self.PublicStatus.PUBLISHED
        if self.status == self.Status.PENDING or (
            self.status == self.Status.SPAM and self.moderated_at is None
        ):
            return self.PublicStatus.WAITING
        return self.PublicStatus.NOT_PUBLISHED


class ModeratorDigest(models.Model):
    """The one row that spaces the moderators' e-mails (comments/tasks.py): when the last
    digest was sent, and when the one queued will run. Locked while a digest is scheduled,
    so that two readers' comments never queue two."""

    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)
    queued_for = models.DateTimeField(_("next digest queued for"), null=True, blank=True)

    class Meta:
        verbose_name = _("moderators' e-mail digest")
        verbose_name_plural = _("moderators' e-mail digests")

    def __str__(self):
        return str(self._meta.verbose_name)


class ModerationDecisionQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("The moderation log is kept: decisions are never deleted.")

    def update(self, **kwargs):
        # Only the link to a deleted comment or account may go (on_delete=SET_NULL, below).
        if set(kwargs) - {"comment", "moderator"} or any(v is not None for v in kwargs.values()):
            raise PermissionError("The moderation log is kept: decisions are never changed.")
        return super().update(**kwargs)


class ModerationDecision(models.Model):
    """One moderator's decision on one comment: the audit trail. Written by comments.moderation
    only, never changed or deleted (the admin shows it read-only; see SECURITY.md for how long
    it is kept). The comment's title and the moderator's name are copied, so the entry still
    says something once the comment or the account is gone."""

    class Action(models.TextChoices):
        APPROVE = "approve", pgettext_lazy("moderation action", "Approve")
        REJECT = "reject", pgettext_lazy("moderation action", "Reject")
        SPAM = "spam", pgettext_lazy("moderation action", "Mark as spam")
        RESTORE = "restore", pgettext_lazy("moderation action", "Restore to pending")
        ERASE = "erase", pgettext_lazy("moderation action", "Erase personal data")
        REPLY = "reply", pgettext_lazy("moderation action", "Official reply")

    comment = models.ForeignKey(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("comment"),
    )
    comment_title = models.CharField(pgettext_lazy("comment", "title"), max_length=200)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_decisions",
        verbose_name=pgettext_lazy("moderation decision", "moderator"),
    )
    moderator_name = models.CharField(
        pgettext_lazy("moderation decision", "moderator's name"), max_length=150
    )
    created_at = models.DateTimeField(
        pgettext_lazy("moderation decision", "when"), default=timezone.now
    )
    action = models.CharField(
        pgettext_lazy("moderation decision", "action"), max_length=10, choices=Action.choices
    )
    old_status = models.CharField(
        pgettext_lazy("moderation decision", "from"),
        max_length=10,
        choices=Comment.Status.choices,
        blank=True,
    )
    new_status = models.CharField(
        pgettext_lazy("moderation decision", "to"),
        max_length=10,
        choices=Comment.Status.choices,
        blank=True,
    )
    reason = models.CharField(
        pgettext_lazy("moderation decision", "reason"),
        max_length=12,
        choices=ModerationReason.choices,
        blank=True,
        default=ModerationReason.NONE,
    )
    note = models.TextField(pgettext_lazy("moderation decision", "note"), blank=True)

    objects = ModerationDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation log")
        indexes = [
            # The log, newest first, and filtered by moderator or by reason.
            models.Index(fields=["-created_at"], name="decision_created_idx"),
            models.Index(fields=["moderator", "-created_at"], name="decision_moderator_idx"),
            models.Index(fields=["reason", "-created_at"], name="decision_reason_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.comment_title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The moderation log is kept: decisions are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The moderation log is kept: decisions are never deleted.")
