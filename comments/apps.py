from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from hnp.metrics import register_collector

        from . import checks  # noqa: F401  (registers the system check)
        from .freshness import connect_signals
        from .metrics import PendingCommentsCollector

        connect_signals()
        register_collector(PendingCommentsCollector())
