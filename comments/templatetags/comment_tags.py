from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_section(context, article):
    """Placeholder until the comments app renders its section (issue 3)."""
    return ""
