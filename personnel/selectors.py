import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Right
from django.db.models.lookups import Exact

from auxpolice.core.agency_field import agency_typed
from auxpolice.core.crypto import blind_index
from auxpolice.core.errors import DomainError
from auxpolice.core.models import Agency, Role
from auxpolice.core.scoping import EVERYWHERE, Action, scope, scope_paths
from auxpolice.core.selectors import agency_list_for, get_or_404
from auxpolice.rules.evaluators import eligibility, labour_law
from auxpolice.rules.idnumber import canonical_id_number, canonical_text

from .models import (
    AuxiliaryOfficer,
    ContractStatus,
    LaborContract,
    LeaveEntitlement,
    PersonnelImport,
    TermType,
)

PAGE_SIZE = 20
LIST_FIELDS = (
    "id",
    "full_name",
    "id_number_masked",
    "category",
    "status",
    "post",
    "hired_on",
    "agency__name",
    "agency__path",
)


def auxiliary_list_for(*, user) -> QuerySet[AuxiliaryOfficer]:
    return scope(AuxiliaryOfficer.objects.all(), user)


def contract_list_for(*, user) -> QuerySet[LaborContract]:
    return scope(LaborContract.objects.select_related("officer"), user, agency_field="officer__agency")


@dataclass
class Page:
    rows: list
    next_cursor: str | None
    previous_cursor: str | None = None
    matches: int | None = None  # how many rows match, counted up to COUNT_LIMIT
    more_than: bool = False  # more than COUNT_LIMIT match


COUNT_LIMIT = 10_000
ID_TAIL = re.compile(r"[0-9]{3,5}[0-9X]")


def roster_filters(*, user, query) -> dict:
    """The roster's filters from a query (the page's GET, the API's query_params); an agency outside the
    user's scope or an unreadable date filters nothing, it is not an error."""
    filters = {key: query.get(key, "") for key in ("category", "status", "q")}
    if query.get("agency"):
        filters["agency"] = agency_typed(agency_list_for(user=user), query["agency"])
    if query.get("contract_ends_before"):
        with suppress(ValueError):
            filters["contract_ends_before"] = date.fromisoformat(query["contract_ends_before"])
    return filters


def auxiliary_filtered_for(*, user, filters: dict) -> QuerySet[AuxiliaryOfficer]:
    """The list's rows, filtered; the encrypted ID number is not even read."""
    rows = auxiliary_list_for(user=user).select_related("agency").only(*LIST_FIELDS)
    if filters.get("agency"):
        rows = rows.filter(agency__path__startswith=filters["agency"].path)
    rows = _narrowed(rows, filters)
    if filters.get("q"):
        rows = rows.filter(_search(filters["q"]))
    return rows.order_by("-id")


def _narrowed(rows: QuerySet[AuxiliaryOfficer], filters: dict) -> QuerySet[AuxiliaryOfficer]:
    """The list's filters other than scope, agency and search."""
    if filters.get("category"):
        rows = rows.filter(category=filters["category"])
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("contract_ends_before"):
        rows = rows.filter(
            Exists(
                LaborContract.objects.filter(
                    officer=OuterRef("pk"), status="active", ends_on__lte=filters["contract_ends_before"]
                )
            )
        )
    return rows


NAME_INFIX_FROM = 3  # shorter text is matched at the start of the name (a trigram index needs 3 characters)


def _search(typed: str) -> Q:
    """One indexed condition chosen by what was typed, never an OR across columns: a whole ID number (its
    blind index), its last 6 (blind index) or last 4 characters (expression index on the masked copy), or a
    name: from 3 characters anywhere in it (trigram index), shorter at its start (a surname, or a surname and
    the first character of the given name). Full-width digits and spaces read as the officer meant them."""
    text = canonical_text(typed)
    if len(text) == 18:
        try:
            return Q(id_number_index=blind_index(canonical_id_number(text), purpose="id_number"))
        except DomainError:
            return Q(pk__in=[])
    if ID_TAIL.fullmatch(text):
        if len(text) == 6:
            return Q(id_number_tail_index=blind_index(text, purpose="id_number_tail"))
        if len(text) == 4:
            return Q(Exact(Right("id_number_masked", 4), text))
    name = typed.strip()
    if len(name) >= NAME_INFIX_FROM:
        return Q(full_name__contains=name)
    return Q(full_name__startswith=name)


