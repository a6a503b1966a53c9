from django.utils.functional import SimpleLazyObject

from .models import Category


def navigation(request):
    """The categories of the site navigation, queried only if a template uses them."""
    return {"nav_categories": SimpleLazyObject(lambda: list(Category.objects.all()))}
