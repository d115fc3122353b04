from datetime import date

import pytest
from django.db import IntegrityError, transaction

from auxpolice.core.errors import DomainError, RuleViolation
from auxpolice.rules import services as rule_services
from auxpolice.rules.evaluators.labour_law import probation_limit_months
from personnel.models import ContractStatus, LaborContract
from personnel.services.contracts import contract_renew, contract_sign, contract_terminate

pytestmark = pytest.mark.django_db

FULL_CONTENTS = (
    "rights_duties",
    "job_requirements",
    "working_conditions",
    "probation",
    "term",
    "pay",
    "termination_grounds",
    "breach_liability",
)


def sign(officer, person, **extra):
    values = dict(
        actor=officer,
        officer=person,
        starts_on=date(2026, 3, 1),
        ends_on=date(2027, 2, 28),
        probation_ends_on=date(2026, 4, 30),  # a one-year term: at most two months (劳动合同法 第十九条)
        stated_items=FULL_CONTENTS,
    )
    return contract_sign(**(values | extra))


@pytest.mark.parametrize("jurisdiction", ["hangzhou", "p001", "sichuan", "inner_mongolia", "nantong"])
def test_renewal_in_each_jurisdiction_keeps_the_chain(county_in, jurisdiction):
    officer, _county, person = county_in(jurisdiction)
    first = sign(officer, person)
    second = contract_renew(
        actor=officer, contract=first, ends_on=date(2027, 12, 31), basis="2026年度考核：优秀"
    )
    first.refresh_from_db()
    assert first.status == ContractStatus.RENEWED and second.renews == first
    assert second.starts_on == date(2027, 3, 1) and second.renewal_basis == "2026年度考核：优秀"


def test_a_nantong_renewal_starting_after_its_rules_end_is_refused_not_guessed(county_in):
    from auxpolice.rules.registry import NoRulesInForce

    officer, _county, person = county_in("nantong")
    first = sign(officer, person, ends_on=date(2027, 12, 31))
    with pytest.raises(NoRulesInForce) as refused:
        contract_renew(actor=officer, contract=first, ends_on=date(2030, 12, 31), basis="2027年度考核：合格")
    # The refusal cites the article that sets the measures' term.
    assert [c.label_zh for c in refused.value.citations] == ["南通市实施办法 第二十条"]
    first.refresh_from_db()
    assert first.status == ContractStatus.ACTIVE


def test_renewal_needs_its_basis(county_in):
    officer, _county, person = county_in("sichuan")
    with pytest.raises(DomainError) as refused:
        contract_renew(actor=officer, contract=sign(officer, person), ends_on=date(2027, 12, 31), basis="")
    assert refused.value.field == "basis"
    assert LaborContract.objects.get().status == ContractStatus.ACTIVE


@pytest.mark.parametrize(
    "jurisdiction, ground, contract_grounds, cite",
    [
        ("sichuan", "failed_probation", (), "sichuan:art32(1)"),
        ("p001", "serious_violation", ("serious_violation",), "p001:art16"),
        ("inner_mongolia", "law:labour_contract_law_art39", (), "inner_mongolia:art40"),
    ],
)
def test_termination_on_a_listed_ground_records_its_citation(
    county_in, jurisdiction, ground, contract_grounds, cite
):
    officer, _county, person = county_in(jurisdiction)
    contract = sign(officer, person, contract_grounds=contract_grounds)
    ended = contract_terminate(actor=officer, contract=contract, ground=ground, on=date(2026, 6, 1))
    assert ended.status == ContractStatus.TERMINATED and ended.termination_citation == cite


@pytest.mark.parametrize("jurisdiction", ["sichuan", "p001", "inner_mongolia"])
def test_termination_on_an_unlisted_ground_is_refused_with_the_article(county_in, jurisdiction):
    officer, _county, person = county_in(jurisdiction)
    contract = sign(officer, person)
    with pytest.raises(RuleViolation) as refused:
        contract_terminate(actor=officer, contract=contract, ground="boss_dislikes_him", on=date(2026, 6, 1))
    assert refused.value.citations and refused.value.field == "ground"
    assert LaborContract.objects.get().status == ContractStatus.ACTIVE


