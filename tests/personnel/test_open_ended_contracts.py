"""劳动合同法 第十四条: after two consecutive fixed terms, or ten years' service, a renewal is
open-ended unless the person asks for a fixed term; 第六十六条: dispatch only on temporary, auxiliary or
substitute posts."""

import re
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from auxpolice.core.errors import DomainError, RuleViolation
from personnel.models import ContractStatus, LaborContract, TermType
from personnel.services.contracts import contract_renew, contract_terminate
from tests.conftest import client_for
from tests.personnel.test_contracts import sign

pytestmark = pytest.mark.django_db

EVERY = ["hangzhou", "p001", "sichuan", "inner_mongolia", "nantong"]
BASIS = "2027年度考核：称职"


def two_fixed_terms(officer, person):
    """Short terms, so the third contract starts while every text (Nantong's ends 2027-12-31) is in force."""
    first = sign(officer, person, ends_on=date(2026, 8, 31), probation_ends_on=date(2026, 3, 31))
    return contract_renew(actor=officer, contract=first, ends_on=date(2027, 2, 28), basis=BASIS)


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_a_third_fixed_term_is_refused_unless_the_person_asked_for_it(county_in, jurisdiction):
    officer, _county, person = county_in(jurisdiction)
    second = two_fixed_terms(officer, person)
    with pytest.raises(RuleViolation) as refused:
        contract_renew(actor=officer, contract=second, ends_on=date(2027, 12, 31), basis=BASIS)
    assert refused.value.field == "term_type"
    assert "劳动合同法 第十四条第二款第（三）项" in [str(c) for c in refused.value.citations]
    second.refresh_from_db()
    assert second.status == ContractStatus.ACTIVE and LaborContract.objects.count() == 2

    third = contract_renew(
        actor=officer, contract=second, ends_on=date(2027, 12, 31), basis=BASIS, requested_term=TermType.FIXED
    )
    assert third.term_type == TermType.FIXED and third.requested_term == TermType.FIXED


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_the_renewal_after_two_fixed_terms_is_open_ended_with_no_end_date(county_in, jurisdiction):
    officer, _county, person = county_in(jurisdiction)
    second = two_fixed_terms(officer, person)
    third = contract_renew(
        actor=officer, contract=second, ends_on=None, basis=BASIS, term_type=TermType.OPEN_ENDED
    )
    assert third.term_type == TermType.OPEN_ENDED and third.ends_on is None
    assert third.starts_on == date(2027, 3, 1) and third.status == ContractStatus.ACTIVE
    with pytest.raises(DomainError) as refused:
        contract_renew(actor=officer, contract=third, ends_on=date(2030, 1, 1), basis=BASIS)
    assert refused.value.code == "open_ended"
    # It ends only on a ground: a termination date any day after it starts is within its term.
    ground = "contract_end_or_rule"
    try:
        contract_terminate(actor=officer, contract=third, ground=ground, on=date(2027, 6, 1))
    except RuleViolation as error:  # the ground is the jurisdiction's question, not the date's
        assert error.field == "ground"


def test_ten_years_of_service_owe_an_open_ended_contract_even_after_one_term(county_in):
    officer, _county, person = county_in("sichuan")
    person.hired_on = date(2016, 3, 1)
    person.save(update_fields=["hired_on"])
    first = sign(officer, person)  # its renewal starts 2027-03-01: eleven full years of work
    with pytest.raises(RuleViolation) as refused:
        contract_renew(actor=officer, contract=first, ends_on=date(2028, 2, 29), basis=BASIS)
    assert "劳动合同法 第十四条第二款第（一）项" in [str(c) for c in refused.value.citations]
    # the art 39/40 exception lifts only the two-terms ground, never the ten years
    with pytest.raises(RuleViolation):
        contract_renew(
            actor=officer,
            contract=first,
            ends_on=date(2028, 2, 29),
            basis=BASIS,
            open_ended_exception="不能胜任",
        )


