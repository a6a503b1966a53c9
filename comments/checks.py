from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from hnp.ratelimit import parse_rate


@register()
def check_comment_settings(app_configs, **kwargs):
    """Refuse to start with a rate limit the posting code could not read."""
    errors = []
    for setting, example, error_id in (
        ("COMMENT_RATE_LIMIT", "5/10m", "comments.E001"),
        ("CAPTCHA_RATE_LIMIT", "30/10m", "comments.E002"),
    ):
        try:
            parse_rate(getattr(settings, setting), setting=setting)
        except ImproperlyConfigured as error:
            errors.append(
                Error(
                    str(error),
                    hint=f"Set {setting} to a number per period, e.g. {example}, or 0 to turn "
                    "it off.",
                    id=error_id,
                )
            )
    return errors
