from .listing import categories
from .models import Category


def navigation(request):
    """The categories of the site navigation. Read at once, not lazily: every page rendered
    with a request shows the navigation, and a lazy object costs a call at each use."""
    return {"nav_categories": categories(Category.objects.navigation())}
