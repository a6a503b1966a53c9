from django.utils.functional import SimpleLazyObject

from .listing import categories
from .models import Category


def navigation(request):
    """The categories of the site navigation, queried only if a template uses them."""
    return {"nav_categories": SimpleLazyObject(lambda: categories(Category.objects.navigation()))}
