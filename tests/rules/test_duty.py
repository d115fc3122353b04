import pytest

from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import duty
from auxpolice.rules.evaluators.common import BadQuestion
from auxpolice.rules.registry import all_packs

FORBIDDEN = [
    (j, item["code"], item["cite"])
    for j, versions in all_packs().items()
    if isinstance(versions[0].rule("duties_forbidden").data, list)
    for item in versions[0].rule("duties_forbidden").data
]


def test_every_jurisdiction_but_nantong_lists_forbidden_duties():
    assert {j for j, _code, _cite in FORBIDDEN} == {"hangzhou", "p001", "sichuan", "inner_mongolia"}


@pytest.mark.parametrize("jurisdiction, code, cite", FORBIDDEN)
def test_each_forbidden_duty_is_refused_with_its_article(pack, jurisdiction, code, cite):
    for category in ("civilian", "service"):
        decision = duty.evaluate(pack(jurisdiction), category=category, duty=code)
        assert decision.outcome == Outcome.REFUSED
        assert [c.ref for c in decision.citations] == [cite]


def test_sichuan_forbids_only_independent_investigation_while_assisting_with_records_is_a_service_duty(pack):
    sichuan = pack("sichuan")
    assert (
        duty.evaluate(sichuan, category="service", duty="independent_case_investigation_evidence").outcome
        == Outcome.REFUSED
    )
    assisting = duty.evaluate(sichuan, category="service", duty="service_led_by_police.6")
    assert assisting.outcome == Outcome.ALLOWED
    assert assisting.data["supervision"] == "led_by_police"
    assert [c.ref for c in assisting.citations] == ["sichuan:art10(6)"]


def test_sichuan_tags_art11_duties_as_under_organisation(pack):
    decision = duty.evaluate(pack("sichuan"), category="service", duty="service_under_organisation.1")
    assert decision.data["supervision"] == "under_police_organisation"


@pytest.mark.parametrize(
    "jurisdiction, service_duty, cite",
    [
        ("hangzhou", "service.1", "hangzhou:art5(1)"),
        ("p001", "service.2", "p001:art18(2)"),
        ("sichuan", "service_led_by_police.3", "sichuan:art10(3)"),
        ("inner_mongolia", "service_enforcement_assist.1", "inner_mongolia:art13(1)"),
        ("nantong", "service.patrol_prevention", "nantong:art9"),
    ],
)
def test_a_civilian_given_a_service_duty_is_refused(pack, jurisdiction, service_duty, cite):
    decision = duty.evaluate(pack(jurisdiction), category="civilian", duty=service_duty)
    assert decision.outcome == Outcome.REFUSED
    assert [c.ref for c in decision.citations] == [cite]
    assert duty.evaluate(pack(jurisdiction), category="service", duty=service_duty).outcome == Outcome.ALLOWED


def test_an_other_item_is_allowed_with_a_warning_to_record_the_basis(pack):
    decision = duty.evaluate(pack("sichuan"), category="civilian", duty="civilian.4")
    assert decision.outcome == Outcome.WARNING


def test_an_unknown_duty_code_is_a_clear_input_error(pack):
    with pytest.raises(BadQuestion) as error:
        duty.evaluate(pack("sichuan"), category="service", duty="fly_to_the_moon")
    assert error.value.field == "duty"


def test_nantong_forbidden_duties_come_from_the_agency_setting(pack):
    nantong = pack("nantong")
    refused = duty.evaluate(
        nantong,
        category="service",
        duty="service.traffic_assistance",
        settings={"forbidden_duties": ["service.traffic_assistance"]},
    )
    assert refused.outcome == Outcome.REFUSED and refused.findings[0].setting == "forbidden_duties"
