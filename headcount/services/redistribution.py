"""Superior agencies move approved places between subordinates where the text allows it
(sichuan:art6: 省、市（州）公安机关可以统筹调配本行政区域内核定的用人额度)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError, NotPermitted, RuleViolation
from auxpolice.core.models import Role, User
from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators.organisation import may_redistribute_quota
from auxpolice.rules.registry import pack_for

from ..errors import QuotaExceeded
from ..models import Quota, QuotaRequest, QuotaRequestKind, RequestStatus


@transaction.atomic
def quota_redistribute(
    *, actor: User, source: Quota, target: Quota, places: int, reason: str, category: str | None = None
) -> tuple[Quota, Quota]:
    organ = actor.agency
    if actor.role != Role.SUPERVISOR or organ is None:
        raise NotPermitted(_("Redistribution is decided by a supervisor of the superior agency."))
    decision = may_redistribute_quota(
        pack_for(organ.jurisdiction, timezone.localdate()), agency_level=organ.level
    )
    if decision.outcome == Outcome.REFUSED:
        raise RuleViolation(decision.findings[0].message, citations=decision.citations)
    if places < 1:
        raise DomainError(_("Move at least one place."), field="places")
    if not reason.strip():
        raise DomainError(_("Give the reason for the redistribution."), field="reason")
    # Lock both rows in a fixed order so that two redistributions cannot deadlock.
    locked = {
        q.pk: q
        for q in Quota.objects.select_for_update()
        .select_related("agency")
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]
    if source.pk == target.pk or source.year != target.year:
        raise DomainError(_("Choose two different quotas of the same year."), field="target")
    for quota in (source, target):
        if not quota.agency.path.startswith(organ.path) or quota.agency_id == organ.pk:
            raise NotPermitted(
                _("%(agency)s is not a subordinate of %(organ)s.")
                % {"agency": quota.agency.name, "organ": organ.name}
            )
    split = source.split_by_category or target.split_by_category
    if split and category not in ("civilian", "service"):
        raise DomainError(
            _("These quotas are split by category: say which category moves."), field="category"
        )
    free = source.vacant_in(category) if split and category else source.vacant
    if places > free:
        raise QuotaExceeded(
            _("%(agency)s has only %(free)s free places to give.")
            % {"agency": source.agency.name, "free": free},
            field="places",
        )
    _move(source, -places, category if split else None, actor, reason)
    _move(target, places, category if split else None, actor, reason)
    return source, target


def _move(quota: Quota, delta: int, category: str | None, actor: User, reason: str) -> None:
    quota.approved_total += delta
    if quota.split_by_category:
        field = f"approved_{category}"
        setattr(quota, field, getattr(quota, field) + delta)
    quota.version += 1
    authored(quota, actor)
    quota.save(update_fields=["approved_total", "approved_civilian", "approved_service", "version"])
    # Every version stays visible beside the approved requests.
    record = QuotaRequest(
        quota=quota,
        kind=QuotaRequestKind.REDISTRIBUTION,
        total=quota.approved_total,
        civilian=quota.approved_civilian,
        service=quota.approved_service,
        reason=reason.strip(),
        status=RequestStatus.APPROVED,
        requested_by=actor,
        decided_at=timezone.now(),
        version=quota.version,
    )
    authored(record, actor)
    record.save()
