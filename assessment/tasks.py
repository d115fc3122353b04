from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def open_cycle(cycle_id: int) -> str:
    from .services import batch

    return batch.open_chunks(cycle_id).status


@shared_task(acks_late=True, ignore_result=True)
def close_cycle(cycle_id: int) -> str:
    from .services import batch

    return batch.close_chunks(cycle_id).status


@shared_task(acks_late=True, ignore_result=True)
def apply_due_tier_changes() -> int:
    from .services import tiers

    return tiers.apply_due()