@pytest.mark.parametrize("jurisdiction", ["hangzhou", "nantong"])
def test_where_the_text_gives_no_grounds_the_agency_setting_lists_them(county_in, sysadmin, jurisdiction):
    officer, county, person = county_in(jurisdiction)
    contract = sign(officer, person)
    with pytest.raises(RuleViolation):
        contract_terminate(actor=officer, contract=contract, ground="failed_probation", on=date(2026, 6, 1))
    rule_services.agency_setting_set(
        actor=sysadmin,
        agency=county,
        key="termination_grounds",
        value=["failed_probation"],
        basis="局党委会议纪要",
    )
    ended = contract_terminate(
        actor=officer, contract=contract, ground="failed_probation", on=date(2026, 6, 1)
    )
    assert ended.termination_citation == "termination_grounds"


def test_labour_dispatch_is_refused_in_sichuan_and_allowed_in_nantong(county_in):
    officer, _county, person = county_in("sichuan")
    with pytest.raises(RuleViolation) as refused:
        sign(officer, person, kind="labour_dispatch")
    assert [c.ref for c in refused.value.citations] == ["sichuan:art22"]
    officer, _county, person = county_in("nantong", serial=2)
    # on a post art 66 of the Labour Contract Law allows (tests/personnel/test_open_ended_contracts.py)
    assert sign(officer, person, kind="labour_dispatch", dispatch_post="auxiliary").kind == "labour_dispatch"


def test_inner_mongolia_contract_missing_required_contents_is_refused(county_in):
    officer, _county, person = county_in("inner_mongolia")
    with pytest.raises(RuleViolation):
        sign(officer, person, stated_items=("term",))
    assert not LaborContract.objects.exists()


def test_sichuan_first_contract_without_probation_is_refused(county_in):
    officer, _county, person = county_in("sichuan")
    with pytest.raises(RuleViolation):
        sign(officer, person, probation_ends_on=None)


def test_probation_outside_the_term_is_a_field_error(county_in):
    officer, _county, person = county_in("p001")
    with pytest.raises(DomainError) as refused:
        sign(officer, person, probation_ends_on=date(2030, 1, 1))
    assert refused.value.field == "probation_ends_on"


@pytest.mark.postgres
def test_the_database_allows_one_active_contract_per_person(county_in):
    officer, _county, person = county_in("sichuan")
    contract = sign(officer, person)
    with pytest.raises(IntegrityError), transaction.atomic():
        LaborContract.objects.create(
            officer=person,
            responsible_agency=contract.responsible_agency,
            employer_name="x",
            starts_on=date(2027, 1, 1),
            ends_on=date(2028, 1, 1),
        )


def test_officer_terminates_on_an_unlisted_ground_from_the_page_and_sees_why(client, county_in):
    from django.urls import reverse

    from tests.conftest import client_for

    officer, _county, person = county_in("sichuan")
    sign(officer, person)
    response = client_for(client, officer).post(
        reverse("contract_terminate", args=[person.pk]),
        {"ground": "boss_dislikes_him", "on": "2026-06-01"},
    )
    assert response.status_code == 400
    assert response.context["terminate_form"].errors["ground"]  # only the rules' grounds are offered
    assert LaborContract.objects.get().status == ContractStatus.ACTIVE
    response = client.post(
        reverse("contract_terminate", args=[person.pk]),
        {"ground": "failed_probation", "on": "2026-06-01"},
    )
    assert response.status_code == 302
    assert LaborContract.objects.get().termination_citation == "sichuan:art32(1)"


# Probation within 劳动合同法 第十九条, and a contract term within the agency's longest term.


@pytest.mark.parametrize(
    ("ends_on", "months"),
    [
        (date(2026, 5, 30), 0),  # one day short of three months
        (date(2026, 5, 31), 1),  # three months
        (date(2027, 2, 27), 1),
        (date(2027, 2, 28), 2),  # one year
        (date(2029, 2, 27), 2),
        (date(2029, 2, 28), 6),  # three years
    ],
)
def test_the_probation_limit_follows_the_term(ends_on, months):
    assert probation_limit_months(date(2026, 3, 1), ends_on) == months


