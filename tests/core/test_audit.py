import pytest
from django.apps import apps
from django.urls import reverse

from auxpolice.core import audit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

BUSINESS_APPS = {"core", "rules", "recruitment", "personnel", "assessment", "compensation"}
# Infrastructure tables: guardian's grant rows are themselves the audit of a grant.
NOT_BUSINESS = {
    "core.agencyuserobjectpermission",
    "core.agencygroupobjectpermission",
    "rules.rulesexpirynotice",  # send logs with a uniqueness key: each is itself the record
    "personnel.deadlinenotice",
    "personnel.sensitiveaccess",
    "core.accountchange",  # append-only access and account logs
    "core.enrolmentcode",  # a credential (digest only), like a password hash
    "core.batchslice",  # a batch run's bookkeeping; what each slice writes has its own history
    "recruitment.applicantnotice",
    "recruitment.sensitiveresultaccess",
    "recruitment.retentionpurge",  # the purge log: ids and counts, append-only
    "recruitment.recusalcheck",  # the recusal check log: append-only, each row is the record
    "recruitment.eligibilitydecision",  # one row per (re)submission, never changed
    "core.webhookdelivery",  # the delivery log: each row records its own attempts
}


def business_models():
    for model in apps.get_models():
        label = model._meta.label_lower
        history = label.startswith(tuple(f"{a}.historical" for a in BUSINESS_APPS))
        if model._meta.app_label in BUSINESS_APPS and not history and label not in NOT_BUSINESS:
            yield model


def test_every_business_model_keeps_history():
    missing = [m._meta.label for m in business_models() if not hasattr(m, "history")]
    assert missing == []


def test_every_business_model_has_a_scoped_history_page():
    missing = [
        m._meta.label_lower for m in business_models() if m._meta.label_lower not in audit.registered_labels()
    ]
    assert missing == []


def test_history_page_shows_who_changed_what(client, county_officer, wuhou):
    client_for(client, county_officer)
    client.post(
        reverse("agency_edit", args=[wuhou.pk]), {"name": wuhou.name, "phone": "028-1", "is_active": "on"}
    )
    response = client.get(reverse("history", args=["core.agency", wuhou.pk]))
    assert response.status_code == 200
    latest = response.context["entries"][0]
    assert latest.record.history_user == county_officer
    assert [(c.field, c.new) for c in latest.changes] == [("phone", "028-1")]
    assert "028-1" in response.content.decode()


def test_history_api_lists_changes_with_actor(api, county_officer, wuhou):
    api.force_authenticate(county_officer)
    api.patch(f"/api/v1/agencies/{wuhou.pk}/", {"address": "新地址"}, format="json")
    rows = api.get(f"/api/v1/history/core.agency/{wuhou.pk}/").json()
    assert rows[0]["history_user"] == "county_officer"
    assert rows[0]["changes"] == [{"field": "address", "old": "", "new": "新地址"}]


def test_history_of_unknown_model_is_404(client, county_officer):
    assert (
        client_for(client, county_officer).get(reverse("history", args=["core.nothing", 1])).status_code
        == 404
    )
