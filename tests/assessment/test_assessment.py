"""The annual assessment per jurisdiction: cited dimensions, review before publication, appeals,
consequences."""

from datetime import date

import pytest

from assessment.models import (
    AppealStatus,
    Assessment,
    AssessmentCycle,
    AssessmentStatus,
    Consequence,
    ConsequenceKind,
    ConsequenceStatus,
    CycleStatus,
    TierChange,
)
from assessment.services import assessments, batch, tiers
from auxpolice.core.errors import Conflict, DomainError, NotPermitted
from personnel.models import AuxiliaryOfficer, TrainingResult
from personnel.services import duties
from tests.assessment.builders import graded_agency, people, staff_of

TODAY = date(2026, 11, 23)
DIMENSIONS = {  # the words each text uses, and the article that prescribes them
    "sichuan": (["履职情况", "工作绩效", "遵章守纪", "教育培训"], "四川省办法 第二十五条"),
    "hangzhou": (["政治思想", "纪律作风", "工作绩效", "教育培训"], "杭州市规定 第十五条第一款"),
    "inner_mongolia": (
        ["思想政治素质", "工作能力", "工作作风", "工作绩效", "遵纪守法"],
        "内蒙古条例 第三十六条第二款",
    ),
    "p001": (["思想政治素质", "业务能力", "工作作风", "工作绩效", "遵纪守法"], "（001省）条例 第二十八条"),
}
JURISDICTIONS = [*DIMENSIONS, "nantong"]


def open_cycle(agency, officer, django_capture_on_commit_callbacks, year=2025):
    with django_capture_on_commit_callbacks(execute=True):
        cycle = assessments.cycle_open(actor=officer, agency=agency, year=year, today=TODAY)
    cycle.refresh_from_db()
    return cycle


def score_all(cycle, officer, reviewer, grades):
    """Score, review and publish each assessment with the given grades (in person order)."""
    rows = list(Assessment.objects.filter(cycle=cycle).order_by("officer_id"))
    for assessment, grade in zip(rows, grades, strict=True):
        scores = {d["code"]: 85 for d in cycle.scheme["dimensions"]}
        assessments.assessment_score(
            actor=officer, assessment=assessment, scores=scores, grade=grade, assessor_name="王警官"
        )
        assessments.assessment_review(actor=reviewer, assessment=assessment)
        assessments.assessment_publish(actor=reviewer, assessment=assessment, today=TODAY)
    return rows


