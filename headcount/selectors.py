from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from auxpolice.core.models import Agency, Role
from auxpolice.core.scoping import Action, scope, scope_q
from auxpolice.core.selectors import agency_list_for, get_or_404

from .models import ApprovalStep, Quota, QuotaRequest, RecruitmentPlan, RequestStatus, StepStatus


def quota_list_for(*, user, year: int | None = None) -> QuerySet[Quota]:
    quotas = scope(Quota.objects.select_related("agency"), user)
    return quotas.filter(year=year) if year else quotas


def quota_get_for(*, user, pk, action: Action = Action.VIEW) -> Quota:
    steps = ApprovalStep.objects.select_related("acted_by").order_by("sequence", "pk")
    # django-stubs cannot type a Prefetch nested in another Prefetch's queryset.
    queryset = scope(Quota.objects.select_related("agency"), user, action).prefetch_related(  # type: ignore[type-var]
        Prefetch(
            "requests",
            QuotaRequest.objects.select_related("requested_by").prefetch_related(Prefetch("steps", steps)),
        ),
        Prefetch("plans", RecruitmentPlan.objects.select_related("requested_by")),
    )
    return get_or_404(queryset, pk)


def quota_request_list_for(*, user) -> QuerySet[QuotaRequest]:
    return scope(QuotaRequest.objects.select_related("quota__agency"), user, agency_field="quota__agency")


def plan_list_for(*, user) -> QuerySet[RecruitmentPlan]:
    return scope(RecruitmentPlan.objects.select_related("agency", "quota", "requested_by"), user)


def plan_get_for(*, user, pk) -> RecruitmentPlan:
    return get_or_404(
        (
            plan_list_for(user=user).prefetch_related(
                Prefetch("steps", ApprovalStep.objects.select_related("acted_by").order_by("sequence", "pk"))
            )
        ),
        pk,
    )


def approval_step_list_for(*, user) -> QuerySet[ApprovalStep]:
    return ApprovalStep.objects.filter(
        scope_q(user, agency_field="quota_request__quota__agency")
        | scope_q(user, agency_field="plan__agency")
    )


def pending_steps_for(*, user) -> list[ApprovalStep]:
    """Steps waiting for this user now: police decisions for supervisors of the deciding agency,
    outside-body records for officers responsible for the requesting agency. Only the current step
    of each chain is listed."""
    base = (
        ApprovalStep.objects.filter(status=StepStatus.PENDING)
        .filter(Q(quota_request__status=RequestStatus.IN_APPROVAL) | Q(plan__status="in_approval"))
        .select_related(
            "quota_request__quota__agency__parent",
            "plan__agency__parent",
            "quota_request__requested_by",
            "plan__requested_by",
        )
    )
    if user.role == Role.SUPERVISOR and user.agency_id:
        own = Q(level="same", quota_request__quota__agency=user.agency) | Q(
            level="same", plan__agency=user.agency
        )
        below = Q(level="superior", quota_request__quota__agency__parent=user.agency) | Q(
            level="superior", plan__agency__parent=user.agency
        )
        candidates = base.filter(body="police").exclude(action="file").filter(own | below)
    else:
        candidates = base.filter(
            Q(body__in=["staffing_office", "finance", "government", "hr_department"]) | Q(action="file")
        ).filter(
            scope_q(user, Action.CHANGE, "quota_request__quota__agency")
            | scope_q(user, Action.CHANGE, "plan__agency")
        )
    shown = list(candidates.order_by("pk")[:200])
    subjects = {(s.quota_request_id, s.plan_id) for s in shown}
    current = _current_sequences(subjects)
    return [
        s
        for s in shown
        if current.get((s.quota_request_id, s.plan_id)) == s.sequence and s.subject.requested_by_id != user.pk
    ]


def _current_sequences(subjects) -> dict:
    if not subjects:
        return {}
    request_ids = [r for r, _p in subjects if r]
    plan_ids = [p for _r, p in subjects if p]
    rows = (
        ApprovalStep.objects.filter(status=StepStatus.PENDING)
        .filter(Q(quota_request_id__in=request_ids) | Q(plan_id__in=plan_ids))
        .values_list("quota_request_id", "plan_id", "sequence")
    )
    current: dict = {}
    for request_id, plan_id, sequence in rows:
        key = (request_id, plan_id)
        current[key] = min(sequence, current.get(key, sequence))
    return current


@dataclass
class HeadcountRow:
    agency: Agency
    approved: int = 0
    in_post: dict = field(default_factory=lambda: {"civilian": 0, "service": 0})
    on_probation: int = 0  # part of in_post
    reserved: dict = field(default_factory=lambda: {"civilian": 0, "service": 0})

    @property
    def in_post_total(self) -> int:
        return sum(self.in_post.values())

    @property
    def reserved_total(self) -> int:
        return sum(self.reserved.values())

    @property
    def vacant(self) -> int:
        return self.approved - self.in_post_total - self.reserved_total

    @property
    def used_percent(self) -> int:
        return round(100 * (self.in_post_total + self.reserved_total) / self.approved) if self.approved else 0


def headcount_for(*, user, year: int, root: Agency | None = None) -> list[HeadcountRow]:
    """Totals for each agency shown (the root and its direct subordinates), each summing its subtree.

    Two queries whatever the tree's size: the agencies shown, and the quotas of the year in scope.
    """
    if root is None and user.agency_id:
        root = user.agency
    agencies = agency_list_for(user=user)
    shown = agencies.filter(Q(pk=root.pk) | Q(parent=root)) if root else agencies.filter(parent__isnull=True)
    rows = [HeadcountRow(agency=agency) for agency in shown]
    # People on probation, counted per quota through the reverse relation from personnel (whose status value
    # "probation" this app names without importing personnel, which sits above it).
    quotas = (
        quota_list_for(user=user, year=year)
        .only(
            "agency__path",
            "approved_total",
            "in_post_civilian",
            "in_post_service",
            "reserved_civilian",
            "reserved_service",
        )
        .annotate(on_probation=Count("auxiliaries", filter=Q(auxiliaries__status="probation")))
    )
    totals = defaultdict(list)
    for quota in quotas:
        totals[quota.agency.path].append(quota)
    for row in rows:
        for path, items in totals.items():
            if path.startswith(row.agency.path):
                for quota in items:
                    row.on_probation += quota.on_probation
                    row.approved += quota.approved_total
                    for category in ("civilian", "service"):
                        row.in_post[category] += getattr(quota, f"in_post_{category}")
                        row.reserved[category] += getattr(quota, f"reserved_{category}")
    return rows
