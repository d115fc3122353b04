from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from . import batches, sheet_imports

HEARTBEAT_KEY = "auxpolice:beat:last"


@shared_task(acks_late=True, ignore_result=True)
def beat_heartbeat() -> str:
    """Run by beat every minute; /healthz reports when the scheduler was last seen."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


@shared_task(acks_late=True, ignore_result=True)
def sweep_stalled_batches() -> int:
    """Beat: queue again the batch runs whose worker died (no progress for BATCH_STALL_SECONDS)."""
    return batches.sweep_stalled()


@shared_task(acks_late=True, ignore_result=True)
def run_sheet_import(job_id: int) -> str:
    return sheet_imports.run(job_id).status


@shared_task(acks_late=True, ignore_result=True)
def purge_sheet_import_files() -> int:
    return sheet_imports.purge_leftover_files()


@shared_task(acks_late=True, ignore_result=True)
def deliver_webhook(delivery_id: int) -> str | None:
    """Right after the event's transaction: the first attempt (safe twice: the row is locked and checked)."""
    from . import webhooks

    return webhooks.deliver(delivery_id)


@shared_task(acks_late=True, ignore_result=True)
def deliver_due_webhooks() -> int:
    """Beat, every minute: the attempts whose backoff has passed."""
    from . import webhooks

    return webhooks.deliver_due()
