"""Quotas (用人额度): request, approve along the jurisdiction's chain, and hold headcount against them.

The invariant "in post + reserved never exceeds the approved quota" lives on the Quota row: every
change takes the row lock first, and a database CHECK constraint refuses anything that slips past.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError, NotPermitted
from auxpolice.core.models import Agency, Category, User
from auxpolice.core.scoping import Action, can

from ..errors import QuotaExceeded
from ..models import Quota, QuotaRequest, QuotaRequestKind, RequestStatus, StepStatus
from . import chains


def _check_numbers(*, total: int, civilian: int | None, service: int | None) -> None:
    if total < 0 or (civilian is not None and civilian < 0) or (service is not None and service < 0):
        raise DomainError(_("Places cannot be negative."), field="total")
    if (civilian is None) != (service is None):
        raise DomainError(_("Give both civilian and service places, or neither."), field="civilian")
    if civilian is not None and service is not None and civilian + service != total:
        raise DomainError(
            _("Civilian and service places must add up to the total (%(total)s).") % {"total": total},
            field="total",
        )


def _check_not_below_headcount(
    quota: Quota, *, total: int, civilian: int | None, service: int | None
) -> None:
    used = quota.in_post + quota.reserved
    if total < used:
        raise QuotaExceeded(
            _(
                "The quota cannot be lowered to %(total)s: %(in_post)s in post and %(reserved)s reserved by "
                "open "
                "recruitment (%(used)s in all)."
            )
            % {"total": total, "in_post": quota.in_post, "reserved": quota.reserved, "used": used},
            field="total",
        )
    for category, wanted in ((Category.CIVILIAN, civilian), (Category.SERVICE, service)):
        if wanted is None:
            continue
        held = getattr(quota, f"in_post_{category}") + getattr(quota, f"reserved_{category}")
        if wanted < held:
            raise QuotaExceeded(
                _("%(category)s places cannot be lowered to %(wanted)s: %(held)s are in post or reserved.")
                % {"category": Category(category).label, "wanted": wanted, "held": held},
                field=str(category),
            )


@transaction.atomic
def quota_request_submit(
    *,
    actor: User,
    agency: Agency,
    year: int,
    total: int,
    civilian: int | None = None,
    service: int | None = None,
    reason: str,
) -> QuotaRequest:
    """Ask for a quota, or for a change to it (动态调整), through the jurisdiction's approval chain."""
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    if not reason.strip():
        raise DomainError(_("Give the reason for the request."), field="reason")
    _check_numbers(total=total, civilian=civilian, service=service)
    chain = chains.chain_for(agency=agency, kind="quota", on=timezone.localdate())
    quota = Quota.objects.select_for_update().filter(agency=agency, year=year).first()
    if quota is None:
        quota = Quota(agency=agency, year=year)
        authored(quota, actor)
        try:
            with transaction.atomic():
                quota.save()
        except IntegrityError:
            raise Conflict(_("Someone created this quota at the same moment: try again.")) from None
    if quota.requests.filter(status=RequestStatus.IN_APPROVAL).exists():
        raise DomainError(
            _("This quota already has a request in approval: decide or withdraw it first."),
            code="request_open",
        )
    _check_not_below_headcount(quota, total=total, civilian=civilian, service=service)
    request = QuotaRequest(
        quota=quota,
        kind=QuotaRequestKind.ADJUSTMENT if quota.version else QuotaRequestKind.INITIAL,
        total=total,
        civilian=civilian,
        service=service,
        reason=reason.strip(),
        requested_by=actor,
    )
    authored(request, actor)
    request.save()
    chains.create_steps(subject_field="quota_request", subject=request, chain=chain, requester=actor)
    return request


def quota_step_decide(*, actor: User, step, approve: bool, **record) -> QuotaRequest:
    with transaction.atomic():
        request = (
            QuotaRequest.objects.select_for_update()
            .select_related("quota__agency", "requested_by")
            .get(pk=step.quota_request_id)
        )
        if request.status != RequestStatus.IN_APPROVAL:
            raise DomainError(_("This request is no longer in approval."), code="not_in_approval")
        complete = chains.step_decide(
            actor=actor,
            step=step,
            subject=request,
            subject_agency=request.quota.agency,
            requester=request.requested_by,
            approve=approve,
            **record,
        )
        if not approve:
            _close_request(request, RequestStatus.REJECTED, actor)
        elif complete:
            _apply(request, actor)
    return request


