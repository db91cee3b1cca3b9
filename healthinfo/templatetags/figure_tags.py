"""``{% picture figure %}``: a figure's image with its responsive renditions."""

from django import template

from healthinfo.figures.services import responsive_image

register = template.Library()


@register.inclusion_tag("healthinfo/_picture.html")
def picture(figure):
    """
    A ``<picture>`` with WebP and fallback ``srcset``s when the figure has
    renditions (``with_renditions``), else the original image. Never queries.
    """
    return {"figure": figure, "image": responsive_image(figure)}
