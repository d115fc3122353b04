"""Agency settings are cached between transactions, and a change is seen at once."""

import pytest
from django.core.cache import cache

from auxpolice.rules import services
from auxpolice.rules.selectors import agency_settings


@pytest.mark.django_db(transaction=True)
def test_a_changed_setting_is_seen_at_once_though_settings_are_cached(sysadmin, wuhou):
    cache.clear()
    services.agency_setting_set(actor=sysadmin, agency=wuhou, key="max_age", value=35, basis="甲")
    assert agency_settings(wuhou)["max_age"] == 35
    assert cache.get(f"agency-settings:{wuhou.path}") is not None  # filled outside a transaction
    services.agency_setting_set(actor=sysadmin, agency=wuhou.parent, key="min_age", value=18, basis="乙")
    services.agency_setting_set(actor=sysadmin, agency=wuhou, key="max_age", value=40, basis="丙")
    assert agency_settings(wuhou) == {"min_age": 18, "max_age": 40}


@pytest.mark.django_db(transaction=True)
def test_a_process_that_kept_a_value_sees_another_process_change_it(sysadmin, wuhou):
    """The process-local copy is served only while the shared generation is the one it was read under: a
    change committed elsewhere (here: the generation replaced in the shared cache, as another node's
    invalidation does) is seen on the next read."""
    from auxpolice.core import generation_cache
    from auxpolice.rules.models import AgencyRuleSetting
    from auxpolice.rules.selectors import GENERATION_KEY

    cache.clear()
    services.agency_setting_set(actor=sysadmin, agency=wuhou, key="max_age", value=35, basis="甲")
    assert agency_settings(wuhou)["max_age"] == 35
    assert generation_cache._local[f"agency-settings:{wuhou.path}"][1]["max_age"] == 35
    AgencyRuleSetting.objects.filter(agency=wuhou, key="max_age").update(
        value=38
    )  # no signal in this process
    assert agency_settings(wuhou)["max_age"] == 35  # the generation has not moved: the kept copy
    cache.set(GENERATION_KEY, "changed elsewhere", None)
    assert agency_settings(wuhou)["max_age"] == 38