def _apply(request: QuotaRequest, actor: User) -> None:
    quota = Quota.objects.select_for_update().get(pk=request.quota_id)
    # Headcount may have moved since submission: the approved numbers still may not fall below it.
    _check_not_below_headcount(quota, total=request.total, civilian=request.civilian, service=request.service)
    quota.approved_total = request.total
    quota.split_by_category = request.civilian is not None
    quota.approved_civilian, quota.approved_service = request.civilian, request.service
    quota.version += 1
    authored(quota, actor)
    quota.save(
        update_fields=[
            "approved_total",
            "split_by_category",
            "approved_civilian",
            "approved_service",
            "version",
        ]
    )
    request.version = quota.version
    _close_request(request, RequestStatus.APPROVED, actor)


def _close_request(request: QuotaRequest, status: str, actor: User) -> None:
    request.status, request.decided_at = status, timezone.now()
    authored(request, actor)
    request.save(update_fields=["status", "decided_at", "version"])


@transaction.atomic
def quota_request_withdraw(*, actor: User, request: QuotaRequest) -> QuotaRequest:
    request = QuotaRequest.objects.select_for_update().get(pk=request.pk)
    if request.requested_by_id != actor.pk and not can(actor, Action.CHANGE, request.quota.agency):
        raise NotPermitted()
    if request.status != RequestStatus.IN_APPROVAL:
        raise DomainError(_("Only a request in approval can be withdrawn."), code="not_in_approval")
    request.steps.filter(status=StepStatus.PENDING).delete()
    _close_request(request, RequestStatus.WITHDRAWN, actor)
    return request


# --- headcount held against a quota: the one place the invariant is enforced


def _locked(quota_id: int) -> Quota:
    return Quota.objects.select_for_update().get(pk=quota_id)


def _save_counts(quota: Quota, actor: User, *fields: str) -> None:
    authored(quota, actor)
    quota.save(update_fields=list(fields))


@transaction.atomic
def quota_reserve(*, quota_id: int, civilian: int, service: int, actor: User) -> Quota:
    """Hold places for an approved recruitment plan."""
    quota = _locked(quota_id)
    for category, wanted in ((Category.CIVILIAN, civilian), (Category.SERVICE, service)):
        if wanted > quota.vacant_in(category):
            raise QuotaExceeded(
                _(
                    "Only %(vacant)s %(category)s places are free in the %(year)s quota of %(agency)s; "
                    "%(wanted)s asked."
                )
                % {
                    "vacant": quota.vacant_in(category),
                    "category": Category(category).label,
                    "year": quota.year,
                    "agency": quota.agency.name,
                    "wanted": wanted,
                }
            )
    if civilian + service > quota.vacant:
        raise QuotaExceeded(_("Only %(vacant)s places are free in this quota.") % {"vacant": quota.vacant})
    quota.reserved_civilian += civilian
    quota.reserved_service += service
    _save_counts(quota, actor, "reserved_civilian", "reserved_service")
    return quota


@transaction.atomic
def quota_release(*, quota_id: int, civilian: int, service: int, actor: User) -> Quota:
    quota = _locked(quota_id)
    quota.reserved_civilian -= min(civilian, quota.reserved_civilian)
    quota.reserved_service -= min(service, quota.reserved_service)
    _save_counts(quota, actor, "reserved_civilian", "reserved_service")
    return quota


@transaction.atomic
def quota_take_place(*, quota_id: int, category: str, actor: User, from_reservation: bool = False) -> Quota:
    """One person enters post: from a place reserved by a plan, or from a free place.

    Two officers hiring the last place at the same moment queue on the row lock; the second sees no
    free place and is refused.
    """
    quota = _locked(quota_id)
    reserved_field, in_post_field = f"reserved_{category}", f"in_post_{category}"
    if from_reservation:
        if getattr(quota, reserved_field) < 1:
            raise QuotaExceeded(
                _("No reserved %(category)s place is left in this quota.")
                % {"category": Category(category).label}
            )
        setattr(quota, reserved_field, getattr(quota, reserved_field) - 1)
    elif quota.vacant_in(category) < 1:
        raise QuotaExceeded(
            _("The %(year)s quota of %(agency)s has no free %(category)s place.")
            % {"year": quota.year, "agency": quota.agency.name, "category": Category(category).label}
        )
    setattr(quota, in_post_field, getattr(quota, in_post_field) + 1)
    _save_counts(quota, actor, reserved_field, in_post_field)
    return quota


@transaction.atomic
def quota_vacate(*, quota_id: int, category: str, actor: User) -> Quota:
    """One person leaves post (separation): the place is free again."""
    quota = _locked(quota_id)
    field = f"in_post_{category}"
    if getattr(quota, field) < 1:
        raise DomainError(_("Nobody of this category is in post against this quota."), code="nobody_in_post")
    setattr(quota, field, getattr(quota, field) - 1)
    _save_counts(quota, actor, field)
    return quota
