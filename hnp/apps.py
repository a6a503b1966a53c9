from django.apps import AppConfig


class HnpConfig(AppConfig):
    """The cross-cutting app: the page cache's content versions (hnp/pagecache.py), the cache
    backend, rate limits, the client's address, logging, health, database routing, error pages
    and the periodic jobs' runner. It imports no domain app: those register with it."""

    name = "hnp"
    verbose_name = "HNP"

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import checks, connections  # noqa: F401  (register their system checks)
        from .staff_sessions import forget_session, start_idle_clock
        from .two_factor import remember_enrolment

        user_logged_in.connect(start_idle_clock, dispatch_uid="hnp.staff_sessions")
        user_logged_out.connect(forget_session, dispatch_uid="hnp.staff_sessions")
        user_logged_in.connect(remember_enrolment, dispatch_uid="hnp.two_factor")

        if settings.METRICS_ALLOWED_IPS:
            from . import metrics

            metrics.install()
