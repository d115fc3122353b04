import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.translation import gettext

register = template.Library()
CENT = Decimal("0.01")
ISO_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


@register.filter
def minutes(delta) -> int:
    return int(delta.total_seconds() // 60) if delta else 0


@register.filter
def indent(agency, base_depth: int = 0) -> range:
    return range(max(agency.depth - base_depth - 1, 0))


@register.filter
def money(value) -> str:
    """Yuan as a person writes them: thousands separated, two decimals (120,481.76); — for none."""
    if value is None or value == "":
        return "—"
    try:
        amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return str(value)
    return f"{amount:,.2f}"


@register.filter
def signed_money(value) -> str:
    """A change of pay: +1,200.00 / -35.50 / 0.00."""
    shown = money(value)
    return shown if shown.startswith(("-", "—")) else f"+{shown}"


@register.filter
def shown(value) -> str:
    """Any stored value as a person reads it: a time in Beijing time (2026-11-30 23:34), a date as
    2026-11-30, a list joined with 、, a mapping as 键：值, yes/no in words; never Python's repr or ISO 8601
    with microseconds."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime):
        return f"{timezone.localtime(value) if timezone.is_aware(value) else value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, str):
        moment = _iso_moment(value)
        return shown(moment) if moment is not None else value
    if isinstance(value, list | tuple | set):
        return "、".join(shown(item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{key}：{shown(item)}" for key, item in value.items())
    return str(value)


def _iso_moment(text: str) -> datetime | date | None:
    """An ISO 8601 timestamp or date stored as text (JSON fields keep them so)."""
    if not ISO_SHAPE.match(text):
        return None
    try:
        return datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text)
    except ValueError:
        return None


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when absent)."""
    return mapping.get(key) if mapping else None
