"""System checks for the security settings of issue 18 (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def limits_apart_from_the_page_cache(app_configs=None, **kwargs):
    """The rate-limit counters must not share a Redis that evicts keys to make room for pages."""
    if settings.REDIS_URL and not settings.LIMITS_REDIS_URL:
        return [
            Warning(
                "The rate-limit counters share the page cache's Redis (REDIS_URL), which may "
                "evict them under memory pressure.",
                hint="Set LIMITS_REDIS_URL to a Redis run with --maxmemory-policy noeviction "
                "(docker-compose.yml's `limits` service; SECURITY.md).",
                id="hnp.W018",
            )
        ]
    return []