# Each sort ends on id so that the keyset is unique; each has an index (see the model's Meta).
SORTS = {
    "newest": ("-id",),
    "hired": ("-hired_on", "-id"),
    "name": ("full_name", "id"),
}


def _after(sort: str, cursor: str, *, backwards: bool = False) -> Q | None:
    """Rows after the cursor in the sort order (before it, backwards); None for a cursor that is not one."""
    try:
        if sort == "newest":
            return Q(id__gt=int(cursor)) if backwards else Q(id__lt=int(cursor))
        value, _, pk_text = cursor.rpartition("|")
        pk = int(pk_text)
        if sort == "hired":
            hired = date.fromisoformat(value)
            if backwards:
                return Q(hired_on__gt=hired) | Q(hired_on=hired, id__gt=pk)
            return Q(hired_on__lt=hired) | Q(hired_on=hired, id__lt=pk)
        if backwards:
            return Q(full_name__lt=value) | Q(full_name=value, id__lt=pk)
        return Q(full_name__gt=value) | Q(full_name=value, id__gt=pk)
    except ValueError:
        return None


def _reversed(order: tuple[str, ...]) -> list[str]:
    return [field[1:] if field.startswith("-") else f"-{field}" for field in order]


def _cursor(sort: str, row) -> str:
    if sort == "newest":
        return str(row.id)
    value = row.hired_on.isoformat() if sort == "hired" else row.full_name
    return f"{value}|{row.id}"


def auxiliary_page_for(
    *,
    user,
    filters: dict,
    after: str | None = None,
    before: str | None = None,
    size: int = PAGE_SIZE,
    sort: str = "newest",
    count: bool = False,
) -> Page:
    """Keyset-paginated in one of SORTS, forwards (`after`) or back (`before`): the same cost on page 1 and
    page 5,000. One query for the page; with `count`, one more that counts the matches up to COUNT_LIMIT
    (never an unbounded COUNT(*))."""
    sort = sort if sort in SORTS else "newest"
    matching = auxiliary_filtered_for(user=user, filters=filters)
    backwards = bool(before) and not after
    cursor = before if backwards else after
    condition = _after(sort, cursor, backwards=backwards) if cursor else None
    rows = matching.order_by(*(_reversed(SORTS[sort]) if backwards else SORTS[sort]))
    if condition is not None:
        rows = rows.filter(condition)
    if (
        sort == "newest"
        and (ids := _newest_per_agency(user, filters, condition, backwards, size)) is not None
    ):
        rows = rows.filter(pk__in=ids)
    fetched = list(rows[: size + 1])
    more = len(fetched) > size
    fetched = fetched[:size]
    if backwards:
        fetched.reverse()
    has_next, has_previous = (True, more) if backwards else (more, condition is not None)
    page = Page(
        rows=fetched,
        next_cursor=_cursor(sort, fetched[-1]) if has_next and fetched else None,
        previous_cursor=_cursor(sort, fetched[0]) if has_previous and fetched else None,
    )
    if count:
        counted = matching.order_by()[: COUNT_LIMIT + 1].count()
        page.matches, page.more_than = min(counted, COUNT_LIMIT), counted > COUNT_LIMIT
    return page


# Newest first within a narrow scope: the newest rows of each agency in scope, merged. Walking the table's
# id index newest first and discarding other agencies' rows costs as much as the table when the scope's
# people were hired long ago (a city that has not hired for years, a small station); one probe of the
# (agency, id) index per agency costs a page at most. Past PER_AGENCY_LIMIT agencies the walk wins.
PER_AGENCY_LIMIT = 1000