def close(cycle, actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch.cycle_close(actor=actor, cycle=cycle)
    cycle.refresh_from_db()
    return cycle


@pytest.mark.parametrize("jurisdiction", sorted(DIMENSIONS))
def test_the_dimensions_offered_are_the_ones_the_text_names_with_its_article(
    db, sysadmin, jurisdiction, django_capture_on_commit_callbacks
):
    agency = graded_agency(jurisdiction, admin=sysadmin)
    officer, _reviewer, _ = staff_of(agency)
    people(agency, officer, 2)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    words, article = DIMENSIONS[jurisdiction]
    assert [d["label"] for d in cycle.scheme["dimensions"]] == words
    assert article in cycle.scheme["dimensions_basis"]
    assert cycle.status == CycleStatus.OPEN
    assert Assessment.objects.filter(cycle=cycle, status=AssessmentStatus.PENDING).count() == 2


def test_nantong_names_no_dimensions_so_the_agency_setting_supplies_them_and_says_so(
    db, sysadmin, django_capture_on_commit_callbacks
):
    agency = graded_agency("nantong", admin=sysadmin, assessment_dimensions=[])
    officer, _, _ = staff_of(agency)
    with pytest.raises(DomainError, match="南通市实施办法未规定年度考核的内容"):
        assessments.cycle_open(actor=officer, agency=agency, year=2025, today=TODAY)
    assert not AssessmentCycle.objects.exists()
    graded_agency_settings = {"assessment_dimensions": ["德", "能", "勤", "绩", "廉"]}
    from tests.assessment.builders import set_scheme

    set_scheme(agency, admin=sysadmin, **graded_agency_settings)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    assert [d["label"] for d in cycle.scheme["dimensions"]] == ["德", "能", "勤", "绩", "廉"]
    assert "机构设置 assessment_dimensions" in cycle.scheme["dimensions_basis"]


def test_a_cycle_needs_the_agencys_grades_because_no_text_sets_them(db, sysadmin):
    agency = graded_agency("sichuan", admin=sysadmin, assessment_grades=["优秀"])
    officer, _, _ = staff_of(agency)
    with pytest.raises(DomainError, match="assessment_grades"):
        assessments.cycle_open(actor=officer, agency=agency, year=2025, today=TODAY)


def test_one_cycle_per_agency_and_year(db, sysadmin, django_capture_on_commit_callbacks):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    open_cycle(agency, officer, django_capture_on_commit_callbacks)
    with pytest.raises(Conflict):
        assessments.cycle_open(actor=officer, agency=agency, year=2025, today=TODAY)


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_an_unreviewed_assessment_cannot_be_published_and_the_scorer_cannot_review_it(
    db, sysadmin, jurisdiction, django_capture_on_commit_callbacks
):
    agency = graded_agency(jurisdiction, admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, 1)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    assessment = Assessment.objects.get(cycle=cycle)
    with pytest.raises(DomainError, match="审核"):
        assessments.assessment_publish(actor=reviewer, assessment=assessment)
    assessments.assessment_score(
        actor=officer,
        assessment=assessment,
        grade="称职",
        assessor_name="王警官",
        scores={d["code"]: 80 for d in cycle.scheme["dimensions"]},
    )
    with pytest.raises(DomainError):
        assessments.assessment_publish(actor=reviewer, assessment=assessment)
    officer.role = (
        "supervisor"  # even with approval rights, the one who entered the scores does not review them
    )
    officer.save()
    officer.__dict__.pop("_scope_paths_cache", None)
    with pytest.raises(NotPermitted):
        assessments.assessment_review(actor=officer, assessment=assessment)
    assessments.assessment_review(actor=reviewer, assessment=assessment)
    published = assessments.assessment_publish(actor=reviewer, assessment=assessment, today=TODAY)
    assert published.status == AssessmentStatus.PUBLISHED and published.published_on == TODAY


def test_scores_outside_0_to_100_or_a_grade_outside_the_scheme_are_refused(
    db, sysadmin, django_capture_on_commit_callbacks
):
    agency = graded_agency("hangzhou", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    people(agency, officer, 1)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    assessment = Assessment.objects.get(cycle=cycle)
    scores = {d["code"]: 80 for d in cycle.scheme["dimensions"]}
    with pytest.raises(DomainError) as refused:
        assessments.assessment_score(
            actor=officer,
            assessment=assessment,
            grade="称职",
            assessor_name="王警官",
            scores={**scores, "performance": 101},
        )
    assert refused.value.field == "score_performance"
    with pytest.raises(DomainError) as refused:
        assessments.assessment_score(
            actor=officer, assessment=assessment, grade="良好", assessor_name="王警官", scores=scores
        )
    assert refused.value.field == "grade"
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PENDING and assessment.scores == {}


def test_hangzhou_brings_the_years_training_exam_scores_into_the_assessment(
    db, sysadmin, django_capture_on_commit_callbacks
):
    agency = graded_agency("hangzhou", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    [person] = people(agency, officer, 1)
    for score in (80, 91):
        duties.training_record(
            actor=officer,
            officer=person,
            kind="periodic_with_exam",
            title="法律知识",
            started_on=date(2025, 5, 1),
            ended_on=date(2025, 5, 3),
            result=TrainingResult.PASSED,
            score=score,
        )
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    assert "杭州市规定 第十四条第二款" in cycle.scheme["training_exam_basis"]
    assessment = assessments.assessment_score(
        actor=officer,
        assessment=Assessment.objects.get(cycle=cycle),
        grade="称职",
        assessor_name="王警官",
        scores={d["code"]: 80 for d in cycle.scheme["dimensions"]},
    )
    assert str(assessment.training_exam_score) == "85.50"


def test_the_top_grade_cap_is_held_per_agency(db, sysadmin, django_capture_on_commit_callbacks):
    agency = graded_agency("sichuan", admin=sysadmin, assessment_top_grade_percent=20)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, 5)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    rows = list(Assessment.objects.filter(cycle=cycle).order_by("pk"))
    scores = {d["code"]: 95 for d in cycle.scheme["dimensions"]}
    for row in rows[:2]:
        assessments.assessment_score(
            actor=officer, assessment=row, scores=scores, grade="优秀", assessor_name="王警官"
        )
    assessments.assessment_review(actor=reviewer, assessment=rows[0])
    with pytest.raises(DomainError, match="20%"):
        assessments.assessment_review(actor=reviewer, assessment=rows[1])
    rows[1].refresh_from_db()
    assert rows[1].status == AssessmentStatus.SCORED


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_an_appeal_changes_the_result_only_through_its_decision(
    db, sysadmin, jurisdiction, django_capture_on_commit_callbacks
):
    agency = graded_agency(jurisdiction, admin=sysadmin)
    officer, reviewer, second = staff_of(agency)
    people(agency, officer, 1)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    [assessment] = score_all(cycle, officer, reviewer, ["基本称职"])
    appeal = assessments.appeal_file(
        actor=officer, assessment=assessment, filed_on=TODAY, reasons="全年无违纪，考核偏低"
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.APPEALED and assessment.grade == "基本称职"
    with pytest.raises(DomainError):  # the grade cannot be re-scored while under appeal
        assessments.assessment_score(
            actor=officer,
            assessment=assessment,
            grade="称职",
            assessor_name="王警官",
            scores={d["code"]: 90 for d in cycle.scheme["dimensions"]},
        )
    with pytest.raises(NotPermitted):  # not by the one who reviewed it
        assessments.appeal_decide(
            actor=reviewer, appeal=appeal, upheld=True, new_grade="称职", reasons="复核"
        )
    with pytest.raises(DomainError):
        batch.cycle_close(actor=second, cycle=cycle)  # an open appeal blocks closing
    decided = assessments.appeal_decide(
        actor=second,
        appeal=appeal,
        upheld=True,
        new_grade="称职",
        reasons="复核出勤记录，原等次不当",
        decided_on=TODAY,
    )
    assessment.refresh_from_db()
    assert decided.status == AppealStatus.UPHELD and decided.grade_before == "基本称职"
    assert assessment.grade == "称职" and assessment.status == AssessmentStatus.PUBLISHED
    assert [h.grade for h in assessment.history.order_by("history_date")][-2:] == ["基本称职", "称职"]


def test_a_rejected_appeal_leaves_the_grade(db, sysadmin, django_capture_on_commit_callbacks):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, second = staff_of(agency)
    people(agency, officer, 1)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    [assessment] = score_all(cycle, officer, reviewer, ["不称职"])
    appeal = assessments.appeal_file(actor=officer, assessment=assessment, filed_on=TODAY, reasons="不服")
    assessments.appeal_decide(actor=second, appeal=appeal, upheld=False, reasons="事实清楚")
    assessment.refresh_from_db()
    assert assessment.grade == "不称职" and assessment.status == AssessmentStatus.PUBLISHED


def test_an_appeal_after_the_agencys_period_is_refused(db, sysadmin, django_capture_on_commit_callbacks):
    agency = graded_agency("sichuan", admin=sysadmin, assessment_appeal_days=15)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, 1)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    [assessment] = score_all(cycle, officer, reviewer, ["称职"])
    with pytest.raises(DomainError, match="assessment_appeal_days"):
        assessments.appeal_file(
            actor=officer, assessment=assessment, filed_on=date(2026, 12, 9), reasons="不服"
        )


# Which consequences each text makes the result the basis of (assessment_as_basis / uses in matrix.yaml).
KINDS = {
    "sichuan": ({"promotion", "demotion", "pay", "renewal"}, "四川省办法 第二十五条"),
    "p001": ({"promotion", "demotion", "pay", "renewal"}, "（001省）条例 第二十八条第二款"),
    "inner_mongolia": ({"promotion", "demotion", "pay", "renewal"}, "内蒙古条例 第三十六条第二款"),
    "hangzhou": (
        {"promotion", "renewal"},
        "杭州市规定 第十五条第一款",
    ),  # 层级晋升、续订劳动合同: no demotion, no pay
    "nantong": ({"promotion", "demotion"}, "南通市实施办法 第十一条"),  # tiers by the police's own rules
}


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_closing_proposes_what_the_text_makes_the_result_a_basis_of_with_its_article(
    db, sysadmin, jurisdiction, django_capture_on_commit_callbacks
):
    agency = graded_agency(jurisdiction, admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    low, middle, top, bottom = people(agency, officer, 4)
    AuxiliaryOfficer.objects.filter(pk=top.pk).update(tier="一级辅警")
    AuxiliaryOfficer.objects.filter(pk=bottom.pk).update(tier="四级辅警")
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    score_all(cycle, officer, reviewer, ["优秀", "称职", "优秀", "不称职"])
    close(cycle, reviewer, django_capture_on_commit_callbacks)
    assert cycle.status == CycleStatus.CLOSED
    kinds, article = KINDS[jurisdiction]
    proposals = list(Consequence.objects.filter(cycle=cycle))
    assert {p.kind for p in proposals} <= kinds
    assert all(article in p.basis for p in proposals)
    tier_moves = {(p.officer_id, p.kind): p.to_tier for p in proposals if p.kind in ("promotion", "demotion")}
    assert tier_moves.get((low.pk, "promotion")) == "二级辅警"
    assert (top.pk, "promotion") not in tier_moves  # already at the top tier: nothing past it
    if "demotion" in kinds:
        assert (bottom.pk, "demotion") not in tier_moves  # already at the lowest tier
    else:
        assert not any(kind == "demotion" for _, kind in tier_moves)
    assert not any(officer_id == middle.pk for officer_id, _ in tier_moves)


def test_renewal_is_recommended_by_grade_for_contracts_ending_by_next_year(
    db, sysadmin, django_capture_on_commit_callbacks
):
    from personnel.services.contracts import contract_sign

    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    good, poor, later = people(agency, officer, 3)
    for person, ends in ((good, date(2026, 6, 30)), (poor, date(2026, 6, 30)), (later, date(2029, 2, 28))):
        contract_sign(
            actor=officer,
            officer=person,
            employer_name="成都市公安局",
            starts_on=date(2024, 3, 1),
            ends_on=ends,
            probation_ends_on=date(2024, 4, 30),
        )
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    score_all(cycle, officer, reviewer, ["称职", "不称职", "称职"])
    close(cycle, reviewer, django_capture_on_commit_callbacks)
    renewal = {
        c.officer_id: c.recommend_renewal for c in Consequence.objects.filter(kind=ConsequenceKind.RENEWAL)
    }
    assert renewal == {good.pk: True, poor.pk: False}


def test_closing_is_refused_until_every_result_is_published(db, sysadmin, django_capture_on_commit_callbacks):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, 2)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    with pytest.raises(DomainError, match="2"):
        batch.cycle_close(actor=reviewer, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.OPEN and not Consequence.objects.exists()


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_closing_a_cycle_twice_changes_nothing_the_second_time(
    db, sysadmin, jurisdiction, django_capture_on_commit_callbacks
):
    agency = graded_agency(jurisdiction, admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, 3)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    score_all(cycle, officer, reviewer, ["优秀", "称职", "不称职"])
    close(cycle, reviewer, django_capture_on_commit_callbacks)
    before = (
        list(Consequence.objects.values_list("pk", "kind", "status").order_by("pk")),
        Consequence.history.count(),
        AssessmentCycle.history.count(),
    )
    close(cycle, reviewer, django_capture_on_commit_callbacks)
    batch.close_chunks(cycle.pk)  # the task delivered twice
    assert (
        list(Consequence.objects.values_list("pk", "kind", "status").order_by("pk")),
        Consequence.history.count(),
        AssessmentCycle.history.count(),
    ) == before


def test_an_interrupted_close_resumes_without_duplicating(
    db, sysadmin, django_capture_on_commit_callbacks, monkeypatch, settings
):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, 5)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    score_all(cycle, officer, reviewer, ["优秀"] * 5)
    settings.BATCH_SLICE_SIZE = 2
    calls = {"n": 0}
    real = batch.proposals_for

    def crash_on_third_slice(cycle, row, tiers_of):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("worker lost")
        return real(cycle, row, tiers_of)

    monkeypatch.setattr(batch, "proposals_for", crash_on_third_slice)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        batch.cycle_close(actor=reviewer, cycle=cycle)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSING and cycle.job_done == 4
    monkeypatch.setattr(batch, "proposals_for", real)
    batch.close_chunks(cycle.pk)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.CLOSED
    assert Consequence.objects.filter(kind="promotion").count() == 5


def test_confirmed_promotions_take_effect_on_their_date_once(
    db, sysadmin, django_capture_on_commit_callbacks
):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    now_person, later_person = people(agency, officer, 2)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    score_all(cycle, officer, reviewer, ["优秀", "优秀"])
    close(cycle, reviewer, django_capture_on_commit_callbacks)
    now_id = Consequence.objects.get(officer=now_person, kind="promotion").pk
    later_id = Consequence.objects.get(officer=later_person, kind="promotion").pk
    tiers.consequences_confirm(
        actor=reviewer, cycle=cycle, ids=[now_id], effective_on=date(2026, 1, 1), today=TODAY
    )
    tiers.consequences_confirm(
        actor=reviewer, cycle=cycle, ids=[later_id], effective_on=date(2027, 1, 1), today=TODAY
    )
    now_person.refresh_from_db()
    later_person.refresh_from_db()
    assert (now_person.tier, now_person.tier_since) == ("二级辅警", date(2026, 1, 1))
    assert later_person.tier == "三级辅警"
    assert tiers.apply_due(TODAY) == 0
    assert tiers.apply_due(date(2027, 1, 1)) == 1
    assert tiers.apply_due(date(2027, 1, 1)) == 0
    later_person.refresh_from_db()
    assert later_person.tier == "二级辅警"
    change = TierChange.objects.get(officer=later_person)
    assert change.mode == "by_assessment" and "四川省办法 第二十五条" in change.basis
    assert later_person.history.filter(tier="二级辅警").exists()


def test_a_proposal_whose_person_changed_tier_meanwhile_is_not_applied(
    db, sysadmin, django_capture_on_commit_callbacks
):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    [person] = people(agency, officer, 1)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    score_all(cycle, officer, reviewer, ["优秀"])
    close(cycle, reviewer, django_capture_on_commit_callbacks)
    AuxiliaryOfficer.objects.filter(pk=person.pk).update(tier="一级辅警")
    counts = tiers.consequences_confirm(
        actor=reviewer, cycle=cycle, kind="promotion", effective_on=TODAY, today=TODAY
    )
    assert counts == {"confirmed": 0, "stale": 1}
    person.refresh_from_db()
    assert person.tier == "一级辅警"
    assert Consequence.objects.get(kind="promotion").status == ConsequenceStatus.STALE


def test_an_officer_cannot_confirm_consequences(db, sysadmin, django_capture_on_commit_callbacks):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, 1)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    score_all(cycle, officer, reviewer, ["优秀"])
    close(cycle, reviewer, django_capture_on_commit_callbacks)
    with pytest.raises(NotPermitted):
        tiers.consequences_confirm(actor=officer, cycle=cycle, effective_on=TODAY, today=TODAY)
    assert not Consequence.objects.filter(status="confirmed").exists()


def test_a_long_basis_is_kept_whole_with_its_article(db, sysadmin):
    mongolia = graded_agency("inner_mongolia", admin=sysadmin)
    officer, reviewer, _ = staff_of(mongolia)
    [person] = people(mongolia, officer, 1)
    decision = "经局党委会研究决定，根据年度考核结果和民主测评情况，" * 8 + "选拔晋升决定〔2026〕2号"
    change = tiers.tier_assign(
        actor=reviewer,
        officer=person,
        to_tier="一级辅警",
        mode="by_selection",
        basis=decision,
        effective_on=TODAY,
        today=TODAY,
    )
    change.refresh_from_db()
    assert change.basis.startswith(decision) and "内蒙古条例 第三十六条第一款" in change.basis


def test_promotion_by_selection_only_where_the_text_names_it_or_the_agency_adopts_it(db, sysadmin):
    mongolia = graded_agency("inner_mongolia", admin=sysadmin)
    officer, reviewer, _ = staff_of(mongolia)
    [person] = people(mongolia, officer, 1)
    change = tiers.tier_assign(
        actor=reviewer,
        officer=person,
        to_tier="一级辅警",
        mode="by_selection",
        basis="选拔晋升决定〔2026〕2号",
        effective_on=TODAY,
        today=TODAY,
    )
    assert "内蒙古条例 第三十六条第一款" in change.basis
    person.refresh_from_db()
    assert person.tier == "一级辅警"
    with pytest.raises(DomainError):  # nothing above the top tier
        tiers.tier_assign(
            actor=reviewer,
            officer=person,
            to_tier="五级",
            mode="by_selection",
            basis="x",
            effective_on=TODAY,
            today=TODAY,
        )

    sichuan = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(sichuan)
    [person] = people(sichuan, officer, 1)
    with pytest.raises(DomainError, match="tier_promotion_modes"):
        tiers.tier_assign(
            actor=reviewer,
            officer=person,
            to_tier="一级辅警",
            mode="by_selection",
            basis="x",
            effective_on=TODAY,
            today=TODAY,
        )


def test_initial_grading_only_for_someone_without_a_tier(db, sysadmin):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    [new, graded] = people(agency, officer, 2, tier="")
    tiers.tier_assign(
        actor=reviewer,
        officer=new,
        to_tier="四级辅警",
        mode="initial",
        basis="定级",
        effective_on=TODAY,
        today=TODAY,
    )
    new.refresh_from_db()
    assert new.tier == "四级辅警"
    with pytest.raises(DomainError):
        tiers.tier_assign(
            actor=reviewer,
            officer=new,
            to_tier="一级辅警",
            mode="initial",
            basis="定级",
            effective_on=TODAY,
            today=TODAY,
        )


def test_a_tier_gives_no_authority_over_anyone():
    """Tiers are pay grades (p001 art 26, Nantong art 11): no model relates one auxiliary to another."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is AuxiliaryOfficer and model is AuxiliaryOfficer:
                pytest.fail(f"{model.__name__}.{field.name} relates auxiliaries to each other")


def test_bulk_review_skips_what_the_reviewer_entered_and_holds_top_grades_past_the_cap(
    db, sysadmin, django_capture_on_commit_callbacks
):
    agency = graded_agency("sichuan", admin=sysadmin, assessment_top_grade_percent=20)
    officer, _, _ = staff_of(agency)
    people(agency, officer, 5)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    rows = list(Assessment.objects.filter(cycle=cycle).order_by("pk"))
    scores = {d["code"]: 90 for d in cycle.scheme["dimensions"]}
    for row, grade in zip(rows[:4], ["优秀", "优秀", "称职", "称职"], strict=True):
        assessments.assessment_score(
            actor=officer, assessment=row, scores=scores, grade=grade, assessor_name="王警官"
        )
    # A system administrator may both enter and approve: bulk review still leaves what they entered.
    assessments.assessment_score(
        actor=sysadmin, assessment=rows[4], scores=scores, grade="称职", assessor_name="王警官"
    )
    assert batch.review_scored(actor=sysadmin, cycle=cycle) == {"reviewed": 2, "held": 2}
    statuses = list(Assessment.objects.filter(cycle=cycle).order_by("pk").values_list("status", flat=True))
    assert statuses == ["scored", "scored", "reviewed", "reviewed", "scored"]
    assert Assessment.history.filter(status="reviewed").count() == 2
