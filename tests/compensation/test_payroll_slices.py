"""A payroll computed in parallel slices (one task per slice, several worker processes at once) writes the
same lines as one computed in a single pass, each line exactly once."""

import random
import threading
from datetime import date

import pytest
from django.db import connection
from django.forms.models import model_to_dict

from auxpolice.core import slices
from compensation import tasks
from compensation.models import PayrollLine, PayrollRun, RunStatus
from compensation.services import contributions, payroll
from personnel.models import AuxiliaryOfficer
from tests.assessment.builders import people
from tests.compensation.test_compensation import MONTH, payroll_setup


def lines_of(run) -> dict[int, dict]:
    return {
        line.officer_id: model_to_dict(line, exclude=["id", "run"])
        for line in PayrollLine.objects.filter(run=run)
    }


def a_mixed_month(sysadmin):
    agency, officer, _ = payroll_setup(sysadmin)
    staff = people(agency, officer, 9, hired_on=date(2026, 1, 1))
    people(agency, officer, 2, tier="四级辅警", hired_on=date(2026, 11, 16))  # part of the month
    AuxiliaryOfficer.objects.filter(pk__in=[p.pk for p in staff[:3]]).update(tier="一级辅警")
    AuxiliaryOfficer.objects.filter(pk__in=[p.pk for p in staff[3:5]]).update(post="巡逻防控")
    contributions.overtime_record(
        actor=officer, officer=staff[0], month=MONTH, day_kind="workday", hours="10", settlement="pay"
    )
    return agency, officer


def restart(officer, agency, settings, size: int) -> PayrollRun:
    settings.BATCH_SLICE_SIZE = size
    return payroll.payroll_start(actor=officer, agency=agency, month=MONTH)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_slices_write_the_same_lines_as_one_pass(sysadmin, settings, monkeypatch):
    # The queue holds the run's task: the slices are delivered by hand below, as the workers would.
    monkeypatch.setattr(tasks.compute_payroll, "delay", lambda run_id: None)
    agency, officer = a_mixed_month(sysadmin)
    run = restart(officer, agency, settings, size=1000)
    assert slices.pending(payroll.SLICES, run.pk) == [0]
    payroll.compute_chunks(run.pk)
    one_pass = lines_of(run)
    assert len(one_pass) == 11

    run = restart(officer, agency, settings, size=2)  # recomputed: the lines discarded, six slices planned
    numbers = slices.pending(payroll.SLICES, run.pk)
    assert numbers == [0, 1, 2, 3, 4, 5]
    numbers += numbers  # every slice delivered twice, in any order, all at once
    random.Random(7).shuffle(numbers)
    barrier = threading.Barrier(len(numbers))
    failures: list[BaseException] = []

    def deliver(number: int) -> None:
        try:
            barrier.wait()
            payroll.compute_slice(run.pk, number)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver, args=(n,)) for n in numbers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    run.refresh_from_db()
    assert run.status == RunStatus.COMPUTED
    assert (run.job_done, run.job_total) == (11, 11)
    assert lines_of(run) == one_pass
    history = PayrollLine.history.filter(run_id=run.pk)
    # Eleven created by each computation, the first eleven discarded by the restart: no line twice.
    assert (history.filter(history_type="+").count(), history.filter(history_type="-").count()) == (22, 11)
    assert [s.items for s in slices.done(payroll.SLICES, run.pk)] == [2, 2, 2, 2, 2, 1]


@pytest.mark.django_db
def test_a_run_being_computed_is_not_started_again(sysadmin, settings):
    agency, officer = a_mixed_month(sysadmin)
    run = restart(officer, agency, settings, size=5)
    assert run.status == RunStatus.COMPUTING
    with pytest.raises(payroll.Conflict):
        payroll.payroll_start(actor=officer, agency=agency, month=MONTH)
    payroll.compute_chunks(run.pk)
    assert PayrollLine.objects.filter(run=run).count() == 11
