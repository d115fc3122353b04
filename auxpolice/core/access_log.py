"""The access log the audit administrator reads: every full view of protected personal data (ID numbers,
health, medical and vetting findings, identity documents, bank accounts), from whichever app keeps the rows.

Each app registers its log model in its AppConfig.ready() (core imports no app), saying how a row reaches its
agency and its person. The page and its Excel export filter every source the same way: person, user, kind,
date range.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from .scoping import scope

# What was seen, by the `field` the rows carry. Documents are "document:<kind>".
KIND_LABELS = {
    "id_number": _("Resident ID number"),
    "health": _("Health check findings"),
    "sensitive_results": _("Medical and vetting results"),
    "bank_account": _("Bank account"),
    "document": _("Applicant's document"),
    "document:id_card": _("Applicant's ID card"),
    "document:photo": _("Applicant's photo"),
    "document:diploma": _("Applicant's diploma"),
    "document:certificate": _("Applicant's certificate"),
}


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    model: type[Model]
    agency_field: str  # lookup from the row to its Agency
    person_path: str  # lookup from the row to the person's name
    agency_name_path: str


REGISTRY: dict[str, Source] = {}
# Further context for the page from the apps (the retention purge runs), each a function of the user.
EXTRAS: list[Callable[..., dict]] = []


def register(key: str, *, title, model, agency_field: str, person_path: str) -> None:
    REGISTRY[key] = Source(key, title, model, agency_field, person_path, f"{agency_field}__name")


def register_extra(provider: Callable[..., dict]) -> None:
    EXTRAS.append(provider)


def extras_for(*, user) -> dict:
    return {key: value for provider in EXTRAS for key, value in provider(user=user).items()}


def kind_label(field: str) -> str:
    if field in KIND_LABELS:
        return str(KIND_LABELS[field])
    head, _sep, tail = field.partition(":")
    label = str(KIND_LABELS.get(head, field))
    return f"{label}（{tail}）" if tail else label


@dataclass(frozen=True)
class Entry:
    at: object
    user: object
    person: str
    agency: str
    kind: str
    address: str | None


def _filtered(source: Source, user, filters: dict) -> QuerySet:
    rows = scope(source.model.objects.select_related("user"), user, agency_field=source.agency_field)
    if filters.get("person"):
        rows = rows.filter(**{f"{source.person_path}__startswith": filters["person"]})
    if filters.get("user"):
        rows = rows.filter(user__username=filters["user"])
    if filters.get("kind"):
        rows = rows.filter(field__startswith=filters["kind"])
    if isinstance(filters.get("since"), date):
        rows = rows.filter(at__date__gte=filters["since"])
    if isinstance(filters.get("until"), date):
        rows = rows.filter(at__date__lte=filters["until"])
    return rows.order_by("-at")


def entries_for(*, user, filters: dict, limit: int | None = 200) -> dict[str, tuple[str, list[Entry]]]:
    """Per source: its title and the newest matching rows (one query each), in the user's subtree."""
    sections = {}
    for source in REGISTRY.values():
        rows = _filtered(source, user, filters).values_list(
            "at",
            "user__username",
            "user__full_name",
            source.person_path,
            source.agency_name_path,
            "field",
            "address",
        )
        if limit:
            rows = rows[:limit]
        sections[source.key] = (
            source.title,
            [
                Entry(at, full_name or username, name, agency_name, kind_label(field), address)
                for at, username, full_name, name, agency_name, field, address in rows
            ],
        )
    return sections
