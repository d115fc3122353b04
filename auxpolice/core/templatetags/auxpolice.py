from django import template

register = template.Library()


@register.filter
def minutes(delta) -> int:
    return int(delta.total_seconds() // 60) if delta else 0


@register.filter
def indent(agency, base_depth: int = 0) -> range:
    return range(max(agency.depth - base_depth - 1, 0))
