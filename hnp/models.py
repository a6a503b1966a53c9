from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .user_agents import describe_user_agent


class ContentVersion(models.Model):
    """A counter for one part of what readers see, bumped in the same transaction as every
    change to it; the page cache files pages under it (hnp/pagecache.py). Kept in the database,
    not in Redis, so that a change made while Redis is away is never hidden by older copies
    once Redis is back."""

    scope = models.CharField(_("scope"), max_length=300, primary_key=True)
    counter = models.BigIntegerField(_("counter"), default=0)
    upcoming = models.JSONField(
        _("upcoming changes"),
        default=list,
        blank=True,
        help_text=_(
            "Times (Unix seconds, in order) when this part changes with nobody saving "
            "anything: scheduled articles going public."
        ),
    )

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"{self.scope}: {self.counter}"


class StaffSession(models.Model):
    """One signed-in session of a staff member, so that they can see where they are signed in
    and end the others (hnp/staff_sessions.py). The session itself stays in Django's session
    store; this row only describes it, and lists a user's sessions without reading the whole
    session table (a session's data cannot be searched by user)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    signed_in_at = models.DateTimeField(_("signed in at"), default=timezone.now)
    # Written at most once a minute, with the idle clock (StaffIdleTimeoutMiddleware).
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    network = models.CharField(
        _("network"),
        max_length=50,
        blank=True,
        help_text=_("The address without its last part (an IPv4 /24, an IPv6 /64)."),
    )
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    # Which password the session was signed in with (a digest of Django's session auth hash):
    # a password change ends the other sessions (Django refuses them at their next request),
    # and they leave the list at once, not when their browser next calls.
    password_stamp = models.CharField(max_length=16, blank=True)

    class Meta:
        verbose_name = _("sign-in session")
        verbose_name_plural = _("sign-in sessions")
        ordering = ["-last_seen"]
        indexes = [models.Index(fields=["user", "-last_seen"], name="hnp_staffsession_user_seen")]

    def __str__(self):
        return f"{self.user_id}: {self.network or '?'} ({self.last_seen:%Y-%m-%d %H:%M})"

    def device(self) -> str:
        """The browser and system, short and human: "Chrome trên Windows"."""
        return describe_user_agent(self.user_agent)
