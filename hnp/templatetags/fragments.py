"""``{% cachedfragment "name" vary_on… %}…{% endcachedfragment %}``: a piece of a reader page
kept in the cache until what readers see changes.

Like Django's ``{% cache %}``, with the content version (hnp.pagecache.content_version) in
every key, so that no fragment outlives a change (an article or category saved, a comment
moderated, a scheduled article's time arriving), and with the lifetime of the page cache
(PAGE_CACHE_SECONDS). ``FRAGMENT_CACHE=0`` renders every fragment every time (the benchmark's
"no cache at all"). Only for pieces that are the same for every reader: nothing from the
request or the session inside, unless it is among the ``vary_on`` values (the host, for
absolute addresses). Rendered without the cache when the context has no request (the error
pages).

A piece that also changes without any event (the most-read list follows the view counts)
says how often: ``{% cachedfragment "most-read" every=300 %}`` is made again at least every
five minutes.
"""

import hashlib
import time

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

from hnp.pagecache import content_version, local_copies

register = template.Library()

KEY_PREFIX = "fragment:"


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, every):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.every = every

    def render(self, context):
        # Without a request (the 500 and 503 pages, rendered while the database may be down)
        # the content version, which may need the database, is not looked up.
        if not settings.FRAGMENT_CACHE or context.get("request") is None:
            return self.nodelist.render(context)
        parts = [str(self.name.resolve(context))]
        parts += [str(variable.resolve(context)) for variable in self.vary_on]
        parts.append(content_version(context.get("request")))
        if self.every is not None:
            parts.append(str(int(time.time() // int(self.every.resolve(context)))))
        key = KEY_PREFIX + hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
        html = local_copies.get(key)
        if html is None:
            html = cache.get(key)
            if html is None:
                html = str(self.nodelist.render(context))
                cache.set(key, html, settings.PAGE_CACHE_SECONDS)
            local_copies.set(key, html, len(html))
        # Our own template's output, escaped when it was rendered.
        return mark_safe(html)  # noqa: S308


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
    every = next((bit for bit in bits[2:] if bit.startswith("every=")), None)
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:] if bit is not every],
        parser.compile_filter(every.removeprefix("every=")) if every else None,
    )
