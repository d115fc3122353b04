from celery import shared_task

from . import notices


@shared_task(acks_late=True, ignore_result=True)
def warn_expiring_rule_packs() -> int:
    """Daily: tell administrators when a jurisdiction's rules end with no successor entered."""
    return notices.warn_expiring_packs()
