"""One rule for every question type: a text that says nothing answers not_regulated (the agency setting
decides, national law applies beneath), a text we do not have answers unknown, and only a text that says no
answers refused. Grants follow whom the text names; matrix decisions apply alike across questions."""

from datetime import date

import pytest

from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import duty, equipment, organisation, working_life
from auxpolice.rules.registry import pack_for

EVERY = ["hangzhou", "p001", "sichuan", "inner_mongolia", "nantong"]
ON = date(2026, 6, 1)


def pack(jurisdiction):
    return pack_for(jurisdiction, ON)


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_a_statutory_ground_ends_a_contract_in_every_jurisdiction_citing_the_labour_contract_law(
    jurisdiction,
):
    decision = working_life.termination(pack(jurisdiction), ground="labour_contract_law:art39(2)")
    assert decision.outcome == Outcome.ALLOWED
    assert [str(c) for c in decision.citations] == ["劳动合同法 第三十九条第（二）项"]


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_an_unlisted_ground_is_refused_only_where_a_text_lists_the_grounds(jurisdiction):
    decision = working_life.termination(pack(jurisdiction), ground="disliked_by_boss")
    rule = pack(jurisdiction).rule("termination_grounds")
    expected = {"enforced": Outcome.REFUSED, "silent": Outcome.NOT_REGULATED, "unknown": Outcome.UNKNOWN}
    assert decision.outcome == expected[rule.status]
    if decision.outcome != Outcome.REFUSED:
        assert decision.citations == ()  # no article says no


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_a_duty_another_text_forbids_is_answered_in_every_jurisdiction_never_a_bad_question(jurisdiction):
    decision = duty.evaluate(pack(jurisdiction), category="service", duty="administrative_decisions")
    assert decision.outcome in (Outcome.REFUSED, Outcome.NOT_REGULATED, Outcome.UNKNOWN)
    if (
        jurisdiction == "nantong"
    ):  # art 10 defers to the Jiangsu regulation, not provided: the setting decides
        assert decision.outcome == Outcome.NOT_REGULATED
        assert decision.findings[0].setting == "forbidden_duties"
        forbidden = duty.evaluate(
            pack(jurisdiction),
            category="service",
            duty="administrative_decisions",
            settings={"forbidden_duties": ["administrative_decisions"]},
        )
        assert forbidden.outcome == Outcome.REFUSED


def test_a_drone_is_a_civilian_duty_in_sichuan_and_not_given_to_service_auxiliaries_by_that_clause():
    civilian = equipment.evaluate(pack("sichuan"), item="drone", category="civilian")
    assert civilian.outcome == Outcome.ALLOWED and [c.ref for c in civilian.citations] == ["sichuan:art9(2)"]
    service = equipment.evaluate(pack("sichuan"), item="drone", category="service")
    assert service.outcome == Outcome.NOT_REGULATED and "文职" in service.findings[0].message


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_equipment_answers_by_category_in_every_jurisdiction(jurisdiction):
    for category in ("service", "civilian"):
        for item in ("vehicle", "drone", "boat", "robot"):
            decision = equipment.evaluate(pack(jurisdiction), item=item, category=category)
            if decision.outcome == Outcome.ALLOWED:
                assert decision.citations  # every grant names its article
            else:
                assert decision.outcome in (Outcome.NOT_REGULATED, Outcome.UNKNOWN, Outcome.REFUSED)


@pytest.mark.parametrize("level", ["county", "station"])
def test_an_inner_mongolia_banner_plan_is_refused_like_its_recruiting(level):
    plan = organisation.approval_chain(pack("inner_mongolia"), kind="plan", agency_level=level)
    recruiter = organisation.may_organise_recruitment(pack("inner_mongolia"), agency_level=level)
    assert plan.outcome == recruiter.outcome == Outcome.REFUSED
    assert [c.ref for c in plan.citations] == ["inner_mongolia:art18.p1"]
    city = organisation.approval_chain(pack("inner_mongolia"), kind="plan", agency_level="prefecture")
    assert city.outcome == Outcome.NEEDS_APPROVAL
