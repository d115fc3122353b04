"""Audit trail: which models have a history page, and how to read it within the user's scope.

Each app registers its history-bearing models with the selector that scopes them, so the one
history page and the one history endpoint never show a record the user could not open.
"""

import contextlib
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

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


RecordT = TypeVar("RecordT", bound=Model)


def create_with_history(
    record: RecordT,
    actor,
    *,
    reason: str | None = None,
    children: Callable[[RecordT], Iterable[Model]] | None = None,
) -> None:
    """Insert `record`, its first history row (copied by the database from the row, not built by
    simple-history in Python) and the new rows `children(record)` returns (rows that point at it, built once
    it has its key): for hot paths (a portal application with its decision and notice).

    On PostgreSQL all of it is one statement (data-modifying CTEs), atomic by itself: the key is drawn from
    the table's sequence first, the rest goes in one round trip, and no Django signal fires for these rows.
    Elsewhere (SQLite) the ORM writes them in a transaction. `tests/core/test_create_with_history.py` shows
    both write the same rows."""
    from django.db import DEFAULT_DB_ALIAS, connections, transaction
    from django.utils import timezone

    # The wrapper itself, not `django.db.connection`: each of the ~50 values below is prepared with it, and
    # every attribute read through the proxy is a lookup in asgiref's context-local storage.
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        _create_with_orm(record, actor, reason=reason, children=children)
        return
    from .precompiled import bound_cursor

    model = type(record)
    # In autocommit the one statement is a transaction of its own (no BEGIN/COMMIT round trips); inside a
    # caller's transaction a savepoint keeps a refused insert from spoiling the rest of it.
    savepoint = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with bound_cursor(raw=True) as cursor:
        cursor.execute(f"SELECT nextval('{_sequence_of(model)}')")
        record.pk = cursor.fetchone()[0]
        rows = [record, *(children(record) if children else ())]
        statement, fields = _insert_statement(tuple(type(row) for row in rows))
        history = history_params(
            date=timezone.now(), user_id=getattr(actor, "pk", None), history_type="+", reason=reason
        )
        params = [history[name] for name in HISTORY_PARAMS]
        for row, row_fields in zip(rows, fields, strict=True):
            params.extend(
                field.get_db_prep_save(field.pre_save(row, True), connection) for field in row_fields
            )
        with savepoint:
            cursor.execute(statement, params)
    record._state.adding = False
    record._state.db = "default"


HISTORY_PARAMS = ("history_date", "history_type", "history_user", "history_reason", "history_api_token")


@functools.cache
def _insert_statement(models: tuple[type[Model], ...]) -> tuple[str, tuple[tuple, ...]]:
    """The statement that inserts one row of each model, the first with its key and its history row copied
    from it, in PostgreSQL's own placeholders ($1..: the history row's own values, then each row's fields in
    order: no placeholder parsing on each call) and the fields whose values fill them."""
    from django.db import connection

    quote = connection.ops.quote_name
    number = len(HISTORY_PARAMS)
    parts, fields = [], []
    for index, model in enumerate(models):
        row_fields = tuple(
            f
            for f in model._meta.local_concrete_fields
            if (index == 0 or not f.primary_key) and not getattr(f, "generated", False)
        )
        values = ", ".join(f"${number + i}" for i in range(1, len(row_fields) + 1))
        number += len(row_fields)
        columns = ", ".join(quote(f.column) for f in row_fields)
        insert = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({values})"
        parts.append(f"r{index} AS ({insert}{' RETURNING *' if index == 0 else ''})")
        fields.append(row_fields)
    own = tuple(f"${i}" for i in range(1, len(HISTORY_PARAMS) + 1))
    statement = f"WITH {', '.join(parts)} {history_copy_sql(models[0], 'r0', placeholders=own)}"
    return statement, tuple(fields)


def _create_with_orm(record: Model, actor, *, reason: str | None, children) -> None:
    from django.db import transaction

    with transaction.atomic():
        record.skip_history_when_saving = True  # type: ignore[attr-defined]
        try:
            record.save(force_insert=True)
        finally:
            del record.skip_history_when_saving  # type: ignore[attr-defined]
        snapshot_history(type(record), [record.pk], user=actor, history_type="+", reason=reason)
        for child in children(record) if children else ():
            child.save(force_insert=True)


@functools.cache
def _sequence_of(model: type[Model]) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column])
        return cursor.fetchone()[0]


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


def history_copy_sql(model: type[Model], source: str, *, placeholders: tuple[str, ...] | None = None) -> str:
    """An INSERT of one history row per row of `source` (a table or a CTE with the model's columns, e.g. an
    UPDATE's RETURNING *), for a statement that writes rows and their history at once. Its own values come
    from the named parameters history_date, history_type, history_user, history_reason, history_api_token
    (`history_params`), or from `placeholders` in that order (e.g. PostgreSQL's $1..$5)."""
    from django.db import connection

    history, column_list = _history_columns(model, connection.vendor)
    values = ", ".join(placeholders or (f"%({name})s" for name in HISTORY_PARAMS))
    return (
        f"INSERT INTO {connection.ops.quote_name(history._meta.db_table)} ({column_list}, history_date, "
        f"history_type, history_user_id, history_change_reason, history_api_token_id) SELECT {column_list}, "
        f"{values} FROM {source}"
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
