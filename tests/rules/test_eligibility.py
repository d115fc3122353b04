from datetime import date

import pytest

from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators.eligibility import Applicant, Relaxation, age_on, evaluate

DEADLINE = date(2026, 6, 1)


def born_years_ago(years: int, days_extra: int = 0) -> date:
    """Birth date giving exactly `years` full years on DEADLINE (plus days_extra days older)."""
    from datetime import timedelta

    return date(DEADLINE.year - years, DEADLINE.month, DEADLINE.day) - timedelta(days=days_extra)


def applicant(**overrides) -> Applicant:
    values = dict(
        category="service", reference_date=DEADLINE, birth_date=born_years_ago(25), education="junior_college"
    )
    return Applicant(**(values | overrides))


def finding(decision, code):
    return next(f for f in decision.findings if f.code == code)


def refs(found):
    return [c.ref for c in found.citations]


def test_age_counts_full_years_on_the_reference_date():
    assert age_on(date(1990, 6, 2), DEADLINE) == 35
    assert age_on(date(1990, 6, 1), DEADLINE) == 36
    assert age_on(date(2004, 2, 29), date(2022, 2, 28)) == 17


@pytest.mark.parametrize(
    "jurisdiction, cite",
    [
        ("hangzhou", "hangzhou:art10(3)"),
        ("p001", "p001:art13(2)"),
        ("sichuan", "sichuan:art18(3)"),
        ("inner_mongolia", "inner_mongolia:art21(2)"),
    ],
)
def test_seventeen_year_old_is_refused_for_minimum_age(pack, jurisdiction, cite):
    decision = evaluate(pack(jurisdiction), applicant(birth_date=born_years_ago(18).replace(day=2)))
    assert decision.outcome == Outcome.REFUSED
    assert refs(finding(decision, "eligibility.min_age")) == [cite]


def test_sichuan_accepts_35_years_364_days_citing_art18_3(pack):
    decision = evaluate(pack("sichuan"), applicant(birth_date=born_years_ago(36).replace(day=2)))
    assert finding(decision, "eligibility.max_age").outcome == Outcome.ALLOWED
    assert decision.outcome == Outcome.ALLOWED


def test_sichuan_refuses_applicant_aged_36_citing_art18_3(pack):
    decision = evaluate(pack("sichuan"), applicant(birth_date=born_years_ago(36)))
    assert decision.outcome == Outcome.REFUSED
    assert refs(decision.refusals[0]) == ["sichuan:art18(3)"]
    assert decision.citations[0].label_zh == "四川省办法 第十八条第（三）项"


def test_sichuan_age_relaxation_works_only_when_stated_in_the_announcement(pack):
    older = born_years_ago(38)
    assert evaluate(pack("sichuan"), applicant(birth_date=older)).outcome == Outcome.REFUSED
    stated = Relaxation(what="age", group="urgently_needed_professional_or_skilled", max_age=40)
    assert (
        evaluate(pack("sichuan"), applicant(birth_date=older, relaxations=(stated,))).outcome
        == Outcome.ALLOWED
    )
    too_old = born_years_ago(41)
    assert (
        evaluate(pack("sichuan"), applicant(birth_date=too_old, relaxations=(stated,))).outcome
        == Outcome.REFUSED
    )


def test_a_relaxation_for_a_group_the_rules_do_not_name_is_ignored(pack):
    invented = Relaxation(what="age", group="anyone", max_age=50)
    decision = evaluate(pack("sichuan"), applicant(birth_date=born_years_ago(40), relaxations=(invented,)))
    assert decision.outcome == Outcome.REFUSED


