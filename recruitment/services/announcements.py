"""Recruitment announcements (招聘公告): made from an approved plan, approved by a supervisor,
published to the portal; every later change is a new published version applicants can read."""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError, NotPermitted, RuleViolation
from auxpolice.core.models import Category, Role, User
from auxpolice.core.scoping import Action, can
from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import eligibility
from auxpolice.rules.evaluators import stages as stage_rules
from auxpolice.rules.evaluators.common import BadQuestion
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import agency_settings
from headcount.models import RecruitmentPlan
from headcount.services.plans import plan_close_with, plan_require_approved

from .. import stages
from ..models import (
    Announcement,
    AnnouncementRevision,
    AnnouncementStatus,
    Application,
    ApplicationStatus,
    Position,
)
from . import notices

REVISABLE_FIELDS = ("title", "body", "exam_arrangements", "registration_closes")


def resolve_stages(
    *, agency, on, simplify=(), simplification_basis: str = ""
) -> tuple[list[str], str, object]:
    """The back-office stages for an announcement, from the rules (or the agency setting where the
    text lists none). A simplification needs the agreement the text asks for, recorded in the basis."""
    pack = pack_for(agency.jurisdiction, on)
    settings = agency_settings(agency)
    basis = simplification_basis.strip()
    decision = stage_rules.evaluate(
        pack,
        simplify=tuple(simplify),
        agreements=("same_level_hr",) if basis else (),
        stated_in_announcement=bool(basis),
        default_stages=tuple(settings.get("recruitment_stages", ())),
    )
    blocking = [f for f in decision.findings if f.outcome in (Outcome.REFUSED, Outcome.NEEDS_APPROVAL)]
    if blocking:
        raise RuleViolation(blocking[0].message, citations=blocking[0].citations, field="simplify")
    all_stages = [s for s in decision.data["stages"] if s not in stages.PORTAL_STAGES]
    if not all_stages:
        raise RuleViolation(
            _("%(rules)s lists no recruitment stages: set the agency's “recruitment stages” first.")
            % {"rules": pack.short_zh},
            field="simplify",
        )
    unknown = [s for s in all_stages if s not in stages.KNOWN]
    if unknown:
        raise DomainError(
            _("Unknown recruitment stages in the agency setting: %(stages)s.")
            % {"stages": ", ".join(unknown)},
            field="simplify",
        )
    if stages.PUBLICITY not in all_stages and settings.get("publicity_working_days"):
        all_stages.append(stages.PUBLICITY)  # the text is silent; the agency has chosen to publicise
    kept = [s for s in all_stages if s not in simplify]
    if not any(s in stages.REVIEW for s in kept):
        raise DomainError(_("Qualification review cannot be left out."), field="simplify")
    return kept, decision.data.get("source", "rules"), decision


def _check_positions(
    plan: RecruitmentPlan, positions: list[dict], *, exclude_announcement=None
) -> list[Position]:
    if not positions:
        raise DomainError(_("Add at least one position."), field="positions")
    built, codes = [], set()
    for number, data in enumerate(positions, start=1):
        code = str(data.get("code", "")).strip()
        if not code or code in codes:
            raise DomainError(
                _("Position %(n)s: give a position code used once in this announcement.") % {"n": number},
                field="positions",
            )
        codes.add(code)
        if data.get("category") not in Category.values:
            raise DomainError(
                _("Position %(code)s: choose civilian or service.") % {"code": code}, field="positions"
            )
        try:
            places = int(data.get("places") or 0)
        except (TypeError, ValueError):
            places = 0
        if places < 1:
            raise DomainError(_("Position %(code)s: at least one place.") % {"code": code}, field="positions")
        min_education = data.get("min_education") or ""
        if min_education and min_education not in eligibility.EDUCATION_RANK:
            raise DomainError(
                _("Position %(code)s: unknown education level.") % {"code": code}, field="positions"
            )
        built.append(
            Position(
                code=code,
                title=str(data.get("title") or code).strip(),
                category=data["category"],
                places=places,
                max_age=data.get("max_age") or None,
                min_education=min_education,
                major=str(data.get("major") or "").strip(),
                other_conditions=str(data.get("other_conditions") or "").strip(),
                targeted_groups=list(data.get("targeted_groups") or []),
            )
        )
    advertised = (
        Position.objects.filter(announcement__plan=plan)
        .exclude(announcement=exclude_announcement)
        .values("category")
        .annotate(n=Sum("places"))
    )
    taken = {row["category"]: row["n"] for row in advertised}
    for category, room in (
        (Category.CIVILIAN, plan.civilian_places),
        (Category.SERVICE, plan.service_places),
    ):
        wanted = sum(p.places for p in built if p.category == category) + taken.get(category, 0)
        if wanted > room:
            raise DomainError(
                _("The plan approved %(room)s %(category)s places; the announcements would offer %(wanted)s.")
                % {"room": room, "category": Category(category).label, "wanted": wanted},
                field="positions",
            )
    return built


