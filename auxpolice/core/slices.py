"""Batch runs split into slices that run side by side: one Celery task per slice, queued as a group, so a
province-wide payroll or assessment close uses every worker process instead of one.

A run plans its slices once (ranges of primary keys, `BATCH_SLICE_SIZE` items each) and queues them. A slice
is computed exactly once: its row is locked while it is computed and marked done in the same transaction as
what it wrote, so a task delivered twice, or queued again by the stall sweep (auxpolice.core.batches), finds
it done and does nothing. The run is finished by the slice that completes it: every slice moves the run's
counters with an UPDATE, which holds the run's row lock until that slice commits, so whichever slice counts
the remaining slices last sees all the others done.
"""

import uuid
from collections.abc import Callable, Iterable

from celery import group
from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet, Window
from django.db.models.functions import Mod, RowNumber
from django.utils import timezone

from .models import BatchSlice


def plan(kind: str, run_id: int, keys: QuerySet, size: int | None = None) -> int:
    """Replace the run's slices by slices of `size` items of `keys` (a queryset of the items, by primary key);
    returns how many items. Call it in the transaction that (re)starts the run."""
    size = size or settings.BATCH_SLICE_SIZE
    BatchSlice.objects.filter(kind=kind, run_id=run_id).delete()
    # Every size-th key starts a slice: numbered and picked by the database, only the firsts come back.
    starts = (
        keys.order_by()
        .annotate(position=Window(RowNumber(), order_by=F("pk").asc()))
        .annotate(offset=Mod(F("position") - 1, size))
        .filter(offset=0)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    firsts = list(starts)
    total = keys.order_by().count()
    token = uuid.uuid4()
    BatchSlice.objects.bulk_create(
        BatchSlice(
            kind=kind,
            run_id=run_id,
            number=number,
            plan=token,
            first_key=first,
            last_key=firsts[number + 1] - 1 if number + 1 < len(firsts) else None,
        )
        for number, first in enumerate(firsts)
    )
    return total


def planned(kind: str, run_id: int) -> bool:
    return BatchSlice.objects.filter(kind=kind, run_id=run_id).exists()


def pending(kind: str, run_id: int) -> list[int]:
    return list(
        BatchSlice.objects.filter(kind=kind, run_id=run_id, done_at__isnull=True)
        .order_by("number")
        .values_list("number", flat=True)
    )


def queue(kind: str, run_id: int, task) -> int:
    """Queue one task(run_id, number) per slice not yet done, as a group, once the caller's transaction
    commits; returns how many."""
    numbers = pending(kind, run_id)
    if numbers:
        transaction.on_commit(lambda: group(task.s(run_id, number) for number in numbers).apply_async())
    return len(numbers)


def run_here(kind: str, run_id: int, work: Callable[[int, int], None]) -> None:
    """Every slice not yet done, one after the other in this process (the embedded default, the demo data, a
    benchmark's single-process figure): `work(run_id, number)` is what the slice task runs."""
    for number in pending(kind, run_id):
        work(run_id, number)


def claim(kind: str, run_id: int, number: int) -> BatchSlice | None:
    """The slice, locked until the caller's transaction ends; None when it is done (or planned away)."""
    return (
        BatchSlice.objects.select_for_update()
        .filter(kind=kind, run_id=run_id, number=number, done_at__isnull=True)
        .first()
    )


def within(queryset: QuerySet, piece: BatchSlice, key: str = "pk") -> QuerySet:
    """The slice's items of `queryset` (rows whose `key` falls in the slice's range)."""
    queryset = queryset.filter(**{f"{key}__gte": piece.first_key})
    return queryset if piece.last_key is None else queryset.filter(**{f"{key}__lte": piece.last_key})


def complete(
    piece: BatchSlice,
    *,
    items: int,
    notes: Iterable[str] = (),
    facts: dict | None = None,
    progress: Callable[[int], None],
) -> bool:
    """Mark the slice done and move the run's counters (`progress(items)`: an UPDATE of the run's row, which
    serialises the slices' ends); True when no slice of the run is left, i.e. the caller finishes the run."""
    piece.done_at, piece.items, piece.notes, piece.facts = timezone.now(), items, list(notes), facts or {}
    piece.save(update_fields=["done_at", "items", "notes", "facts"])
    progress(items)
    return not BatchSlice.objects.filter(kind=piece.kind, run_id=piece.run_id, done_at__isnull=True).exists()


def done(kind: str, run_id: int) -> list[BatchSlice]:
    """Every slice of the run in order (for the run's summary)."""
    return list(BatchSlice.objects.filter(kind=kind, run_id=run_id).order_by("number"))
