from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .services import parse_rate


@register()
def check_comment_settings(app_configs, **kwargs):
    """Refuse to start with a comment rate limit the posting code could not read."""
    try:
        parse_rate(settings.COMMENT_RATE_LIMIT)
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="Set COMMENT_RATE_LIMIT to posts/period, e.g. 5/10m, or 0 to turn it off.",
                id="comments.E001",
            )
        ]
    return []
