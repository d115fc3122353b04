import uuid

from django.core.cache import cache
from django.db import connection, transaction

from auxpolice.core.models import PATH_SEPARATOR, Agency
from auxpolice.core.scoping import scope

from .models import AgencyRuleSetting


def ancestor_paths(agency: Agency) -> list[str]:
    parts = agency.path.split(PATH_SEPARATOR)[:-1]
    return [PATH_SEPARATOR.join(parts[: i + 1]) + PATH_SEPARATOR for i in range(len(parts))]


GENERATION_KEY = "agency-settings:generation"


def agency_settings(agency: Agency) -> dict:
    """Merged settings for an agency: its own, else the nearest superior's.

    Every eligibility check reads them, so they are cached under a generation that any change of any
    setting replaces (at save and again at commit). The cache is only filled outside a transaction, so
    an uncommitted or rolled-back change is never cached.
    """
    key = f"agency-settings:{agency.path}"
    cached = cache.get_many([GENERATION_KEY, key])
    generation, hit = cached.get(GENERATION_KEY), cached.get(key)
    if generation is not None and hit is not None and hit[0] == generation:
        return dict(hit[1])
    rows = (AgencyRuleSetting.objects.filter(agency__path__in=ancestor_paths(agency))
            .select_related("agency").order_by("agency__path"))
    value = {row.key: row.value for row in rows}  # deeper paths come later and win
    if not connection.in_atomic_block:
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            generation = cache.get(GENERATION_KEY)
        cache.set(key, (generation, value), 3600)
    return value


def settings_changed(**_kwargs) -> None:
    def bump():
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def agency_setting_rows(agency: Agency) -> list[AgencyRuleSetting]:
    """The effective row per key, with the agency it comes from (for display)."""
    rows = (AgencyRuleSetting.objects.filter(agency__path__in=ancestor_paths(agency))
            .select_related("agency", "updated_by").order_by("agency__path"))
    return sorted({row.key: row for row in rows}.values(), key=lambda row: row.key)


def setting_list_for(*, user):
    return scope(AgencyRuleSetting.objects.select_related("agency"), user).order_by("agency__path", "key")
