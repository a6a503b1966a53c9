from django.db import models
from django.utils.translation import gettext_lazy as _


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
