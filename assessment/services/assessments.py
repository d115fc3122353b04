"""The annual assessment, one person at a time: open a cycle, score, review, publish, appeal, decide the
appeal. Batches (opening and closing a cycle for a province) are in `batch.py`; tiers and consequences in
`tiers.py`."""

import math
from datetime import date, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError, NotPermitted
from auxpolice.core.models import Agency, User
from auxpolice.core.scoping import Action, can
from auxpolice.rules.evaluators import grading
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import agency_settings
from personnel.models import TrainingKind, TrainingRecord

from ..models import (
    Appeal,
    AppealStatus,
    Assessment,
    AssessmentCycle,
    AssessmentStatus,
    CycleStatus,
)
from . import batch


def scheme_for(agency: Agency, on: date) -> dict:
    """The scheme a cycle opened now is fixed to, as stored on the cycle."""
    pack = pack_for(agency.jurisdiction, on)
    settings = agency_settings(agency)
    try:
        scheme = grading.assessment_scheme(pack, settings)
        grading.tiers(settings)
    except grading.SchemeMissing as missing:
        raise DomainError(str(missing), field="agency", code=f"setting_missing:{missing.setting}") from None
    modes, mode_citations = grading.promotion_modes(pack, settings)
    return {
        "dimensions": [{"code": d.code, "label": d.label} for d in scheme.dimensions],
        "dimensions_basis": scheme.dimensions_basis,
        "grades": list(scheme.grades),
        "top_grade_percent": scheme.top_grade_percent,
        "appeal_days": scheme.appeal_days,
        "training_exam_basis": "；".join(c.label_zh for c in scheme.training_exam_citations),
        "consequence_kinds": sorted(scheme.consequence_kinds),
        "basis": scheme.basis_label,
        "promotion_grades": sorted(scheme.promotion_grades),
        "demotion_grades": sorted(scheme.demotion_grades),
        "non_renewal_grades": sorted(scheme.non_renewal_grades),
        "promotion_by_assessment": grading.BY_ASSESSMENT in modes,
        "silent_note": scheme.silent_note,
        "grade_bands": {grade: [low, high] for grade, low, high in scheme.grade_bands},
    }


def cycle_open(*, actor: User, agency: Agency, year: int, today: date | None = None) -> AssessmentCycle:
    """Fix the scheme and queue the creation of one assessment per person in post in the subtree."""
    from ..tasks import open_cycle

    today = today or timezone.localdate()
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    if not 2000 <= year <= today.year:
        raise DomainError(
            _("Assess a year that has begun (up to %(year)s).") % {"year": today.year}, field="year"
        )
    scheme = scheme_for(agency, date(year, 12, 31) if year < today.year else today)
    try:
        with transaction.atomic():
            cycle = AssessmentCycle(agency=agency, year=year, scheme=scheme, opened_by=actor)
            authored(cycle, actor)
            cycle.save()
            batch.plan_opening(cycle)
            transaction.on_commit(lambda: open_cycle.delay(cycle.pk))
    except IntegrityError:
        raise Conflict(
            _("%(agency)s already has an assessment cycle for %(year)s.")
            % {"agency": agency.name, "year": year},
            field="year",
        ) from None
    return cycle


def _assessment_for(actor: User, assessment: Assessment, action: Action) -> Assessment:
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "agency", "officer")
        .get(pk=assessment.pk)
    )
    if not can(actor, action, assessment.agency):
        raise NotPermitted()
    if assessment.cycle.status != CycleStatus.OPEN:
        raise DomainError(_("The assessment cycle is not open."), code="cycle_not_open")
    return assessment


def training_exam_average(officer_id: int, year: int) -> Decimal | None:
    """Average of the year's training exam scores (Hangzhou art 14.2: they count in the annual assessment)."""
    value = TrainingRecord.objects.filter(
        officer_id=officer_id,
        kind=TrainingKind.PERIODIC_WITH_EXAM,
        started_on__year=year,
        score__isnull=False,
    ).aggregate(value=Avg("score"))["value"]
    return Decimal(value).quantize(Decimal("0.01")) if value is not None else None


