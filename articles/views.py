from django.views.generic import DetailView, ListView, TemplateView

from .models import Article


class HomeView(TemplateView):
    template_name = "articles/home.html"


class CategoryView(ListView):
    template_name = "articles/category.html"


class ArticleDetailView(DetailView):
    model = Article
    template_name = "articles/article_detail.html"


def page_not_found(request, exception):
    raise NotImplementedError


def server_error(request):
    raise NotImplementedError
