from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def open_cycle(cycle_id: int) -> str:
    from .services import batch

    return batch.open_queue(cycle_id).status


@shared_task(acks_late=True, ignore_result=True)
def close_cycle(cycle_id: int) -> str:
    from .services import batch

    return batch.close_queue(cycle_id).status


@shared_task(acks_late=True, ignore_result=True)
def open_cycle_slice(cycle_id: int, number: int) -> None:
    from .services import batch

    batch.open_slice(cycle_id, number)


@shared_task(acks_late=True, ignore_result=True)
def close_cycle_slice(cycle_id: int, number: int) -> None:
    from .services import batch

    batch.close_slice(cycle_id, number)


@shared_task(acks_late=True, ignore_result=True)
def apply_due_tier_changes() -> int:
    from .services import tiers

    return tiers.apply_due()