def _check_band(scheme: dict, grade: str, scores: dict[str, int]) -> None:
    """Where the agency gives each grade a score band, the grade must match the average of the scores."""
    band = (scheme.get("grade_bands") or {}).get(grade)
    if not band or not scores:
        return
    average = (Decimal(sum(scores.values())) / len(scores)).quantize(Decimal("0.01"))
    if not band[0] <= average <= band[1]:
        raise DomainError(
            _(
                "%(grade)s needs an average score from %(low)s to %(high)s (agency setting "
                "assessment_grade_bands); these scores average %(average)s."
            )
            % {"grade": grade, "low": band[0], "high": band[1], "average": average},
            field="grade",
            code="grade_out_of_band",
        )


@transaction.atomic
def assessment_score(
    *, actor: User, assessment: Assessment, scores: dict, grade: str, assessor_name: str, comment: str = ""
) -> Assessment:
    """The supervising police officer's (带辅民警) scores and grade, entered by the HR office. Re-scoring is
    allowed until a supervisor has reviewed it."""
    assessment = _assessment_for(actor, assessment, Action.CHANGE)
    scheme = assessment.cycle.scheme
    if assessment.status not in (AssessmentStatus.PENDING, AssessmentStatus.SCORED):
        raise DomainError(_("A reviewed assessment can no longer be re-scored."), code="already_reviewed")
    if not assessor_name.strip():
        raise DomainError(
            _("Name the supervising police officer who assessed the person."), field="assessor_name"
        )
    cleaned = {}
    for dimension in scheme["dimensions"]:
        raw = scores.get(dimension["code"])
        try:
            value = int(raw if raw is not None else "")
        except (TypeError, ValueError):
            raise DomainError(
                _("Score %(dimension)s from 0 to 100.") % {"dimension": dimension["label"]},
                field=f"score_{dimension['code']}",
            ) from None
        if not 0 <= value <= 100:
            raise DomainError(
                _("Score %(dimension)s from 0 to 100.") % {"dimension": dimension["label"]},
                field=f"score_{dimension['code']}",
            )
        cleaned[dimension["code"]] = value
    if grade not in scheme["grades"]:
        raise DomainError(
            _("Choose one of the grades: %(grades)s.") % {"grades": "、".join(scheme["grades"])},
            field="grade",
        )
    _check_band(scheme, grade, cleaned)
    assessment.scores = cleaned
    assessment.grade = grade
    assessment.assessor_name = assessor_name.strip()
    assessment.comment = comment.strip()
    if scheme.get("training_exam_basis"):
        assessment.training_exam_score = training_exam_average(assessment.officer_id, assessment.year)
    assessment.status = AssessmentStatus.SCORED
    assessment.scored_by, assessment.scored_at = actor, timezone.now()
    authored(assessment, actor)
    assessment.save()
    return assessment


def _top_grade_room(cycle: AssessmentCycle, agency_id: int, exclude_pk: int) -> tuple[int, int] | None:
    """(allowed, already given) for the cycle's top grade in one agency, or None without a cap."""
    percent = cycle.scheme.get("top_grade_percent")
    if not percent:
        return None
    in_agency = Assessment.objects.filter(cycle=cycle, agency_id=agency_id)
    allowed = math.floor(in_agency.count() * percent / 100)
    given = (
        in_agency.filter(
            grade=cycle.scheme["grades"][0],
            status__in=[AssessmentStatus.REVIEWED, AssessmentStatus.PUBLISHED, AssessmentStatus.APPEALED],
        )
        .exclude(pk=exclude_pk)
        .count()
    )
    return allowed, given


def assessment_review(*, actor: User, assessment: Assessment) -> Assessment:
    """A supervisor confirms the scoring: not the person who entered it; the top grade stays within the
    cap."""
    with transaction.atomic():
        assessment = _assessment_for(actor, assessment, Action.APPROVE)
        if assessment.status != AssessmentStatus.SCORED:
            raise DomainError(_("Only a scored assessment can be reviewed."), code="not_scored")
        if assessment.scored_by_id == actor.pk:
            raise NotPermitted(_("The person who entered the scores cannot also review them."))
        cycle = AssessmentCycle.objects.select_for_update().get(
            pk=assessment.cycle_id
        )  # serialises the cap count
        room = _top_grade_room(cycle, assessment.agency_id, assessment.pk)
        if room and assessment.grade == cycle.scheme["grades"][0] and room[1] >= room[0]:
            raise DomainError(
                _(
                    "%(grade)s is capped at %(percent)s%% of the people assessed in %(agency)s: %(allowed)s "
                    "places, "
                    "all given (agency setting assessment_top_grade_percent)."
                )
                % {
                    "grade": assessment.grade,
                    "percent": cycle.scheme["top_grade_percent"],
                    "agency": assessment.agency.name,
                    "allowed": room[0],
                },
                field="grade",
                code="top_grade_cap",
            )
        assessment.status = AssessmentStatus.REVIEWED
        assessment.reviewed_by, assessment.reviewed_at = actor, timezone.now()
        authored(assessment, actor)
        assessment.save()
    return assessment


