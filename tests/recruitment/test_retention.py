"""Unsuccessful applicants' personal data is purged after the agency's retention period, history included, and
the purge is logged; live applications and people still in the process are untouched."""

from datetime import date, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from auxpolice.core.models import User
from auxpolice.rules import services as rule_services
from recruitment.models import (
    AnnouncementStatus,
    ApplicantDocument,
    ApplicantProfile,
    Application,
    EducationRecord,
    EligibilityDecision,
    RetentionPurge,
)
from recruitment.services import portal, retention
from recruitment.tasks import purge_unsuccessful_applicants
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan

LATER = timezone.now() + timedelta(days=200)


@pytest.fixture(autouse=True)
def _two_hundred_days_on_for_the_audit_guard(db):
    """The purge runs "200 days later" by its `now` argument; the database's clock cannot follow, so its audit
    guard (which keeps history 184 real days, tested in tests/core/test_audit_guard.py) is off for these
    tests."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")


@pytest.fixture
def closed_announcement(db, wuhou, county_officer, sysadmin):
    rule_services.agency_setting_set(
        actor=sysadmin,
        agency=wuhou,
        key="applicant_retention_days",
        value=184,
        basis="个人信息保护影响评估报告〔2026〕1号",
    )
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer)
    position = announcement.positions.get()
    unsuccessful, live = applicant_with_profile(area="510107"), applicant_with_profile(area="510104")
    document = portal.document_upload(
        user=unsuccessful,
        kind="photo",
        upload=SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png"),
    )
    portal.education_add(
        user=unsuccessful, level="high_school", school="成都七中", started_on=date(2013, 9, 1)
    )
    rejected, kept = apply(unsuccessful, position), apply(live, position)
    Application.objects.filter(pk=rejected.pk).update(status="rejected")
    type(announcement).objects.filter(pk=announcement.pk).update(status=AnnouncementStatus.CLOSED)
    return {
        "announcement": announcement,
        "rejected": rejected,
        "kept": kept,
        "unsuccessful": unsuccessful,
        "live": live,
        "document": document,
    }


def test_an_unsuccessful_applicants_data_is_purged_after_retention_with_history_and_logged(
    closed_announcement,
):
    rejected, unsuccessful = closed_announcement["rejected"], closed_announcement["unsuccessful"]
    path = closed_announcement["document"].file.name
    id_number = ApplicantProfile.objects.get(user=unsuccessful).id_number
    assert Application.history.filter(id=rejected.pk).exists()
    assert default_storage.exists(path)
    assert rejected.eligibility["findings"]

    [run] = retention.purge_due(LATER)

    rejected.refresh_from_db()
    assert rejected.purged_at and rejected.full_name == "（已清除）" and rejected.id_number == ""
    assert (
        rejected.phone == "" and rejected.declaration == {} and rejected.status == "rejected"
    )  # counts stay
    assert not Application.history.filter(id=rejected.pk).exists()
    assert not EligibilityDecision.objects.filter(application=rejected).exists()
    assert EligibilityDecision.objects.filter(application=closed_announcement["kept"]).exists()
    assert not ApplicantProfile.objects.filter(user=unsuccessful).exists()
    assert not ApplicantProfile.history.filter(user_id=unsuccessful.pk).exists()
    assert not EducationRecord.history.filter(profile_id__isnull=False, school="成都七中").exists()
    assert not ApplicantDocument.objects.filter(pk=closed_announcement["document"].pk).exists()
    assert not default_storage.exists(path)
    account = User.objects.get(pk=unsuccessful.pk)
    assert account.username == f"purged-{unsuccessful.pk}" and not account.is_active and not account.full_name
    assert not User.history.filter(id=unsuccessful.pk).exists()
    assert not Application.objects.filter(id_number_index__isnull=False).filter(id_number=id_number).exists()
    assert (run.application_ids, run.profile_user_ids, run.files) == ([rejected.pk], [unsuccessful.pk], 1)
    assert run.history_rows > 0 and run.retention_days == 184


def test_live_applications_and_their_people_are_untouched(closed_announcement):
    retention.purge_due(LATER)
    kept = Application.objects.get(pk=closed_announcement["kept"].pk)
    assert kept.purged_at is None and kept.full_name.startswith("申请人")
    assert ApplicantProfile.objects.filter(user=closed_announcement["live"]).exists()


def test_nothing_is_purged_before_the_period_or_twice(closed_announcement):
    assert retention.purge_due(timezone.now() + timedelta(days=100)) == []
    assert Application.objects.get(pk=closed_announcement["rejected"].pk).purged_at is None
    assert len(retention.purge_due(LATER)) == 1
    assert retention.purge_due(LATER) == []
    assert RetentionPurge.objects.count() == 1


def test_without_a_retention_setting_nothing_is_purged(closed_announcement, wuhou):
    from auxpolice.rules.models import AgencyRuleSetting

    AgencyRuleSetting.objects.filter(agency=wuhou, key="applicant_retention_days").delete()
    assert retention.purge_due(LATER) == []
    assert purge_unsuccessful_applicants.apply().get() == 0
    assert Application.objects.filter(purged_at__isnull=False).count() == 0


def test_the_retention_setting_cannot_be_shorter_than_six_months(db, wuhou, sysadmin):
    from auxpolice.core.errors import DomainError

    with pytest.raises(DomainError):
        rule_services.agency_setting_set(
            actor=sysadmin, agency=wuhou, key="applicant_retention_days", value=90, basis="x"
        )