def _check_relaxations(pack, relaxations: list[dict]) -> list[dict]:
    clean = []
    for data in relaxations:
        relaxation = eligibility.Relaxation(
            what=data.get("what", ""),
            group=data.get("group", ""),
            max_age=data.get("max_age"),
            min_education=data.get("min_education"),
        )
        try:
            finding = eligibility.relaxation_offered(pack, relaxation)
        except BadQuestion as error:
            raise DomainError(str(error), field="relaxations") from None
        if finding.outcome == Outcome.REFUSED:
            raise RuleViolation(finding.message, citations=finding.citations, field="relaxations")
        clean.append(
            {k: v for k, v in data.items() if k in ("what", "group", "max_age", "min_education") and v}
        )
    return clean


def _check_window(opens: datetime, closes: datetime) -> None:
    if not opens or not closes or closes <= opens:
        raise DomainError(_("Registration must close after it opens."), field="registration_closes")


def _clean_stage_settings(kept: list[str], given: dict | None) -> dict:
    result = stages.default_stage_settings(kept)
    for stage, values in (given or {}).items():
        if stage not in result:
            continue
        try:
            weight, line = (
                Decimal(str(values.get("weight", result[stage]["weight"]))),
                Decimal(str(values.get("pass_line", result[stage]["pass_line"]))),
            )
            ratio = Decimal(str(values.get("ratio", result[stage]["ratio"])))
        except (InvalidOperation, AttributeError):
            raise DomainError(
                _("Weights, pass lines and ratios must be numbers."), field="stage_settings"
            ) from None
        if weight < 0 or line < 0 or ratio < 1:
            raise DomainError(
                _("Weights and pass lines cannot be negative; a ratio is at least 1."), field="stage_settings"
            )
        result[stage] = {"weight": str(weight), "pass_line": str(line), "ratio": str(ratio)}
    return result


@transaction.atomic
def announcement_create(
    *,
    actor: User,
    plan: RecruitmentPlan,
    title: str,
    body: str,
    registration_opens: datetime,
    registration_closes: datetime,
    positions: list[dict],
    exam_arrangements: str = "",
    relaxations: tuple[dict, ...] | list[dict] = (),
    simplify: tuple[str, ...] = (),
    simplification_basis: str = "",
    approvals: tuple[str, ...] = (),
    stage_settings: dict | None = None,
) -> Announcement:
    plan = RecruitmentPlan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    if not can(actor, Action.CHANGE, plan.agency):
        raise NotPermitted()
    plan_require_approved(plan=plan)
    if not title.strip() or not body.strip():
        raise DomainError(
            _("Give the announcement a title and its text."), field="title" if not title.strip() else "body"
        )
    _check_window(registration_opens, registration_closes)
    on = timezone.localdate()
    pack = pack_for(plan.agency.jurisdiction, on)
    kept, source, _decision = resolve_stages(
        agency=plan.agency, on=on, simplify=simplify, simplification_basis=simplification_basis
    )
    built = _check_positions(plan, positions)
    announcement = Announcement(
        plan=plan,
        agency=plan.agency,
        title=title.strip(),
        body=body.strip(),
        exam_arrangements=exam_arrangements.strip(),
        registration_opens=registration_opens,
        registration_closes=registration_closes,
        stages=kept,
        stages_source=source,
        simplified=list(simplify),
        simplification_basis=simplification_basis.strip(),
        relaxations=_check_relaxations(pack, list(relaxations)),
        approvals=list(approvals),
        stage_settings=_clean_stage_settings(kept, stage_settings),
        created_by=actor,
    )
    authored(announcement, actor)
    announcement.save()
    for position in built:
        position.announcement = announcement
        authored(position, actor)
        position.save()
    return announcement


@transaction.atomic
def announcement_submit(*, actor: User, announcement: Announcement) -> Announcement:
    announcement = Announcement.objects.select_for_update().select_related("agency").get(pk=announcement.pk)
    if not can(actor, Action.CHANGE, announcement.agency):
        raise NotPermitted()
    if announcement.status != AnnouncementStatus.DRAFT:
        raise DomainError(_("Only a draft can be sent for approval."), code="not_draft")
    announcement.status = AnnouncementStatus.PENDING
    authored(announcement, actor)
    announcement.save(update_fields=["status"])
    return announcement


def _snapshot(announcement: Announcement) -> dict:
    return {
        "title": announcement.title,
        "body": announcement.body,
        "exam_arrangements": announcement.exam_arrangements,
        "registration_opens": announcement.registration_opens.isoformat(),
        "registration_closes": announcement.registration_closes.isoformat(),
        "relaxations": announcement.relaxations,
        "stages": announcement.stages,
    }


