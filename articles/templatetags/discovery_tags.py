"""Template tags for what makes articles findable and shareable: the head's search-engine and
social tags, the share links and the most-read list."""

from urllib.parse import urlencode

from django import template
from django.templatetags.static import static

from articles import seo
from articles.most_read import most_read

register = template.Library()

FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php"
# Zalo's web share page: a plain link, so no Zalo script runs on our pages (the CSP forbids it).
ZALO_SHARE = "https://sp.zalo.me/share_to_zalo"


def _canonical(context) -> str:
    """This page's address without its query string, but with its page number if not 1."""
    request = context["request"]
    page = context.get("page_obj")
    path = request.path
    if page is not None and page.number > 1:
        path += f"?{urlencode({'page': page.number})}"
    return seo.absolute(request, path)


@register.inclusion_tag("includes/seo_article.html", takes_context=True)
def article_meta(context, article):
    """Canonical address, description, Open Graph, Twitter card and NewsArticle JSON-LD."""
    request = context["request"]
    has_time = article.published_at is not None
    return {
        "article": article,
        "canonical": seo.absolute(request, article.get_absolute_url()),
        "image": seo.article_image(request, article),
        "image_alt": (article.cover_caption or article.title) if article.cover_image else "HNP",
        "published": seo.iso_time(article.published_at),
        "modified": seo.iso_time(seo.article_modified(article)),
        "site_name": seo.SITE_NAME,
        "locale": seo.OG_LOCALE,
        "json_ld": seo.json_ld_script(seo.news_article_data(request, article)) if has_time else "",
    }


@register.inclusion_tag("includes/seo_page.html", takes_context=True)
def page_meta(context, title, description):
    """Canonical address, description and Open Graph basics of a list page."""
    return {
        "title": title,
        "description": description,
        "canonical": _canonical(context),
        "image": seo.absolute(context["request"], static(seo.DEFAULT_IMAGE)),
        "site_name": seo.SITE_NAME,
        "locale": seo.OG_LOCALE,
    }


@register.inclusion_tag("articles/includes/share.html", takes_context=True)
def share_links(context, article):
    url = seo.absolute(context["request"], article.get_absolute_url())
    return {
        "url": url,
        "facebook_url": f"{FACEBOOK_SHARE}?{urlencode({'u': url})}",
        "zalo_url": f"{ZALO_SHARE}?{urlencode({'url': url})}",
    }


@register.inclusion_tag("articles/includes/most_read.html")
def most_read_list():
    """The "Đọc nhiều" list (one query; see articles.most_read.most_read)."""
    return {"articles": most_read()}
