from celery import shared_task


@shared_task(acks_late=True, ignore_result=True)
def compute_payroll(run_id: int) -> str:
    from .services import payroll

    return payroll.compute(run_id).status


@shared_task(acks_late=True, ignore_result=True)
def compute_payroll_slice(run_id: int, number: int) -> None:
    from .services import payroll

    payroll.compute_slice(run_id, number)