def _check_supervisor(actor: User, announcement: Announcement) -> None:
    if actor.role != Role.SUPERVISOR or not can(actor, Action.APPROVE, announcement.agency):
        raise NotPermitted(_("Only a supervisor responsible for this agency may approve announcements."))
    if actor.pk == announcement.created_by_id:
        raise NotPermitted(_("The author of an announcement cannot approve it."), code="separation_of_duties")


@transaction.atomic
def announcement_approve(*, actor: User, announcement: Announcement) -> Announcement:
    """Approve and publish to the portal."""
    announcement = (
        Announcement.objects.select_for_update().select_related("agency", "plan").get(pk=announcement.pk)
    )
    _check_supervisor(actor, announcement)
    if announcement.status != AnnouncementStatus.PENDING:
        raise DomainError(_("This announcement is not awaiting approval."), code="not_pending")
    plan_require_approved(plan=announcement.plan)
    announcement.status, announcement.version = AnnouncementStatus.PUBLISHED, 1
    announcement.approved_by, announcement.published_at = actor, timezone.now()
    authored(announcement, actor)
    announcement.save(update_fields=["status", "version", "approved_by", "published_at"])
    revision = AnnouncementRevision(
        announcement=announcement,
        number=1,
        note=_("First publication."),
        snapshot=_snapshot(announcement),
        published_by=actor,
    )
    authored(revision, actor)
    revision.save()
    return announcement


@transaction.atomic
def announcement_return(*, actor: User, announcement: Announcement, reason: str) -> Announcement:
    announcement = Announcement.objects.select_for_update().select_related("agency").get(pk=announcement.pk)
    _check_supervisor(actor, announcement)
    if announcement.status != AnnouncementStatus.PENDING:
        raise DomainError(_("This announcement is not awaiting approval."), code="not_pending")
    if not reason.strip():
        raise DomainError(_("Say why the announcement goes back."), field="reason")
    announcement.status = AnnouncementStatus.DRAFT
    authored(announcement, actor, reason=reason.strip()[:100])
    announcement.save(update_fields=["status"])
    return announcement


@transaction.atomic
def announcement_revise(*, actor: User, announcement: Announcement, note: str, **changes) -> Announcement:
    """Change a published announcement: a supervisor publishes a new version with a note, and every
    applicant is told."""
    announcement = Announcement.objects.select_for_update().select_related("agency").get(pk=announcement.pk)
    _check_supervisor(actor, announcement)
    if announcement.status != AnnouncementStatus.PUBLISHED:
        raise DomainError(_("Only a published announcement gets new versions."), code="not_published")
    unknown = set(changes) - set(REVISABLE_FIELDS)
    if unknown:
        raise DomainError(_("This field cannot be changed after publication."), field=sorted(unknown)[0])
    if not note.strip():
        raise DomainError(_("Say what changed and why."), field="note")
    changed = [f for f, v in changes.items() if getattr(announcement, f) != v]
    if not changed:
        raise DomainError(_("Nothing was changed."), field="note")
    for field in changed:
        setattr(announcement, field, changes[field])
    _check_window(announcement.registration_opens, announcement.registration_closes)
    announcement.version += 1
    authored(announcement, actor)
    announcement.save(update_fields=[*changed, "version"])
    revision = AnnouncementRevision(
        announcement=announcement,
        number=announcement.version,
        note=note.strip(),
        snapshot=_snapshot(announcement),
        published_by=actor,
    )
    authored(revision, actor)
    revision.save()
    notices.announce_revision(announcement, revision)
    return announcement


IN_PROGRESS = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RETURNED,
    ApplicationStatus.IN_PROGRESS,
    ApplicationStatus.IN_PUBLICITY,
)


@transaction.atomic
def plan_close(*, actor: User, plan: RecruitmentPlan) -> RecruitmentPlan:
    """Close an approved plan once its recruitment is over: its announcements close, and the places reserved
    but not filled go back to the quota."""
    in_progress = Application.objects.filter(announcement__plan=plan, status__in=IN_PROGRESS)
    if in_progress.exists():
        raise DomainError(
            _("%(n)s applications are still in progress: finish or end them first.")
            % {"n": in_progress.count()},
            code="applications_in_progress",
        )
    hired: dict[str, int] = {Category.CIVILIAN: 0, Category.SERVICE: 0}
    for category in Application.objects.filter(
        announcement__plan=plan, status=ApplicationStatus.HIRED
    ).values_list("category", flat=True):
        hired[category] += 1
    plan = plan_close_with(actor=actor, plan=plan, hired=hired)
    for announcement in Announcement.objects.filter(plan=plan).exclude(status=AnnouncementStatus.CLOSED):
        announcement.status = AnnouncementStatus.CLOSED
        authored(announcement, actor)
        announcement.save(update_fields=["status"])
    return plan
