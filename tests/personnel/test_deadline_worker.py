"""A worker killed in the middle of delivering notices loses none of them: the notices stay unsent in
the database (the marking is in the same transaction as the sending), and the next delivery sends
each exactly once."""

import os
import signal
import time
from datetime import date

import pytest
from django.db import connection

from personnel.models import DeadlineNotice
from personnel.services import deadlines
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from personnel.services.contracts import contract_sign
from tests.factories import QuotaFactory
from tests.personnel.test_records import id_number
from tests.workers import producer, wait_for, worker_process


def holding_transaction_open() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state = 'idle in transaction' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_delivery_loses_no_notice(county_officer, wuhou, tmp_path):
    county_officer.email = "hr@wuhou.example.cn"
    county_officer.save()
    QuotaFactory(agency=wuhou)
    for serial in (51, 52):
        person = auxiliary_create(
            actor=county_officer,
            agency=wuhou,
            person=NewAuxiliary(
                full_name="孙七", id_number=id_number(serial), category="service", hired_on=date(2026, 1, 1)
            ),
        )
        contract_sign(
            actor=county_officer,
            officer=person,
            starts_on=date(2024, 1, 1),
            ends_on=date(2026, 12, 31),
            probation_ends_on=date(2024, 6, 30),
        )
    assert deadlines.scan(date(2026, 12, 10)) == 6
    url = os.environ["TEST_REDIS_URL"]
    mail_dir = tmp_path / "mail"

    # given a worker stuck sending mail, killed without warning
    with worker_process(
        url,
        EMAIL_BACKEND="tests.slow_email.StallingEmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
        EMAIL_STALL_SECONDS="60",
    ) as stuck:
        producer(url).send_task("personnel.tasks.deliver_notices")
        # The worker holds the notices' row locks while it waits on the mail server.
        assert wait_for(holding_transaction_open, timeout=40), "the worker never started delivering"
        stuck.send_signal(signal.SIGKILL)
        stuck.wait(timeout=10)
    assert DeadlineNotice.objects.filter(sent_at__isnull=True).count() == 6
    assert not mail_dir.exists() or not list(mail_dir.iterdir())

    # when a healthy worker delivers
    with worker_process(
        url, EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(mail_dir)
    ):
        producer(url).send_task("personnel.tasks.deliver_notices")
        wait_for(lambda: not DeadlineNotice.objects.filter(sent_at__isnull=True).exists(), timeout=40)
        producer(url).send_task("personnel.tasks.deliver_notices")  # a second run sends nothing more
        time.sleep(3)

    # then every notice went out exactly once
    assert not DeadlineNotice.objects.filter(sent_at__isnull=True).exists()
    sent = "".join(path.read_text(encoding="utf-8", errors="replace") for path in mail_dir.iterdir())
    assert sent.count("Subject:") == 6
