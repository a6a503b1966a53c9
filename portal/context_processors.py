from django.utils.functional import SimpleLazyObject

from .identity import site_settings


def identity(request):
    """The site settings (``site``) for the masthead and footer, read only if a template uses
    them. The 500 and 503 pages, rendered without a request, go without."""
    return {"site": SimpleLazyObject(lambda: site_settings(request))}
