from django import template

from recruitment import stages

register = template.Library()


@register.filter
def stage_label(code: str) -> str:
    return stages.label(code)


@register.filter
def education_label(code: str) -> str:
    from auxpolice.rules.evaluators.eligibility import EDUCATION_ZH

    return EDUCATION_ZH.get(code, code)
