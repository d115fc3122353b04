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
