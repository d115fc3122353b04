"""History rows and access logs cannot be changed, nor deleted before six months, by the application's
role."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from auxpolice.core import audit_guard
from auxpolice.core.models import Agency
from personnel.models import SensitiveAccess
from tests.factories import AgencyFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the guard is a PostgreSQL trigger")


def test_every_history_table_and_access_log_is_guarded(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT event_object_table FROM information_schema.triggers WHERE trigger_name = 'audit_guard'"
        )
        guarded = {row[0] for row in cursor.fetchall()}
    assert set(audit_guard.guarded_tables()) <= guarded
    assert (
        "personnel_historicalauxiliaryofficer" in guarded and "compensation_historicalpayrollline" in guarded
    )


def test_a_history_row_cannot_be_changed_or_deleted_while_young(db):
    agency = AgencyFactory(name="原名")
    agency.name = "新名"
    agency.save()
    row = Agency.history.filter(id=agency.pk).earliest("history_date")
    with pytest.raises(DatabaseError), transaction.atomic():
        Agency.history.filter(pk=row.pk).update(name="改写")
    with pytest.raises(DatabaseError), transaction.atomic():
        Agency.history.filter(pk=row.pk).delete()
    assert Agency.history.get(pk=row.pk).name == "原名"


def test_an_old_history_row_may_be_deleted(db):
    agency = AgencyFactory()
    old = Agency.history.filter(id=agency.pk).first()
    old.pk = None
    old.history_date = timezone.now() - timedelta(days=audit_guard.KEEP_DAYS + 1)
    old.save()  # an INSERT: history is only ever appended
    Agency.history.filter(pk=old.pk).delete()
    assert not Agency.history.filter(pk=old.pk).exists()


def test_an_access_log_row_cannot_be_rewritten(db, county_officer, wuhou):
    from datetime import date

    from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
    from tests.factories import QuotaFactory
    from tests.recruitment.builders import id_number

    QuotaFactory(agency=wuhou, approved_total=2)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="王明",
            id_number=id_number(date(1990, 1, 1)),
            category="service",
            hired_on=date(2026, 1, 5),
        ),
    )
    log = SensitiveAccess.objects.create(user=county_officer, officer=person, field="id_number")
    with pytest.raises(DatabaseError), transaction.atomic():
        SensitiveAccess.objects.filter(pk=log.pk).update(field="nothing")
    with pytest.raises(DatabaseError), transaction.atomic():
        SensitiveAccess.objects.filter(pk=log.pk).delete()
