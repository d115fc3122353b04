from datetime import date

import pytest
from django.core import mail

from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.rules import notices, services
from auxpolice.rules.models import AgencyRuleSetting, RulesExpiryNotice
from auxpolice.rules.selectors import agency_settings

pytestmark = pytest.mark.django_db


def test_a_county_inherits_its_citys_setting_and_may_override_it(
    city_officer, county_officer, chengdu, wuhou
):
    services.agency_setting_set(
        actor=city_officer, agency=chengdu, key="publicity_working_days", value="7", basis="市局文件"
    )
    assert agency_settings(wuhou) == {"publicity_working_days": 7}
    services.agency_setting_set(
        actor=county_officer, agency=wuhou, key="publicity_working_days", value=5, basis="区局会议纪要"
    )
    assert agency_settings(wuhou) == {"publicity_working_days": 5}
    assert agency_settings(chengdu) == {"publicity_working_days": 7}


def test_setting_change_keeps_history_with_the_actor(city_officer, chengdu):
    setting = services.agency_setting_set(
        actor=city_officer, agency=chengdu, key="max_age", value=40, basis="文件"
    )
    assert setting.history.get().history_user == city_officer


def test_a_county_officer_cannot_set_the_citys_rules(county_officer, chengdu):
    with pytest.raises(NotPermitted):
        services.agency_setting_set(actor=county_officer, agency=chengdu, key="max_age", value=40, basis="x")
    assert not AgencyRuleSetting.objects.exists()


@pytest.mark.parametrize(
    "key, value, field",
    [
        ("max_age", "abc", "value"),
        ("max_age", 99, "value"),
        ("nonsense", 1, "key"),
        ("min_education_service", "phd", "value"),
    ],
)
def test_bad_setting_values_are_refused_on_the_right_field(city_officer, chengdu, key, value, field):
    with pytest.raises(DomainError) as error:
        services.agency_setting_set(actor=city_officer, agency=chengdu, key=key, value=value, basis="x")
    assert error.value.field == field
    assert not AgencyRuleSetting.objects.exists()


def test_a_setting_needs_its_basis(city_officer, chengdu):
    with pytest.raises(DomainError) as error:
        services.agency_setting_set(actor=city_officer, agency=chengdu, key="max_age", value=40, basis=" ")
    assert error.value.field == "basis"


def test_expiry_warning_is_sent_once_per_lead_time(sysadmin, django_capture_on_commit_callbacks):
    sysadmin.email = "admin@example.cn"
    sysadmin.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert notices.warn_expiring_packs(date(2027, 10, 1)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert notices.warn_expiring_packs(date(2027, 10, 1)) == 0
    assert len(mail.outbox) == 1 and "2027-12-31" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert notices.warn_expiring_packs(date(2027, 12, 10)) == 1
    assert set(RulesExpiryNotice.objects.values_list("days_before", flat=True)) == {180, 30}


def test_no_warning_long_before_the_end(sysadmin):
    assert notices.warn_expiring_packs(date(2026, 11, 22)) == 0


def test_officer_sets_a_rule_setting_from_the_agency_page(client, city_officer, chengdu):
    from django.urls import reverse

    from tests.conftest import client_for

    client_for(client, city_officer)
    response = client.post(
        reverse("agency_setting_save", args=[chengdu.pk]),
        {"key": "publicity_working_days", "value": "7", "basis": "成公发〔2026〕1号"},
    )
    assert response.status_code == 302
    page = client.get(reverse("agency_detail", args=[chengdu.pk])).content.decode()
    assert "成公发〔2026〕1号" in page


def test_bad_value_from_the_page_changes_nothing_and_says_why(client, city_officer, chengdu):
    from django.urls import reverse

    from tests.conftest import client_for

    client_for(client, city_officer)
    response = client.post(
        reverse("agency_setting_save", args=[chengdu.pk]),
        {"key": "max_age", "value": "old", "basis": "成公发〔2026〕9号"},
    )
    assert not AgencyRuleSetting.objects.exists()
    page = response.content.decode()
    assert response.status_code == 400 and "请输入整数。" in page
    assert 'value="old"' in page and "成公发〔2026〕9号" in page  # what was typed is still there


def test_county_officer_cannot_post_settings_for_another_county(client, county_officer, jinjiang):
    from django.urls import reverse

    from tests.conftest import client_for

    response = client_for(client, county_officer).post(
        reverse("agency_setting_save", args=[jinjiang.pk]), {"key": "max_age", "value": "40", "basis": "x"}
    )
    assert response.status_code == 404
    assert not AgencyRuleSetting.objects.exists()