@pytest.mark.parametrize(
    "jurisdiction, category, education, outcome, cite",
    [
        ("p001", "service", "high_school", Outcome.ALLOWED, "p001:art13(5)"),
        ("p001", "civilian", "high_school", Outcome.REFUSED, "p001:art13(5)"),
        ("p001", "civilian", "junior_college", Outcome.ALLOWED, "p001:art13(5)"),
        ("sichuan", "service", "high_school", Outcome.ALLOWED, "sichuan:art18(4)"),
        ("sichuan", "civilian", "high_school", Outcome.REFUSED, "sichuan:art18(4)"),
        ("sichuan", "service", "junior_secondary", Outcome.REFUSED, "sichuan:art18(4)"),
        ("hangzhou", "service", "high_school", Outcome.REFUSED, "hangzhou:art10(4)"),
        ("hangzhou", "civilian", "bachelor", Outcome.ALLOWED, "hangzhou:art10(4)"),
        ("inner_mongolia", "service", "high_school", Outcome.REFUSED, "inner_mongolia:art21(3)"),
        ("inner_mongolia", "service", "junior_college", Outcome.ALLOWED, "inner_mongolia:art21(3)"),
    ],
)
def test_education_by_category(pack, jurisdiction, category, education, outcome, cite):
    decision = evaluate(pack(jurisdiction), applicant(category=category, education=education))
    found = finding(decision, "eligibility.education")
    assert found.outcome == outcome
    assert refs(found)[0] == cite


def test_hangzhou_veteran_education_relaxation_needs_the_announcement_and_the_status(pack):
    stated = Relaxation(what="education", group="veteran", min_education="high_school")
    hangzhou = pack("hangzhou")
    assert (
        evaluate(hangzhou, applicant(education="high_school", statuses=("veteran",))).outcome
        == Outcome.REFUSED
    )
    assert (
        evaluate(hangzhou, applicant(education="high_school", relaxations=(stated,))).outcome
        == Outcome.REFUSED
    )
    relaxed = evaluate(
        hangzhou, applicant(education="high_school", statuses=("veteran",), relaxations=(stated,))
    )
    assert relaxed.outcome == Outcome.ALLOWED
    assert "hangzhou:art10.p3" in refs(finding(relaxed, "eligibility.education"))


def test_inner_mongolia_education_relaxation_needs_league_or_city_government_approval(pack):
    stated = Relaxation(what="education", group="veteran", min_education="high_school")
    im = pack("inner_mongolia")
    pending = evaluate(im, applicant(education="high_school", statuses=("veteran",), relaxations=(stated,)))
    assert pending.outcome == Outcome.NEEDS_APPROVAL
    approved = evaluate(
        im,
        applicant(
            education="high_school",
            statuses=("veteran",),
            relaxations=(stated,),
            approvals=("league_city_government",),
        ),
    )
    assert approved.outcome == Outcome.ALLOWED


def test_inner_mongolia_relaxation_cannot_go_below_high_school(pack):
    stated = Relaxation(what="education", group="veteran", min_education="junior_secondary")
    decision = evaluate(
        pack("inner_mongolia"),
        applicant(
            education="junior_secondary",
            statuses=("veteran",),
            relaxations=(stated,),
            approvals=("league_city_government",),
        ),
    )
    assert decision.outcome == Outcome.REFUSED


def test_p001_relaxation_for_a_hardship_post_applies_to_every_applicant_of_that_post(pack):
    stated = Relaxation(what="education", group="hardship_remote_area", min_education="high_school")
    decision = evaluate(
        pack("p001"), applicant(category="civilian", education="high_school", relaxations=(stated,))
    )
    assert decision.outcome == Outcome.ALLOWED


@pytest.mark.parametrize(
    "jurisdiction, code, cite",
    [
        ("hangzhou", "criminal_record_or_pending", "hangzhou:art12(1)"),
        ("p001", "credit_blacklist", "p001:art15(5)"),
        ("sichuan", "left_aux_post_without_permission_or_dismissed", "sichuan:art20(7)"),
        ("inner_mongolia", "left_aux_post_before_contract_end", "inner_mongolia:art23(6)"),
    ],
)
def test_a_declared_disqualification_refuses_with_its_clause(pack, jurisdiction, code, cite):
    decision = evaluate(pack(jurisdiction), applicant(disqualifications=(code,)))
    assert decision.outcome == Outcome.REFUSED
    assert [c.ref for c in decision.citations] == [cite]


