"""三员分立: system, security and audit administrators are distinct roles, none able to do another's work."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission

from auxpolice.core import services
from auxpolice.core.errors import NotPermitted
from auxpolice.rules import services as rule_services
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from tests.conftest import client_for
from tests.factories import QuotaFactory, UserFactory
from tests.recruitment.builders import id_number

PASSWORD = "Strong-password-2026"


@pytest.fixture
def admins(db, sichuan):
    return {
        "system": services.staff_user_create(
            actor=None, username="sys", password=PASSWORD, role="sysadmin", agency=None
        ),
        "security": services.staff_user_create(
            actor=None, username="sec", password=PASSWORD, role="security_admin", agency=None
        ),
        "audit": services.staff_user_create(
            actor=None, username="aud", password=PASSWORD, role="auditor", agency=sichuan
        ),
    }


def test_no_administrator_is_a_superuser(admins):
    assert not any(user.is_superuser for user in admins.values())


def test_only_the_security_administrator_creates_accounts(admins, sichuan):
    for who in ("system", "audit"):
        with pytest.raises(NotPermitted):
            services.staff_user_create(
                actor=admins[who], username=f"x{who}", password=PASSWORD, role="officer", agency=sichuan
            )
    made = services.staff_user_create(
        actor=admins["security"], username="new_officer", password=PASSWORD, role="officer", agency=sichuan
    )
    assert made.role == "officer"


def test_the_security_administrator_sees_and_changes_no_business_record(admins, wuhou, county_officer):
    QuotaFactory(agency=wuhou, approved_total=2)
    with pytest.raises(NotPermitted):
        auxiliary_create(
            actor=admins["security"],
            agency=wuhou,
            person=NewAuxiliary(
                full_name="王明",
                id_number=id_number(date(1990, 1, 1)),
                category="service",
                hired_on=date(2026, 1, 5),
            ),
        )
    with pytest.raises(NotPermitted):
        rule_services.agency_setting_set(
            actor=admins["security"], agency=wuhou, key="max_age", value=35, basis="x"
        )


def test_the_audit_administrator_changes_nothing_and_alone_reads_the_access_log(client, admins, wuhou):
    with pytest.raises(NotPermitted):
        rule_services.agency_setting_set(
            actor=admins["audit"], agency=wuhou, key="max_age", value=35, basis="x"
        )
    assert client_for(client, admins["audit"]).get("/audit/access/").status_code == 200
    for who in ("system", "security"):
        assert client_for(client, admins[who]).get("/audit/access/").status_code == 403
    assert (
        client_for(client, UserFactory(role="officer", agency=wuhou)).get("/audit/access/").status_code == 403
    )


def test_each_administrator_reaches_only_their_part_of_the_admin(client, admins):
    client_for(client, admins["system"])
    assert client.get("/admin/core/agency/").status_code == 200
    assert client.get("/admin/core/user/").status_code == 403
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 403
    client_for(client, admins["security"])
    assert client.get("/admin/core/user/").status_code == 200
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 200
    assert client.get("/admin/core/calendarday/").status_code == 403
    assert client.get("/admin/rules/agencyrulesetting/").status_code == 403
    client_for(client, admins["audit"])
    assert client.get("/admin/").status_code == 302  # not an admin-site user at all


def test_the_system_administrator_cannot_read_full_id_numbers_without_a_grant(admins):
    assert not admins["system"].has_perm("personnel.view_full_id_number")
    admins["system"].user_permissions.add(Permission.objects.get(codename="view_full_id_number"))
    refreshed = type(admins["system"]).objects.get(pk=admins["system"].pk)
    assert refreshed.has_perm("personnel.view_full_id_number")  # only by an explicit, visible grant


def test_the_system_administrator_configures_but_changes_no_business_record(admins, wuhou):
    QuotaFactory(agency=wuhou, approved_total=2)
    setting = rule_services.agency_setting_set(
        actor=admins["system"], agency=wuhou, key="max_age", value=35, basis="局务会议纪要"
    )
    assert setting.value == 35
    with pytest.raises(NotPermitted):
        auxiliary_create(
            actor=admins["system"],
            agency=wuhou,
            person=NewAuxiliary(
                full_name="王明",
                id_number=id_number(date(1990, 1, 1)),
                category="service",
                hired_on=date(2026, 1, 5),
            ),
        )


def test_agency_grants_belong_to_the_security_administrator(client, admins, wuhou):
    url = f"/admin/core/agency/{wuhou.pk}/permissions/"
    assert client_for(client, admins["system"]).get(url).status_code == 403
    assert client.get(f"/admin/core/agency/{wuhou.pk}/change/").status_code == 200  # but edits the agency
    client_for(client, admins["security"])
    assert client.get(url).status_code == 200
    page = client.post(f"/admin/core/agency/{wuhou.pk}/change/", {"name": "改名"})
    assert page.status_code == 403  # views the agency, changes nothing but grants


ENGLISH = __import__("re").compile(r"[A-Za-z][A-Za-z ,.'’-]{3,}")
# Words that stay as they are: user names, entities, protocol names inside Chinese labels.
NOT_WORDS = {"rsaquo", "lsaquo", "unknown", "HTTP Accept", "authenticator", "GET", "POST", "TOTP", "SHA"}


def _english_words(html: str, data: tuple[str, ...]) -> set[str]:
    """English in the page's text, leaving out data (user names, device names) that is English by nature."""
    import re

    text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
    for value in data:
        text = text.replace(value, " ")
    return {w.strip(" ,.-") for w in ENGLISH.findall(text)} - NOT_WORDS - {""}


def test_the_admin_speaks_chinese_to_each_administrator(client, admins, sichuan):
    from django.contrib import admin
    from django.urls import reverse

    for role in ("system", "security", "audit"):
        user = admins[role]
        client_for(client, user)
        pages = ["/admin/"] + [
            reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
            for m in admin.site._registry
        ]
        english = {}
        for url in pages:
            response = client.get(url)
            if response.status_code == 200:
                data = (*[a.username for a in admins.values()], "authenticator")
                for word in _english_words(response.content.decode(), data):
                    english.setdefault(word, url)
        assert not english, (role, english)


def test_nobody_reads_another_persons_totp_secret_in_the_admin(client, admins, county_officer):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client_for(client, admins["security"])
    client_for(Client(), county_officer)  # logging in enrols the officer's device
    device = TOTPDevice.objects.get(user=county_officer)
    for view in ("config", "qrcode"):
        assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{view}/").status_code == 403
