"""回避: nobody reviews, scores, ranks, decides a stage result or an objection for an applicant they are
related to. A relationship is known from the staff member's own declaration (by ID number, or by name and
date of birth) or from the applicant's (a relative of that name working in the recruiting police organ).

The check runs before the service's transaction (`@recused` sits outside `@transaction.atomic`), so a refusal
is on record in `RecusalCheck` even though the action writes nothing."""

import functools
from collections.abc import Callable, Mapping

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.crypto import blind_index
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.models import User
from auxpolice.core.people import canonical_name, check_past
from auxpolice.rules.idnumber import parse_id_number

from ..models import Application, RecusalCheck, RelationKind, StaffRelation

NAME_SEPARATOR = "|"
SHOWN_CONFLICTS = 5


class RecusalRequired(NotPermitted):
    default_code = "recusal"


def relatives_field(names: list[str]) -> str:
    """Application.declared_relatives for the names an applicant declared."""
    return NAME_SEPARATOR + NAME_SEPARATOR.join(names) + NAME_SEPARATOR if names else ""


def _related(actor: User) -> tuple[Q, list[StaffRelation]]:
    relations = list(StaffRelation.objects.filter(staff=actor, withdrawn_at__isnull=True))
    match = Q(pk__in=[])
    if actor.full_name:
        match |= Q(declared_relatives__contains=f"{NAME_SEPARATOR}{actor.full_name}{NAME_SEPARATOR}")
    indexes = [r.id_number_index for r in relations if r.id_number_index]
    if indexes:
        match |= Q(id_number_index__in=indexes)
    for relation in relations:
        if relation.birth_date:
            match |= Q(full_name=relation.full_name, birth_date=relation.birth_date)
    return match, relations


def _reason(actor: User, row: Mapping, relations: list[StaffRelation]) -> str:
    for relation in relations:
        if (relation.id_number_index and relation.id_number_index == row["id_number_index"]) or (
            relation.birth_date == row["birth_date"] and relation.full_name == row["full_name"]
        ):
            return _("%(name)s: %(kind)s declared by you") % {
                "name": row["full_name"],
                "kind": relation.get_kind_display(),
            }
    return _("%(name)s: declared you as a relative working in the police organ") % {"name": row["full_name"]}


def guard(actor: User, action: str, applications: QuerySet[Application], agency) -> None:
    """Refuse (RecusalRequired) when the actor is related to any of `applications`; log the check either
    way."""
    match, relations = _related(actor)
    rows = list(
        applications.filter(match).values("pk", "full_name", "birth_date", "id_number_index")[
            :SHOWN_CONFLICTS
        ]
    )
    first_two = list(applications.values_list("pk", flat=True)[:2])
    reason = "；".join(_reason(actor, row, relations) for row in rows)
    with transaction.atomic():
        RecusalCheck.objects.create(
            actor=actor,
            action=action,
            agency=agency,
            application_id=first_two[0] if len(first_two) == 1 else None,
            checked=len(first_two) if len(first_two) < 2 else applications.count(),
            conflicts=len(rows),
            reason=reason,
        )
    if rows:
        raise RecusalRequired(
            _("You must recuse yourself (回避): %(reason)s. Another officer must do this.")
            % {"reason": reason}
        )


def recused(action: str, scope: Callable[..., tuple[QuerySet[Application], object]]):
    """Check recusal before the wrapped service runs. `scope(**kwargs)` gives the applications the call acts
    on and the agency it is recorded under. Internal callers that already checked call
    `service.__wrapped__`."""

    def wrap(service):
        @functools.wraps(service)
        def run(*args, **kwargs):
            applications, agency = scope(**kwargs)
            guard(kwargs["actor"], action, applications, agency)
            return service(*args, **kwargs)

        return run

    return wrap


def one(application: Application, **_kwargs):
    return Application.objects.filter(pk=application.pk), application.agency


@transaction.atomic
def relation_declare(
    *,
    actor: User,
    kind: str,
    full_name: str,
    birth_date=None,
    id_number: str = "",
    note: str = "",
) -> StaffRelation:
    """A staff member declares a relationship; by ID number, or by name and date of birth."""
    if actor.role == "applicant":
        raise NotPermitted()
    if kind not in RelationKind.values:
        raise DomainError(_("Choose the relationship."), field="kind")
    name = canonical_name(full_name, field="full_name")
    index = ""
    if id_number.strip():
        parsed = parse_id_number(id_number)  # refuses a malformed number on its field
        index = blind_index(parsed.value, purpose="id_number")
        birth_date = birth_date or parsed.birth_date
    elif birth_date is None:
        raise DomainError(_("Give the ID number, or the date of birth with the name."), field="birth_date")
    if birth_date is not None:
        check_past(birth_date, field="birth_date", what=_("The date of birth"))
    relation = StaffRelation(
        staff=actor,
        kind=kind,
        full_name=name,
        birth_date=birth_date,
        id_number=parsed.value if index else "",
        id_number_index=index,
        id_number_masked=parsed.masked if index else "",
        note=note.strip(),
    )
    authored(relation, actor)
    relation.save()
    return relation


@transaction.atomic
def relation_withdraw(*, actor: User, relation: StaffRelation) -> StaffRelation:
    relation = StaffRelation.objects.select_for_update().get(pk=relation.pk)
    if relation.staff_id != actor.pk:
        raise NotPermitted()
    relation.withdrawn_at = timezone.now()
    authored(relation, actor)
    relation.save(update_fields=["withdrawn_at"])
    return relation
