from django.views.generic import DetailView

from .models import Page


class PageView(DetailView):
    """A page of the site that is not news (contact, privacy…)."""

    model = Page
    template_name = "portal/page.html"
    context_object_name = "page"
