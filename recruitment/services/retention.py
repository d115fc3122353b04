"""Purging unsuccessful applicants' personal data after the agency's retention period (PIPL art 19: kept no
longer than the purpose needs; the texts set no period, so the agency setting `applicant_retention_days` does,
and without it nothing is purged).

An application is purged once its announcement is closed, it ended without a hire (not qualified, not
advanced, failed, withdrawn), and neither it changed nor registration closed within the period. The row stays
without identity (counts, ranks and the access log keep their meaning); its stage results, consents,
objections, notices and every history row go. The applicant's profile, education, documents (files too) and
account identity go when none of their applications is still live. Each run logs what it purged (ids and
counts) in `RetentionPurge`.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from auxpolice.core.models import Agency
from auxpolice.rules.selectors import agency_settings

from ..models import (
    ApplicantDocument,
    ApplicantNotice,
    ApplicantProfile,
    Application,
    ApplicationStatus,
    EducationRecord,
    EligibilityDecision,
    Objection,
    RetentionPurge,
    SensitiveDataConsent,
    StageResult,
)
from ..models.announcement import Announcement, AnnouncementStatus

UNSUCCESSFUL = (
    ApplicationStatus.REJECTED,
    ApplicationStatus.NOT_ADVANCED,
    ApplicationStatus.FAILED,
    ApplicationStatus.WITHDRAWN,
)
PURGED_NAME = "（已清除）"


def _delete_history(model, pks) -> int:
    if not pks:
        return 0
    deleted, _ = model.history.model.objects.filter(**{f"{model._meta.pk.attname}__in": list(pks)}).delete()
    return deleted


def _delete_with_history(queryset) -> int:
    """Delete the rows' history, then the rows without signals: a deletion record would copy them into history
    again, where the audit guard would then keep it for six months."""
    model = queryset.model
    pks = list(queryset.values_list("pk", flat=True))
    history = _delete_history(model, pks) if hasattr(model, "history") else 0
    model.objects.filter(pk__in=pks)._raw_delete(model.objects.db)
    return history


def _changed_since(model, field: str, ids, cutoff) -> set[int]:
    """Of `ids` (values of `field` in the model's history), those with a history row newer than the cutoff."""
    rows = model.history.model.objects.filter(**{f"{field}__in": list(ids), "history_date__gte": cutoff})
    return set(rows.values_list(field, flat=True))


def _quiet_applications(pks: list[int], cutoff) -> list[int]:
    """Applications none of whose records changed within the period (the audit guard keeps younger
    history)."""
    busy = _changed_since(Application, "id", pks, cutoff)
    for model in (StageResult, SensitiveDataConsent, Objection):
        busy |= _changed_since(model, "application_id", pks, cutoff)
    return [pk for pk in pks if pk not in busy]


def due_applications(agency: Agency, cutoff):
    return Application.objects.filter(
        announcement__agency=agency,
        announcement__status=AnnouncementStatus.CLOSED,
        announcement__registration_closes__lt=cutoff,
        status__in=UNSUCCESSFUL,
        updated_at__lt=cutoff,
        purged_at__isnull=True,
    )


@transaction.atomic
def purge_agency(agency: Agency, days: int, now=None) -> RetentionPurge | None:
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    pks = _quiet_applications(
        list(due_applications(agency, cutoff).select_for_update().values_list("pk", flat=True)), cutoff
    )
    if not pks:
        return None
    history = 0
    history += _delete_with_history(StageResult.objects.filter(application_id__in=pks))
    history += _delete_with_history(SensitiveDataConsent.objects.filter(application_id__in=pks))
    history += _delete_with_history(Objection.objects.filter(application_id__in=pks))
    ApplicantNotice.objects.filter(application_id__in=pks).delete()
    EligibilityDecision.objects.filter(application_id__in=pks).delete()
    history += _delete_history(Application, pks)
    for pk in pks:  # each needs its own placeholder index; a few hundred rows per agency and day
        Application.objects.filter(pk=pk).update(
            full_name=PURGED_NAME,
            id_number="",
            id_number_index=f"purged:{pk}",
            id_number_masked="",
            birth_date=date(1900, 1, 1),
            sex="",
            phone="",
            statuses=[],
            declaration={},
            review_reason="",
            purged_at=now,
        )
    users, files = _purge_profiles(
        Application.objects.filter(pk__in=pks).values_list("applicant_id", flat=True), cutoff
    )
    history += users[1]
    return RetentionPurge.objects.create(
        agency=agency,
        retention_days=days,
        cutoff=cutoff,
        application_ids=pks,
        profile_user_ids=users[0],
        history_rows=history,
        files=files,
    )


def _purge_profiles(user_ids, cutoff) -> tuple[tuple[list[int], int], int]:
    """Profiles, education, documents and account identity of applicants with nothing live left and nothing
    changed within the period."""
    live = Application.objects.filter(applicant=OuterRef("user_id"), purged_at__isnull=True)
    profiles = list(ApplicantProfile.objects.filter(user_id__in=set(user_ids)).exclude(Exists(live)))
    ids = [p.pk for p in profiles]
    busy = (
        _changed_since(ApplicantProfile, "id", ids, cutoff)
        | _changed_since(EducationRecord, "profile_id", ids, cutoff)
        | _changed_since(ApplicantDocument, "profile_id", ids, cutoff)
    )
    busy_users = _changed_since(get_user_model(), "id", [p.user_id for p in profiles], cutoff)
    profiles = [p for p in profiles if p.pk not in busy and p.user_id not in busy_users]
    history, files = 0, 0
    for document in ApplicantDocument.objects.filter(profile__in=profiles):
        if document.file:
            document.file.delete(save=False)
            files += 1
    profile_ids = [p.pk for p in profiles]
    history += _delete_with_history(ApplicantDocument.objects.filter(profile_id__in=profile_ids))
    history += _delete_with_history(EducationRecord.objects.filter(profile_id__in=profile_ids))
    history += _delete_with_history(ApplicantProfile.objects.filter(pk__in=profile_ids))
    account_ids = [p.user_id for p in profiles]
    User = get_user_model()
    history += _delete_history(User, account_ids)
    ApplicantNotice.objects.filter(user_id__in=account_ids).delete()
    for user in User.objects.filter(pk__in=account_ids):
        user.username, user.first_name, user.last_name, user.email = f"purged-{user.pk}", "", "", ""
        if hasattr(user, "full_name"):
            user.full_name = ""
        user.is_active = False
        user.set_unusable_password()
        # Its history rows were just deleted; none is written for this (simple-history's per-instance switch).
        user.skip_history_when_saving = True  # type: ignore[attr-defined]
        user.save()
    return (account_ids, history), files


def purge_due(now=None) -> list[RetentionPurge]:
    """Daily: every agency whose closed announcements have applications past the retention period."""
    agencies = Agency.objects.filter(
        pk__in=Announcement.objects.filter(status=AnnouncementStatus.CLOSED).values("agency_id")
    )
    runs = []
    for agency in agencies:
        days = agency_settings(agency).get("applicant_retention_days")
        if days:
            run = purge_agency(agency, int(days), now)
            if run is not None:
                runs.append(run)
    return runs