def test_a_stated_art_40_ground_lifts_the_two_terms_ground(county_in):
    officer, _county, person = county_in("p001")
    second = two_fixed_terms(officer, person)
    third = contract_renew(
        actor=officer,
        contract=second,
        ends_on=date(2027, 12, 31),
        basis=BASIS,
        open_ended_exception="经培训仍不能胜任工作（第四十条第二项）",
    )
    assert third.open_ended_exception.startswith("经培训")


def test_an_open_ended_contract_allows_six_months_probation_and_has_no_end(county_in):
    officer, _county, person = county_in("hangzhou")
    contract = sign(
        officer, person, term_type=TermType.OPEN_ENDED, ends_on=None, probation_ends_on=date(2026, 8, 31)
    )
    assert contract.ends_on is None
    person2 = county_in("nantong", serial=2)
    with pytest.raises(RuleViolation) as refused:
        sign(
            person2[0],
            person2[2],
            term_type=TermType.OPEN_ENDED,
            ends_on=None,
            probation_ends_on=date(2026, 9, 1),
        )
    assert refused.value.field == "probation_ends_on"
    with pytest.raises(DomainError) as refused:
        sign(person2[0], person2[2], term_type=TermType.OPEN_ENDED, ends_on=date(2030, 1, 1))
    assert refused.value.field == "ends_on"


def test_the_database_refuses_an_open_ended_contract_with_an_end_or_a_fixed_one_without(county_in):
    officer, _county, person = county_in("sichuan")
    contract = sign(officer, person)
    with pytest.raises(IntegrityError), transaction.atomic():
        LaborContract.objects.filter(pk=contract.pk).update(ends_on=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        LaborContract.objects.filter(pk=contract.pk).update(term_type=TermType.OPEN_ENDED)


def test_dispatch_in_nantong_needs_a_post_art_66_allows(county_in):
    officer, _county, person = county_in("nantong")
    with pytest.raises(RuleViolation) as refused:
        sign(officer, person, kind="labour_dispatch", employer_name="某人力资源公司")
    assert refused.value.field == "dispatch_post"
    assert "劳动合同法 第六十六条第一款" in [str(c) for c in refused.value.citations]
    with pytest.raises(RuleViolation) as refused:  # a year is not a temporary post
        sign(officer, person, kind="labour_dispatch", dispatch_post="temporary", probation_ends_on=None)
    assert "劳动合同法 第六十六条第二款" in [str(c) for c in refused.value.citations]
    contract = sign(
        officer, person, kind="labour_dispatch", dispatch_post="auxiliary", employer_name="某人力资源公司"
    )
    assert contract.dispatch_post == "auxiliary"


def test_the_renewal_form_proposes_open_ended_and_shows_the_refusal(client, county_in):
    officer, _county, person = county_in("inner_mongolia")
    two_fixed_terms(officer, person)
    client_for(client, officer)
    page = client.get(reverse("auxiliary_detail", args=[person.pk])).content.decode()
    assert re.search(r'value="open_ended"[^>]*checked', page)
    response = client.post(
        reverse("contract_renew", args=[person.pk]),
        {"term_type": "fixed", "ends_on": "2027-12-31", "basis": BASIS},
    )
    body = response.content.decode()
    assert response.status_code == 400 and "劳动合同法 第十四条第二款第（三）项" in body
    assert 'value="2027-12-31"' in body
    response = client.post(
        reverse("contract_renew", args=[person.pk]),
        {"term_type": "open_ended", "ends_on": "", "basis": BASIS},
    )
    assert response.status_code == 302
    page = client.get(reverse("auxiliary_detail", args=[person.pk])).content.decode()
    assert "2027-03-01 – 无固定期限" in page


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_probation_follows_the_labour_contract_law_in_every_jurisdiction(county_in, jurisdiction):
    officer, _county, person = county_in(jurisdiction)
    with pytest.raises(RuleViolation) as refused:  # three months on a one-year contract: two at most
        sign(officer, person, probation_ends_on=date(2026, 5, 31))
    assert "劳动合同法 第十九条第一款" in [str(c) for c in refused.value.citations]
    assert not LaborContract.objects.exists()
    assert sign(officer, person).probation_ends_on == date(2026, 4, 30)  # two months: allowed
