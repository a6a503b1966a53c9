"""The demo accounts' password is printed by ``make run`` for anyone to read: a site with DEBUG
off refuses it, so that a demo account that reached a production database cannot be used."""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from .loading import DEMO_PASSWORD


class RefuseDemoPassword:
    """Before Django's ``ModelBackend`` in ``AUTHENTICATION_BACKENDS``: raising stops Django
    from asking the others, and the attempt is counted as a failed login like any other
    refused password. It signs nobody in, so it has no ``get_user`` (the test client's
    ``force_login`` picks the first backend that has one)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is not None and not settings.DEBUG and password == DEMO_PASSWORD:
            raise PermissionDenied("the demo password is refused when DEBUG is off")
        return None
