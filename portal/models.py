"""The portal's own identity and pages: who runs the site (the footer, as Decree 42/2022/NĐ-CP
asks of state portals) and the few pages that are not news (contact, privacy, accessibility,
commenting rules). Both are edited in the admin; portal/identity.py keeps the identity cached."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.sanitizer import sanitize_html

SINGLETON_PK = 1


class SiteSettings(models.Model):
    """The one row of the site's identity. Blank fields are left out of the footer."""

    portal_name = models.CharField(
        _("portal name"),
        max_length=200,
        blank=True,
        help_text=_("The full name in the footer, e.g. “HNP city news portal”."),
    )
    governing_agency = models.CharField(_("governing agency"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=300,
        blank=True,
        help_text=_("The licence or decision number, its date and who issued it."),
    )
    responsible_person = models.CharField(
        _("person responsible"),
        max_length=200,
        blank=True,
        help_text=_("Who is responsible for the content, with their title."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    hotline = models.CharField(
        _("hotline"), max_length=50, blank=True, help_text=_("Shown in the masthead.")
    )
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pk=SINGLETON_PK), name="portal_sitesettings_one_row"
            )
        ]

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = SINGLETON_PK
        super().save(*args, **kwargs)

    @property
    def phone_uri(self) -> str:
        return "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+")

    @property
    def hotline_uri(self) -> str:
        return "tel:" + "".join(c for c in self.hotline if c.isdigit() or c == "+")


class Page(models.Model):
    """A page of the site that is not news: contact, privacy, accessibility, commenting rules.

    Shaped like django.contrib.flatpages' FlatPage, which is not used: it needs
    django.contrib.sites, whose one row's domain would then replace the request's host in every
    feed and sitemap address and in the admin's "view on site" links."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The page's address: /trang/<slug>/."),
    )
    content = models.TextField(
        _("content"),
        help_text=_("HTML: paragraphs, headings (h2, h3), lists, links, tables."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.content = sanitize_html(self.content)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:page", kwargs={"slug": self.slug})
