from datetime import date

import pytest

from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import organisation, stages
from auxpolice.rules.registry import NoRulesInForce, pack_for, packs_ending_between


@pytest.mark.parametrize(
    "jurisdiction, expected, cite",
    [
        (
            "hangzhou",
            [
                "announcement",
                "registration",
                "qualification_review",
                "written_exam",
                "interview",
                "physical_test",
                "medical_exam",
                "vetting",
            ],
            "hangzhou:art9.p2",
        ),
        (
            "p001",
            [
                "announcement",
                "registration",
                "qualification_review",
                "written_exam",
                "interview",
                "physical_test",
                "medical_exam",
                "vetting",
                "publicity",
            ],
            "p001:art12",
        ),
        (
            "sichuan",
            [
                "announcement",
                "registration",
                "qualification_review",
                "exam",
                "physical_test",
                "medical_exam",
                "vetting",
                "publicity",
            ],
            "sichuan:art21.p1",
        ),
        (
            "inner_mongolia",
            [
                "announcement",
                "registration_and_qualification_review",
                "written_exam_physical_test_interview",
                "medical_exam",
                "vetting",
                "publicity",
            ],
            "inner_mongolia:art20",
        ),
    ],
)
def test_stage_order_is_the_articles_order(pack, jurisdiction, expected, cite):
    decision = stages.evaluate(pack(jurisdiction))
    assert decision.data["stages"] == expected
    assert cite in [c.ref for f in decision.findings for c in f.citations]


def test_hangzhou_lists_no_publicity_stage_and_says_an_agency_setting_decides(pack):
    decision = stages.evaluate(pack("hangzhou"))
    publicity = next(f for f in decision.findings if f.code == "recruitment_steps.publicity")
    assert publicity.outcome == Outcome.NOT_REGULATED and publicity.setting == "publicity_working_days"


def test_nantong_stages_come_from_the_agency_setting(pack):
    decision = stages.evaluate(pack("nantong"), default_stages=("announcement", "registration"))
    assert decision.outcome == Outcome.NOT_REGULATED
    assert decision.data == {"stages": ["announcement", "registration"], "source": "agency_setting"}


def test_sichuan_simplification_needs_the_same_level_hr_department(pack):
    asked = stages.evaluate(pack("sichuan"), simplify=("physical_test",))
    assert asked.outcome == Outcome.NEEDS_APPROVAL
    assert "sichuan:art21.p2" in [c.ref for c in asked.citations]
    agreed = stages.evaluate(pack("sichuan"), simplify=("physical_test",), agreements=("same_level_hr",))
    assert agreed.outcome == Outcome.ALLOWED


def test_p001_simplification_must_be_stated_in_the_announcement(pack):
    assert stages.evaluate(pack("p001"), simplify=("interview",)).outcome == Outcome.REFUSED
    assert (
        stages.evaluate(pack("p001"), simplify=("interview",), stated_in_announcement=True).outcome
        == Outcome.ALLOWED
    )


def test_inner_mongolia_never_skips_the_examination_citing_art17(pack):
    decision = stages.evaluate(pack("inner_mongolia"), simplify=("written_exam_physical_test_interview",))
    assert decision.outcome == Outcome.REFUSED
    assert [c.ref for c in decision.citations] == ["inner_mongolia:art17"]


@pytest.mark.parametrize(
    "jurisdiction, level, outcome",
    [
        ("sichuan", "county", Outcome.ALLOWED),
        ("sichuan", "station", Outcome.REFUSED),
        ("sichuan", "internal_unit", Outcome.REFUSED),
        ("inner_mongolia", "prefecture", Outcome.ALLOWED),
        ("inner_mongolia", "county", Outcome.REFUSED),
        ("nantong", "station", Outcome.REFUSED),
        ("hangzhou", "county", Outcome.ALLOWED),
        ("p001", "internal_unit", Outcome.REFUSED),
    ],
)
def test_which_agencies_may_organise_recruitment(pack, jurisdiction, level, outcome):
    assert organisation.may_organise_recruitment(pack(jurisdiction), agency_level=level).outcome == outcome


def test_nantong_rules_end_on_2027_12_31():
    assert pack_for("nantong", date(2027, 12, 31)).version == "2023-03-01"
    with pytest.raises(NoRulesInForce) as error:
        pack_for("nantong", date(2028, 1, 1))
    assert "2027-12-31" in str(error.value) and error.value.field == "date"


def test_no_rules_before_a_pack_takes_effect():
    with pytest.raises(NoRulesInForce):
        pack_for("inner_mongolia", date(2024, 8, 31))


def test_administrators_are_warned_of_a_pack_ending_without_successor():
    ending = packs_ending_between(date(2027, 10, 1), date(2027, 12, 31))
    assert [p.jurisdiction for p in ending] == ["nantong"]
    assert packs_ending_between(date(2026, 1, 1), date(2026, 12, 31)) == []


def labels(decision):
    return [step["label_zh"] for step in decision.data["steps"]]


def test_sichuan_county_plan_needs_superior_police_consent_then_staffing_and_finance_then_county_government(
    pack,
):
    decision = organisation.approval_chain(pack("sichuan"), kind="plan", agency_level="county")
    assert labels(decision) == [
        "同级公安机关提出",
        "上一级公安机关同意",
        "同级机构编制部门审核",
        "同级财政部门审核",
        "同级人民政府批准",
    ]
    assert [s["step"] for s in decision.data["steps"]] == [1, 2, 3, 3, 4]
    assert [c.ref for c in decision.citations] == ["sichuan:art16.p2"]


def test_hangzhou_quota_is_approved_by_the_same_level_government(pack):
    decision = organisation.approval_chain(pack("hangzhou"), kind="quota", agency_level="county")
    assert labels(decision)[-1] == "同级人民政府批准"
    assert [c.ref for c in decision.citations] == ["hangzhou:art8.p2"]


def test_p001_county_quota_is_approved_by_the_superior_staffing_office_and_finance(pack):
    decision = organisation.approval_chain(pack("p001"), kind="quota", agency_level="county")
    assert labels(decision)[-2:] == ["上一级机构编制部门批准", "上一级财政部门批准"]


def test_inner_mongolia_city_plan_is_filed_with_the_regional_police(pack):
    decision = organisation.approval_chain(pack("inner_mongolia"), kind="plan", agency_level="prefecture")
    assert labels(decision)[-1] == "自治区公安机关备案"
    assert "inner_mongolia:art18.p2" in [c.ref for c in decision.citations]


def test_sichuan_quota_chain_is_left_to_state_and_provincial_rules(pack):
    decision = organisation.approval_chain(pack("sichuan"), kind="quota", agency_level="county")
    assert decision.outcome == Outcome.NOT_REGULATED
    assert decision.findings[0].setting == "quota_approval_chain"


def test_hangzhou_plan_chain_is_silent(pack):
    decision = organisation.approval_chain(pack("hangzhou"), kind="plan", agency_level="county")
    assert decision.outcome == Outcome.NOT_REGULATED
