from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def compute_payroll(run_id: int) -> str:
    from .services import payroll

    return payroll.compute_chunks(run_id).status
