"""Audit trail: which models have a history page, and how to read it within the user's scope.

Each app registers its history-bearing models with the selector that scopes them, so the one
history page and the one history endpoint never show a record the user could not open.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.http import Http404

from .history import current_api_token_id
from .selectors import get_or_404

ScopedQuerysetFor = Callable[..., QuerySet]

_REGISTRY: dict[str, ScopedQuerysetFor] = {}


def authored(record: Model, actor, *, reason: str | None = None) -> None:
    """Name who makes the next save of `record` (and why, when given) in its history row: simple-history reads
    `_history_user` and `_change_reason`, so Celery tasks and commands record the acting user too."""
    record._history_user = actor  # type: ignore[attr-defined]
    if reason is not None:
        record._change_reason = reason  # type: ignore[attr-defined]


def create_with_history(record: Model, actor, *, reason: str | None = None) -> None:
    """Insert `record` and its first history row, the row copied by the database (snapshot_history) instead
    of simple-history building a historical object in Python: for hot paths (a portal application). Call it
    inside the transaction that should hold both."""
    record.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        record.save(force_insert=True)
    finally:
        del record.skip_history_when_saving  # type: ignore[attr-defined]
    snapshot_history(type(record), [record.pk], user=actor, history_type="+", reason=reason)


def register(model: type[Model], queryset_for: ScopedQuerysetFor) -> None:
    """`queryset_for(user=...)` returns the model's rows the user may view."""
    _REGISTRY[model._meta.label_lower] = queryset_for


def registered_labels() -> list[str]:
    return sorted(_REGISTRY)


@dataclass(frozen=True)
class HistoryEntry:
    record: Model
    changes: list  # simple_history ModelChange items, empty for creations


def history_for(*, user, label: str, pk, limit: int = 200) -> tuple[Model, list[HistoryEntry]]:
    queryset_for = _REGISTRY.get(label.lower())
    if queryset_for is None:
        raise Http404
    obj = get_or_404(queryset_for(user=user), pk)
    # One query for the records (with their authors), diffs computed in memory.
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = record.diff_against(previous, foreign_keys_are_objs=False).changes if previous else []
        entries.append(HistoryEntry(record=record, changes=changes))
    return obj, entries


HISTORY_OWN_COLUMNS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
    "history_api_token_id",
}


@functools.cache
def _history_columns(model: type[Model], vendor: str) -> tuple[type[Model], str]:
    """The historical model and the columns it copies, quoted for the database `vendor`. Cached: reading
    `model.history` builds a new manager class each time (a third of a millisecond on the portal's path)."""
    from django.db import connection

    quote = connection.ops.quote_name
    history = model.history.model  # type: ignore[attr-defined]
    columns = [f.column for f in history._meta.concrete_fields if f.column not in HISTORY_OWN_COLUMNS]
    return history, ", ".join(quote(c) for c in columns)


def history_copy_sql(model: type[Model], source: str) -> str:
    """An INSERT of one history row per row of `source` (a table or a CTE with the model's columns, e.g. an
    UPDATE's RETURNING *), for a statement that writes rows and their history at once. Named parameters:
    history_date, history_type, history_user, history_reason, history_api_token (`history_params`)."""
    from django.db import connection

    history, column_list = _history_columns(model, connection.vendor)
    return (
        f"INSERT INTO {connection.ops.quote_name(history._meta.db_table)} ({column_list}, history_date, "
        f"history_type, history_user_id, history_change_reason, history_api_token_id) SELECT {column_list}, "
        f"%(history_date)s, %(history_type)s, %(history_user)s, %(history_reason)s, %(history_api_token)s "
        f"FROM {source}"
    )


def history_params(*, date, user_id, history_type: str = "~", reason: str | None = None) -> dict:
    """The named parameters of `history_copy_sql`, the API token (if any) taken from the current request."""
    return {
        "history_date": date,
        "history_type": history_type,
        "history_user": user_id,
        "history_reason": reason,
        "history_api_token": current_api_token_id(),
    }


def snapshot_history(
    model: type[Model], pks, *, user, history_type: str = "~", reason: str | None = None, chunk: int = 2000
) -> int:
    """Record one history row per given row, copied by the database from the row as it now is.

    What simple-history's bulk_history_create does, for batches (ranking 10,000 candidates, a province's
    assessment): one INSERT ... SELECT per chunk instead of building and sending every row from Python.
    Call it after the rows are written, inside the same transaction.
    """
    from django.db import connection
    from django.utils import timezone

    history, column_list = _history_columns(model, connection.vendor)
    quote = connection.ops.quote_name
    pks = list(pks)
    now = timezone.now()
    token = current_api_token_id()
    with connection.cursor() as cursor:
        for start in range(0, len(pks), chunk):
            part = pks[start : start + chunk]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({column_list}, history_date, history_type, "
                f"history_user_id, history_change_reason, history_api_token_id) SELECT {column_list}, "
                f"%s, %s, %s, %s, %s FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} "
                f"IN ({', '.join(['%s'] * len(part))})",
                [now, history_type, getattr(user, "pk", None), reason, token, *part],
            )
    return len(pks)
