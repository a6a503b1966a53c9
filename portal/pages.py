"""The pages every page's footer links to, by their slugs (Page.slug); the demo content
(demo/pages.py) writes them, and an editor may change their text in the admin."""

from django.utils.translation import gettext_lazy as _

CONTACT = "lien-he"
PRIVACY = "chinh-sach-bao-ve-du-lieu-ca-nhan"
ACCESSIBILITY = "tuyen-bo-ho-tro-tiep-can"
COMMENTING_RULES = "quy-dinh-binh-luan"

FOOTER_PAGES = (
    (CONTACT, _("Contact")),
    (PRIVACY, _("Personal data protection policy")),
    (ACCESSIBILITY, _("Accessibility statement")),
    (COMMENTING_RULES, _("Commenting rules")),
)