def test_an_eighteen_month_probation_on_a_three_year_contract_is_refused_with_the_article(county_in):
    officer, _county, person = county_in("p001")
    with pytest.raises(RuleViolation) as refused:
        sign(officer, person, ends_on=date(2029, 2, 28), probation_ends_on=date(2027, 8, 31))
    assert refused.value.field == "probation_ends_on"
    assert "2026-08-31" in str(refused.value.message)  # the last day allowed
    assert [c.label_zh for c in refused.value.citations] == ["劳动合同法 第十九条第一款"]
    assert not LaborContract.objects.exists()
    assert sign(officer, person, ends_on=date(2029, 2, 28), probation_ends_on=date(2026, 8, 31)).pk


def test_no_probation_in_a_contract_under_three_months(county_in):
    officer, _county, person = county_in("p001")
    with pytest.raises(RuleViolation) as refused:
        sign(officer, person, ends_on=date(2026, 5, 15), probation_ends_on=date(2026, 3, 15))
    assert [c.label_zh for c in refused.value.citations] == ["劳动合同法 第十九条第三款"]


def test_a_person_gets_one_probation_per_employer_not_another_on_rehire(county_in):
    officer, _county, person = county_in("p001")
    first = sign(officer, person, contract_grounds=("serious_violation",))
    contract_terminate(actor=officer, contract=first, ground="serious_violation", on=date(2026, 6, 30))
    with pytest.raises(RuleViolation) as refused:
        sign(
            officer,
            person,
            starts_on=date(2026, 9, 1),
            ends_on=date(2027, 8, 31),
            probation_ends_on=date(2026, 9, 30),
        )
    assert [c.label_zh for c in refused.value.citations] == ["劳动合同法 第十九条第二款"]
    assert sign(
        officer, person, starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31), probation_ends_on=None
    ).pk


def test_a_renewal_beyond_the_longest_term_is_refused_and_the_old_contract_stays_active(county_in):
    officer, _county, person = county_in("sichuan")
    first = sign(officer, person)
    with pytest.raises(DomainError) as refused:
        contract_renew(actor=officer, contract=first, ends_on=date(2099, 12, 31), basis="2026年度考核：优秀")
    assert refused.value.field == "ends_on" and "2032-02-29" in str(refused.value.message)
    first.refresh_from_db()
    assert first.status == "active" and LaborContract.objects.count() == 1


def test_the_agency_sets_its_longest_term(county_in, sysadmin):
    officer, county, person = county_in("sichuan")
    rule_services.agency_setting_set(
        actor=sysadmin, agency=county, key="max_contract_years", value="1", basis="局务会纪要"
    )
    with pytest.raises(DomainError):
        sign(officer, person, ends_on=date(2027, 3, 1))
    assert sign(officer, person, ends_on=date(2027, 2, 28)).pk


def test_the_renewal_form_says_when_an_open_ended_contract_is_owed(client, county_in):
    from django.urls import reverse

    from tests.conftest import client_for

    officer, _county, person = county_in("sichuan")
    first = sign(officer, person)
    client_for(client, officer)
    page = client.get(reverse("auxiliary_detail", args=[person.pk])).content.decode()
    assert "已连续订立" not in page  # one fixed-term contract so far: no warning
    contract_renew(actor=officer, contract=first, ends_on=date(2028, 2, 28), basis="2026年度考核：称职")
    page = client.get(reverse("auxiliary_detail", args=[person.pk])).content.decode()
    assert "应当订立无固定期限劳动合同" in page and "劳动合同法 第十四条第二款第（三）项" in page


@pytest.mark.parametrize("jurisdiction", ["hangzhou", "p001", "sichuan", "inner_mongolia", "nantong"])
def test_a_statutory_ground_ends_a_contract_where_no_agency_ground_is_configured(county_in, jurisdiction):
    officer, _county, person = county_in(jurisdiction)
    contract = sign(officer, person)
    ended = contract_terminate(
        actor=officer, contract=contract, ground="labour_contract_law:art40(2)", on=date(2026, 9, 30)
    )
    assert ended.status == ContractStatus.TERMINATED
    assert ended.termination_citation == "labour_contract_law:art40(2)"
