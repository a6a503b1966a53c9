from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo newsroom that ``make run`` loads (``load_demo``, ``load_demo_comments``):
    original Vietnamese articles with drawn pictures, reader comments and demo accounts. Its
    commands refuse to run with DEBUG off; its authentication backend refuses the published
    demo password there (demo/auth.py)."""

    name = "demo"
    verbose_name = _("Demo content")
