"""The agency picker: the lookup finds agencies in the person's scope by code or name (20 at most), forms read
what the picker writes ("510107 武侯区分局") or a bare code, and no page carries every agency as an option."""

import pytest
from django.urls import reverse

from personnel.forms import StatisticsForm
from tests.conftest import client_for
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def lookup(client, typed):
    return [row["label"] for row in client.get(reverse("agency_lookup"), {"q": typed}).json()["results"]]


def test_the_lookup_finds_by_code_or_name_within_scope_only(
    client, county_officer, wuhou, jinjiang, city_officer
):
    client_for(client, city_officer)
    assert lookup(client, "5101") == ["510100 成都市公安局", "510104 锦江区分局", "510107 武侯区分局"]
    assert lookup(client, "武侯") == ["510107 武侯区分局"]
    assert lookup(client, "") == []
    client_for(client, county_officer)
    assert lookup(client, "锦江") == []  # a neighbouring county is out of scope
    assert lookup(client, "5101") == ["510107 武侯区分局"]


def test_the_lookup_answers_at_most_twenty_however_many_agencies_match(client, city_officer, chengdu):
    for n in range(30):
        AgencyFactory(code=f"5101{n + 50:02d}", name=f"派出所{n}", level="county", parent=chengdu)
    client_for(client, city_officer)
    assert len(lookup(client, "派出所")) == 20


@pytest.mark.parametrize("typed", ["510107 武侯区分局", "510107", " 510107 "])
def test_a_form_reads_what_the_picker_writes_or_a_bare_code(typed, wuhou, jinjiang, county_officer):
    from auxpolice.core.selectors import agency_list_for

    form = StatisticsForm({"agency": typed}, agencies=agency_list_for(user=county_officer))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["agency"] == wuhou


def test_a_form_refuses_an_agency_out_of_scope_by_name_of_the_field(wuhou, jinjiang, county_officer):
    from auxpolice.core.selectors import agency_list_for

    form = StatisticsForm({"agency": "510104 锦江区分局"}, agencies=agency_list_for(user=county_officer))
    assert not form.is_valid() and "agency" in form.errors


def test_the_personnel_list_carries_no_agency_options_and_keeps_the_chosen_one(client, city_officer, wuhou):
    for n in range(30):
        AgencyFactory(code=f"5101{n + 50:02d}", name=f"派出所{n}", level="county", parent=wuhou.parent)
    client_for(client, city_officer)
    page = client.get(reverse("auxiliary_list"), {"agency": "510107 武侯区分局"}).content.decode()
    assert "派出所" not in page  # no option list of every agency
    assert 'value="510107 武侯区分局"' in page and "data-agency-picker" in page
