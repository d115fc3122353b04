"""Recruitment plans (招聘计划): within an approved quota, approved along the jurisdiction's chain.

Approval reserves the plan's places in the quota; closing the plan gives back what was not filled.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError, NotPermitted, RuleViolation
from auxpolice.core.models import Agency, Category, User
from auxpolice.core.scoping import Action, can
from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators.organisation import may_organise_recruitment, recruitment_needs_approved_plan
from auxpolice.rules.registry import pack_for

from ..errors import QuotaExceeded
from ..models import PlanStatus, Quota, RecruitmentPlan
from . import chains, quotas


@transaction.atomic
def plan_submit(
    *,
    actor: User,
    agency: Agency,
    year: int,
    title: str,
    civilian_places: int,
    service_places: int,
    reason: str = "",
) -> RecruitmentPlan:
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    if not title.strip():
        raise DomainError(_("Give the plan a title."), field="title")
    if civilian_places < 0 or service_places < 0 or civilian_places + service_places == 0:
        raise DomainError(
            _("A plan needs at least one place, and no negative numbers."), field="service_places"
        )
    today = timezone.localdate()
    organiser = may_organise_recruitment(pack_for(agency.jurisdiction, today), agency_level=agency.level)
    if organiser.outcome == Outcome.REFUSED:
        raise RuleViolation(organiser.findings[0].message, citations=organiser.citations, field="agency")
    quota = Quota.objects.select_for_update().filter(agency=agency, year=year).first()
    if quota is None or quota.version == 0:
        raise QuotaExceeded(
            _("%(agency)s has no approved quota for %(year)s: a plan must stay within an approved quota.")
            % {"agency": agency.name, "year": year},
            field="year",
        )
    _check_room(quota, civilian_places, service_places)
    chain = chains.chain_for(agency=agency, kind="plan", on=today)
    plan = RecruitmentPlan(
        quota=quota,
        agency=agency,
        title=title.strip(),
        civilian_places=civilian_places,
        service_places=service_places,
        reason=reason.strip(),
        requested_by=actor,
    )
    authored(plan, actor)
    plan.save()
    chains.create_steps(subject_field="plan", subject=plan, chain=chain, requester=actor)
    if not plan.steps.filter(status="pending").exists():
        _approve(plan, actor)
    return plan


def _check_room(quota: Quota, civilian: int, service: int) -> None:
    for category, wanted in ((Category.CIVILIAN, civilian), (Category.SERVICE, service)):
        if wanted and wanted > quota.vacant_in(category):
            raise QuotaExceeded(
                _("The plan asks for %(wanted)s %(category)s places; only %(vacant)s are free in the quota.")
                % {
                    "wanted": wanted,
                    "category": Category(category).label,
                    "vacant": quota.vacant_in(category),
                },
                field=f"{category}_places",
            )
    if civilian + service > quota.vacant:
        raise QuotaExceeded(
            _("The plan asks for %(wanted)s places; only %(vacant)s are free in the quota.")
            % {"wanted": civilian + service, "vacant": quota.vacant},
            field="service_places",
        )


def plan_step_decide(*, actor: User, step, approve: bool, **record) -> RecruitmentPlan:
    with transaction.atomic():
        plan = (
            RecruitmentPlan.objects.select_for_update()
            .select_related("agency", "requested_by")
            .get(pk=step.plan_id)
        )
        if plan.status != PlanStatus.IN_APPROVAL:
            raise DomainError(_("This plan is no longer in approval."), code="not_in_approval")
        complete = chains.step_decide(
            actor=actor,
            step=step,
            subject=plan,
            subject_agency=plan.agency,
            requester=plan.requested_by,
            approve=approve,
            **record,
        )
        if not approve:
            _close(plan, PlanStatus.REJECTED, actor)
        elif complete:
            _approve(plan, actor)
    return plan


def _approve(plan: RecruitmentPlan, actor: User) -> None:
    quotas.quota_reserve(
        quota_id=plan.quota_id, civilian=plan.civilian_places, service=plan.service_places, actor=actor
    )
    _close(plan, PlanStatus.APPROVED, actor)


def _close(plan: RecruitmentPlan, status: str, actor: User) -> None:
    plan.status, plan.decided_at = status, timezone.now()
    authored(plan, actor)
    plan.save(update_fields=["status", "decided_at"])


def plan_require_approved(*, plan: RecruitmentPlan) -> None:
    """Guard for opening recruitment: 未经批准，不得无计划聘用."""
    if plan.status != PlanStatus.APPROVED:
        rule = recruitment_needs_approved_plan(pack_for(plan.agency.jurisdiction, timezone.localdate()))
        raise RuleViolation(
            _("Recruitment cannot open: the plan “%(plan)s” is not approved.") % {"plan": plan.title},
            citations=rule.citations,
        )


@transaction.atomic
def plan_close_with(*, actor: User, plan: RecruitmentPlan, hired: dict[str, int]) -> RecruitmentPlan:
    """Close an approved plan whose recruitment is over (recruitment.services.announcements.plan_close decides
    that): the places it reserved but did not fill (`hired` per category) go back to the quota."""
    plan = RecruitmentPlan.objects.select_for_update().select_related("agency").get(pk=plan.pk)
    if not can(actor, Action.CHANGE, plan.agency):
        raise NotPermitted()
    if plan.status != PlanStatus.APPROVED:
        raise DomainError(_("Only an approved plan can be closed."), code="not_approved")
    quotas.quota_release(
        quota_id=plan.quota_id,
        civilian=plan.civilian_places - hired.get(Category.CIVILIAN, 0),
        service=plan.service_places - hired.get(Category.SERVICE, 0),
        actor=actor,
    )
    _close(plan, PlanStatus.CLOSED, actor)
    return plan
