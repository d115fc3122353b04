from celery import shared_task

from .services import deadlines


@shared_task(acks_late=True, ignore_result=True)
def scan_deadlines() -> int:
    """Daily: record due notices (idempotent), then deliver them."""
    created = deadlines.scan()
    deliver_notices.delay()
    return created


@shared_task(acks_late=True, ignore_result=True)
def deliver_notices() -> int:
    return deadlines.deliver()


@shared_task(acks_late=True, ignore_result=True)
def run_import(job_id: int) -> str:
    from .services import imports

    return imports.run(job_id).status


@shared_task(acks_late=True, ignore_result=True)
def expire_contracts() -> int:
    return deadlines.expire()


@shared_task(acks_late=True, ignore_result=True)
def purge_import_files() -> int:
    from .services import imports

    return imports.purge_leftover_files()
