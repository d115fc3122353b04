"""Tasks go to a queue by their kind, so that a province-wide batch never delays an applicant's notice."""

import pytest
from django.conf import settings

from auxpolice.celery import app


def queue_of(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


@pytest.mark.parametrize(
    "task, queue",
    [
        ("compensation.tasks.compute_payroll", "batches"),
        ("compensation.tasks.compute_payroll_slice", "batches"),
        ("assessment.tasks.close_cycle_slice", "batches"),
        ("assessment.tasks.open_cycle", "batches"),
        ("personnel.tasks.run_import", "batches"),
        ("auxpolice.core.tasks.run_sheet_import", "batches"),
        ("recruitment.tasks.deliver_applicant_notices", "notices"),
        ("personnel.tasks.deliver_notices", "notices"),
        ("auxpolice.core.tasks.beat_heartbeat", "notices"),
        ("personnel.tasks.scan_deadlines", "maintenance"),
        ("recruitment.tasks.purge_unsuccessful_applicants", "maintenance"),
        ("auxpolice.core.tasks.sweep_stalled_batches", "maintenance"),
    ],
)
def test_a_task_goes_to_the_queue_of_its_kind(task, queue):
    assert queue_of(task) == queue


def test_every_task_goes_to_a_queue_a_worker_takes():
    app.loader.import_default_modules()
    ours = [name for name in app.tasks if not name.startswith("celery.")]
    assert len(ours) > 15
    assert {name: queue_of(name) for name in ours if queue_of(name) not in settings.WORKER_QUEUES} == {}
