"""Batch runs that a crashed worker must not leave stuck (payroll, assessment cycles, imports).

Each owner registers which of its statuses mean "a task is working on it" and which task resumes it. Chunks
move `job_beat` forward; the beat sweep (`sweep_stalled`, every few minutes) queues the task again for any run
whose beat is older than `BATCH_STALL_SECONDS` and records `job_resumed_at`, which the progress bar shows. The
tasks resume at their cursor and are idempotent, so a run queued twice still writes everything exactly once.

Owners register in their AppConfig.ready(); core imports no app.
"""

from dataclasses import dataclass
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class Batch:
    model: type
    tasks: dict[str, str]  # running status -> the dotted name of the task that resumes it


REGISTRY: list[Batch] = []


def register(model, *, tasks: dict[str, str]) -> None:
    REGISTRY.append(Batch(model, dict(tasks)))


def stalled(batch: Batch, now=None):
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.BATCH_STALL_SECONDS)
    return batch.model.objects.filter(status__in=list(batch.tasks), job_beat__lt=cutoff)


def sweep_stalled(now=None) -> int:
    """Queue every stalled run again; returns how many."""
    now = now or timezone.now()
    resumed = 0
    for batch in REGISTRY:
        for pk, status in stalled(batch, now).values_list("pk", "status"):
            with transaction.atomic():
                moved = (
                    stalled(batch, now).filter(pk=pk, status=status).update(job_beat=now, job_resumed_at=now)
                )
                if moved:
                    task = batch.tasks[status]
                    transaction.on_commit(lambda task=task, pk=pk: current_app.tasks[task].delay(pk))
                    resumed += 1
    return resumed
