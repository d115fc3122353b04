from django import template

from recruitment import stages

register = template.Library()


@register.filter
def stage_label(code: str) -> str:
    return stages.label(code)