def test_a_disqualification_code_of_another_jurisdiction_is_a_clear_input_error(pack):
    from auxpolice.rules.evaluators.common import BadQuestion

    with pytest.raises(BadQuestion) as error:
        evaluate(pack("hangzhou"), applicant(disqualifications=("credit_blacklist",)))
    assert error.value.field == "disqualifications"


def test_foreign_national_refused_in_sichuan_citing_art18_1(pack):
    decision = evaluate(pack("sichuan"), applicant(nationality="US"))
    assert [c.ref for c in decision.citations] == ["sichuan:art18(1)"]


def test_nantong_is_silent_on_eligibility_and_falls_back_to_agency_settings(pack):
    silent = evaluate(pack("nantong"), applicant(birth_date=born_years_ago(45)))
    assert finding(silent, "eligibility.max_age").outcome == Outcome.NOT_REGULATED
    with_setting = evaluate(
        pack("nantong"), applicant(birth_date=born_years_ago(45), settings={"max_age": 40})
    )
    refused = finding(with_setting, "eligibility.max_age")
    assert refused.outcome == Outcome.REFUSED and refused.setting == "max_age" and refused.citations == ()


def test_hangzhou_has_no_statutory_maximum_age_but_a_post_range_applies(pack):
    decision = evaluate(pack("hangzhou"), applicant(birth_date=born_years_ago(40), position_max_age=35))
    assert decision.outcome == Outcome.REFUSED
    assert "hangzhou:art10.p2" in [c.ref for c in decision.citations]


def test_sichuan_veteran_is_told_of_the_preference_citing_art19_2(pack):
    decision = evaluate(pack("sichuan"), applicant(statuses=("veteran",)))
    assert refs(finding(decision, "preferences.veteran")) == ["sichuan:art19(2)"]


def test_inner_mongolia_targeted_plan_admits_only_its_groups(pack):
    im = pack("inner_mongolia")
    plan = ("veteran_or_former_fire_rescue",)
    assert evaluate(im, applicant(targeted_groups=plan)).outcome == Outcome.REFUSED
    assert evaluate(im, applicant(targeted_groups=plan, statuses=plan)).outcome == Outcome.ALLOWED
    wrong_group = evaluate(im, applicant(targeted_groups=("righteous_act",), statuses=("righteous_act",)))
    assert wrong_group.outcome == Outcome.REFUSED
    assert "inner_mongolia:art22.p2" in [c.ref for c in wrong_group.citations]


def test_targeted_plans_are_refused_where_the_text_does_not_provide_them(pack):
    decision = evaluate(pack("sichuan"), applicant(targeted_groups=("veteran",), statuses=("veteran",)))
    assert decision.outcome == Outcome.REFUSED


@pytest.mark.parametrize(
    "jurisdiction, kinds, codes",
    [
        ("sichuan", ["dismissal"], ("left_aux_post_without_permission_or_dismissed",)),
        ("sichuan", ["left_without_permission"], ("left_aux_post_without_permission_or_dismissed",)),
        ("hangzhou", ["left_without_permission"], ()),
        ("inner_mongolia", ["left_without_permission"], ("left_aux_post_before_contract_end",)),
        ("p001", ["dismissal", "resignation"], ("expelled_public_office_military_or_dismissed",)),
        ("nantong", ["dismissal"], ()),
    ],
)
def test_a_past_separation_bars_rehiring_only_where_the_text_says_so(pack, jurisdiction, kinds, codes):
    from auxpolice.rules.evaluators.eligibility import separation_bars

    assert separation_bars(pack(jurisdiction), kinds) == codes