def _newest_per_agency(
    user, filters: dict, condition: Q | None, backwards: bool, size: int
) -> list[int] | None:
    """The ids of the page (and one more) newest first (oldest first backwards), or None where another plan
    is better: a selective search (its index leads), an unrestricted or wide scope, SQLite. A search of one
    character (a surname) matches a large share of everyone: probed per agency like a filter."""
    typed = canonical_text(filters.get("q") or "")
    if connection.vendor != "postgresql" or len(typed) > 1:
        return None
    paths = [filters["agency"].path] if filters.get("agency") else scope_paths(user)
    if paths is EVERYWHERE:
        return None
    in_scope = sum(_agencies_under(path) for path in paths)
    if in_scope > PER_AGENCY_LIMIT or 2 * in_scope > _agencies_under(""):
        return None  # a dense scope: the walk finds the page's rows sooner than a probe of every agency
    agencies = scope(Agency.objects.all(), user, agency_field="")
    if filters.get("agency"):
        agencies = agencies.filter(path__startswith=filters["agency"].path)
    newest = _narrowed(AuxiliaryOfficer.objects.filter(agency_id=OuterRef("pk")), filters)
    if typed:
        newest = newest.filter(_search(typed))
    if condition is not None:
        newest = newest.filter(condition)
    first = newest.order_by("id" if backwards else "-id").values("id")[: size + 1]
    per_agency = agencies.annotate(newest=ArraySubquery(first)).values_list("newest", flat=True)
    return sorted((pk for ids in per_agency for pk in ids), reverse=not backwards)[: size + 1]


def _agencies_under(path: str) -> int:
    """How many agencies a subtree holds ("" for all); read once in ten minutes (the tree changes rarely)."""
    count = cache.get_or_set(
        f"agencies-under:{path}", lambda: Agency.objects.filter(path__startswith=path).count(), 600
    )
    return int(count or 0)


def auxiliary_get_for(*, user, pk) -> AuxiliaryOfficer:
    return get_or_404(
        (
            auxiliary_list_for(user=user)
            .select_related("agency", "quota")
            .prefetch_related(Prefetch("contracts", LaborContract.objects.order_by("-starts_on")))
        ),
        pk,
    )


def active_contract_of(person: AuxiliaryOfficer) -> LaborContract | None:
    """The person's active contract, from the contracts auxiliary_get_for prefetched."""
    return next((c for c in person.contracts.all() if c.status == ContractStatus.ACTIVE), None)


def import_list_for(*, user) -> QuerySet[PersonnelImport]:
    return scope(PersonnelImport.objects.all(), user)


def records_of(model):
    """A scoped reader for any record that names a person: scope follows the person's agency."""

    def list_for(*, user) -> QuerySet:
        return scope(model.objects.select_related("officer"), user, agency_field="officer__agency")

    list_for.__name__ = f"{model.__name__.lower()}_list_for"
    return list_for


def renewal_inputs(active: LaborContract, contracts: list[LaborContract] | None = None) -> tuple[int, int]:
    """What art 14(2) counts at the renewal of `active`: the fixed-term contracts concluded one after another
    up to it, and the full years of service on the day the new contract would start. `contracts` are the
    person's contracts when already loaded (the detail page), else the chain is followed link by link."""
    by_pk = {c.pk: c for c in contracts} if contracts is not None else None
    chain = 0
    current: LaborContract | None = active
    while current is not None and current.term_type == TermType.FIXED and chain < 50:
        chain += 1
        if not current.renews_id:
            break
        current = by_pk.get(current.renews_id) if by_pk is not None else current.renews
    starts_on = active.ends_on + timedelta(days=1) if active.ends_on else active.starts_on
    return chain, max(eligibility.age_on(active.officer.hired_on, starts_on), 0)


def renewal_advice(person: AuxiliaryOfficer, active: LaborContract):
    """What national law asks of the coming renewal (an open-ended contract owed?); None for an open-ended
    contract, which is not renewed."""
    if active.ends_on is None:
        return None
    chain, years = renewal_inputs(active, list(person.contracts.all()))
    return labour_law.open_ended_due(consecutive_fixed_terms=chain, years_of_service=years)


def leave_entitlement_list_for(*, user) -> QuerySet[LeaveEntitlement]:
    return scope(LeaveEntitlement.objects.select_related("agency"), user).order_by("kind", "-effective_from")


def leave_configurable_agencies(*, user) -> QuerySet[Agency]:
    """Where the user may enter leave lengths: the system administrator everywhere they see; an HR office
    its own subtree."""
    return agency_list_for(user=user, action=Action.VIEW if user.role == Role.SYSADMIN else Action.CHANGE)
