"""The media library: every picture the newsroom uploads is a record (its file, size, caption,
credit, alternative text, who uploaded it and when), listed by the editor's "browse" dialog
(articles/editor/views.py) from the database, never by walking the storage.

A picture that an article shows (in its body or as its cover) is linked to it
(``ArticleImage``, filled when the article is saved: articles/body_images.py) and cannot be
deleted while it is.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class LibraryImageQuerySet(models.QuerySet):
    def matching(self, query: str):
        """Pictures whose caption, credit or alternative text hold ``query`` (any case)."""
        query = query.strip()
        if not query:
            return self
        return self.filter(
            models.Q(caption__icontains=query)
            | models.Q(credit__icontains=query)
            | models.Q(alt__icontains=query)
        )

    def uploaded_by(self, user):
        return self.filter(uploaded_by=user)


class LibraryImage(models.Model):
    file = models.ImageField(
        _("file"), upload_to="uploads/%Y/%m/", max_length=255, width_field="width",
        height_field="height", unique=True,
    )  # fmt: skip
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=150, blank=True, help_text=_('Printed as "Ảnh: …".')
    )
    alt = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)
    # The renditions' fingerprint (body_images.renditions_fingerprint) when they were made:
    # saving an article makes them again only for pictures whose fingerprint is not current.
    renditions = models.CharField(_("renditions"), max_length=40, blank=True, editable=False)

    objects = LibraryImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("picture")
        verbose_name_plural = _("media library")
        indexes = [
            # The browse dialog: newest first, everyone's or one person's.
            models.Index(fields=["-uploaded_at", "-id"], name="library_newest_idx"),
            models.Index(
                fields=["uploaded_by", "-uploaded_at", "-id"], name="library_uploader_idx"
            ),
        ]

    def __str__(self):
        return self.caption or self.file.name

    @property
    def credit_line(self) -> str:
        return gettext("Photo: %(credit)s") % {"credit": self.credit} if self.credit else ""
