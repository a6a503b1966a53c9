from django.apps import AppConfig


class HnpConfig(AppConfig):
    """The project package as an app: project-wide management commands (build_bench_data) and
    the page cache's invalidation (hnp/pagecache.py)."""

    name = "hnp"
    verbose_name = "HNP"

    def ready(self):
        from django.conf import settings

        from . import connections  # noqa: F401  (registers the connection budget check)
        from .pagecache import connect_invalidation

        connect_invalidation()
        if settings.METRICS_ALLOWED_IPS:
            from . import metrics

            metrics.install()
