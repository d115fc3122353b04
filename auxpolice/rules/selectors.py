from auxpolice.core import generation_cache
from auxpolice.core.models import PATH_SEPARATOR, Agency
from auxpolice.core.scoping import scope

from .models import AgencyRuleSetting


def ancestor_paths(agency: Agency) -> list[str]:
    parts = agency.path.split(PATH_SEPARATOR)[:-1]
    return [PATH_SEPARATOR.join(parts[: i + 1]) + PATH_SEPARATOR for i in range(len(parts))]


GENERATION_KEY = "agency-settings:generation"


def agency_settings(agency: Agency) -> dict:
    """Merged settings for an agency: its own, else the nearest superior's. Every eligibility check reads
    them, so they are cached under a generation any change of any setting replaces."""

    def read() -> dict:
        rows = (
            AgencyRuleSetting.objects.filter(agency__path__in=ancestor_paths(agency))
            .select_related("agency")
            .order_by("agency__path")
        )
        return {row.key: row.value for row in rows}  # deeper paths come later and win

    return dict(generation_cache.cached(GENERATION_KEY, f"agency-settings:{agency.path}", read))


def settings_changed(**_kwargs) -> None:
    generation_cache.invalidate(GENERATION_KEY)


def agency_setting_rows(agency: Agency) -> list[AgencyRuleSetting]:
    """The effective row per key, with the agency it comes from (for display)."""
    rows = (
        AgencyRuleSetting.objects.filter(agency__path__in=ancestor_paths(agency))
        .select_related("agency", "updated_by")
        .order_by("agency__path")
    )
    return sorted({row.key: row for row in rows}.values(), key=lambda row: row.key)


def setting_list_for(*, user):
    return scope(AgencyRuleSetting.objects.select_related("agency"), user).order_by("agency__path", "key")
