from celery import shared_task

from .services import notices, publicity


@shared_task(acks_late=True, ignore_result=True)
def deliver_applicant_notices() -> int:
    return notices.deliver()


@shared_task(acks_late=True, ignore_result=True)
def close_ended_publicities() -> int:
    """Daily: tell the people on a publicity list whose period has ended what happens next."""
    return publicity.close_ended()


@shared_task(acks_late=True, ignore_result=True)
def purge_unsuccessful_applicants() -> int:
    """Daily: personal data of unsuccessful applicants past each agency's retention period. Idempotent: purged
    applications are marked and never selected again."""
    from .services import retention

    return len(retention.purge_due())


@shared_task(acks_late=True, ignore_result=True)
def release_due_results() -> int:
    """Every few minutes: results whose release time has come reach their applicants (idempotent)."""
    from .services import releases

    return releases.release_due()
