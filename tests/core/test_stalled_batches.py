"""A batch whose worker died is queued again by the beat sweep, without anyone clicking, and still writes
everything exactly once; the officer sees that it stalled and when it resumed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import AssessmentCycle, Consequence, CycleStatus
from assessment.services import batch
from auxpolice.core import batches
from personnel.models import AuxiliaryOfficer, ImportStatus, PersonnelImport
from personnel.services import imports
from personnel.services.auxiliaries import import_start
from tests.assessment.builders import graded_agency, people, staff_of
from tests.assessment.test_assessment import open_cycle, score_all
from tests.conftest import client_for
from tests.factories import QuotaFactory
from tests.personnel.test_import import good_row, workbook


def later(minutes: int):
    return timezone.now() + timedelta(minutes=minutes)


def test_a_close_cut_off_by_a_dead_worker_is_resumed_by_the_sweep_once(
    db, sysadmin, django_capture_on_commit_callbacks, monkeypatch, client
):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, 5)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    score_all(cycle, officer, reviewer, ["优秀"] * 5)
    monkeypatch.setattr(batch, "CHUNK", 2)
    real, calls = batch.proposals_for, {"n": 0}

    def dies_on_the_third_chunk(cycle, row, tiers_of):
        calls["n"] += 1
        if calls["n"] == 5:
            raise SystemExit("worker killed")
        return real(cycle, row, tiers_of)

    monkeypatch.setattr(batch, "proposals_for", dies_on_the_third_chunk)
    with pytest.raises(SystemExit), django_capture_on_commit_callbacks(execute=True):
        batch.cycle_close(actor=reviewer, cycle=cycle)
    monkeypatch.setattr(batch, "proposals_for", real)
    # given: a minute later nothing is stalled yet
    with django_capture_on_commit_callbacks(execute=True):
        assert batches.sweep_stalled(now=later(1)) == 0
    # when: the sweep runs after the stall period
    with django_capture_on_commit_callbacks(execute=True):
        assert batches.sweep_stalled(now=later(11)) == 1
    # then
    cycle = AssessmentCycle.objects.get(pk=cycle.pk)
    assert cycle.status == CycleStatus.CLOSED and cycle.job_resumed_at is not None
    assert Consequence.objects.filter(kind="promotion").count() == 5
    with django_capture_on_commit_callbacks(execute=True):
        assert batches.sweep_stalled(now=later(30)) == 0  # finished runs are left alone


def test_the_progress_bar_says_a_run_stalled_and_when_it_resumed(
    db, sysadmin, django_capture_on_commit_callbacks, client
):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, reviewer, _ = staff_of(agency)
    people(agency, officer, 2)
    cycle = open_cycle(agency, officer, django_capture_on_commit_callbacks)
    AssessmentCycle.objects.filter(pk=cycle.pk).update(
        status=CycleStatus.CLOSING, job_resumed_at=timezone.now()
    )
    page = client_for(client, officer).get(reverse("cycle_detail", args=[cycle.pk]))
    assert "job-resumed" in page.content.decode()
    assert "resumed_at" in client.get(reverse("cycle_detail", args=[cycle.pk]) + "?format=json").json()


def test_an_import_whose_task_was_lost_is_run_by_the_sweep(
    county_officer, wuhou, django_capture_on_commit_callbacks
):
    QuotaFactory(agency=wuhou, approved_total=10)
    with django_capture_on_commit_callbacks(execute=False):  # the task never reached a worker
        job = import_start(actor=county_officer, agency=wuhou, upload=workbook([good_row(1), good_row(2)]))
    assert PersonnelImport.objects.get(pk=job.pk).status == ImportStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        assert batches.sweep_stalled(now=later(11)) == 1
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and AuxiliaryOfficer.objects.count() == 2
    imports.run(job.pk)  # a late redelivery of the original message changes nothing
    assert AuxiliaryOfficer.objects.count() == 2