@transaction.atomic
def assessment_publish(*, actor: User, assessment: Assessment, today: date | None = None) -> Assessment:
    """Tell the person the result (公布). An unreviewed assessment cannot be published."""
    assessment = _assessment_for(actor, assessment, Action.APPROVE)
    if assessment.status != AssessmentStatus.REVIEWED:
        raise DomainError(_("Only a reviewed assessment can be published."), code="not_reviewed")
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_on = today or timezone.localdate()
    authored(assessment, actor)
    assessment.save()
    return assessment


def appeal_deadline(assessment: Assessment) -> date | None:
    days = assessment.cycle.scheme.get("appeal_days")
    return assessment.published_on + timedelta(days=days) if days and assessment.published_on else None


@transaction.atomic
def appeal_file(*, actor: User, assessment: Assessment, filed_on: date, reasons: str) -> Appeal:
    """Record the person's written appeal (申诉). The grade stays as it is until the appeal is decided."""
    assessment = _assessment_for(actor, assessment, Action.CHANGE)
    if assessment.status != AssessmentStatus.PUBLISHED:
        raise DomainError(_("Only a published result can be appealed."), code="not_published")
    if hasattr(assessment, "appeal"):
        raise Conflict(_("This result has already been appealed."))
    if not reasons.strip():
        raise DomainError(_("Write down the reasons the person gives."), field="reasons")
    if assessment.published_on and filed_on < assessment.published_on:
        raise DomainError(_("An appeal is filed after the result is published."), field="filed_on")
    deadline = appeal_deadline(assessment)
    if deadline and filed_on > deadline:
        raise DomainError(
            _("The appeal period ended on %(date)s (agency setting assessment_appeal_days).")
            % {"date": deadline.isoformat()},
            field="filed_on",
            code="appeal_late",
        )
    appeal = Appeal(
        assessment=assessment,
        filed_on=filed_on,
        reasons=reasons.strip(),
        grade_before=assessment.grade,
        recorded_by=actor,
    )
    authored(appeal, actor)
    appeal.save()
    assessment.status = AssessmentStatus.APPEALED
    authored(assessment, actor)
    assessment.save()
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    actor: User,
    appeal: Appeal,
    upheld: bool,
    reasons: str,
    new_grade: str = "",
    decided_on: date | None = None,
) -> Appeal:
    """The decision on an appeal: the only way a published grade changes."""
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    assessment = _assessment_for(actor, appeal.assessment, Action.APPROVE)
    if appeal.status != AppealStatus.PENDING:
        raise Conflict(_("This appeal has already been decided."))
    if actor.pk in (assessment.scored_by_id, assessment.reviewed_by_id):
        raise NotPermitted(
            _("The appeal is decided by someone who neither scored nor reviewed the assessment.")
        )
    if not reasons.strip():
        raise DomainError(_("Give the reasons for the decision."), field="reasons")
    if upheld:
        if new_grade not in assessment.cycle.scheme["grades"] or new_grade == appeal.grade_before:
            raise DomainError(
                _("An upheld appeal sets a different grade from the scheme."), field="new_grade"
            )
        assessment.grade = new_grade
    appeal.status = AppealStatus.UPHELD if upheld else AppealStatus.REJECTED
    appeal.grade_after = assessment.grade
    appeal.decision_reasons = reasons.strip()
    appeal.decided_on = decided_on or timezone.localdate()
    appeal.decided_by = actor
    authored(appeal, actor)
    appeal.save()
    assessment.status = AssessmentStatus.PUBLISHED
    authored(assessment, actor)
    assessment.save()
    return appeal
