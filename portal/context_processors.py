from .identity import site_settings


def identity(request):
    """The site settings (``site``) for the masthead and footer, read at once (every page
    rendered with a request shows them; a lazy object costs a call at each of their twenty
    uses). The 500 and 503 pages, rendered without a request, go without."""
    return {"site": site_settings(request)}
