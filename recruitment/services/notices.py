"""Applicant notices: written with the event that caused them, delivered afterwards by Celery.

The (user, event) pair is unique, so recording the same event twice, or a task that runs twice,
never tells anyone twice.
"""

import hashlib
import time
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core import sms
from auxpolice.core.errors import DomainError

from ..models import ApplicantNotice, Application
from .common import check_may_change

BATCH = 500


DELIVERY_COALESCE_SECONDS = 5
_last_queued: float = -DELIVERY_COALESCE_SECONDS


def _queue_delivery() -> None:
    """At most one delivery task per few seconds, however many notices arrive: at 300 applications a
    second, a task per notice would cost more than the notices. The minute sweep (beat) catches any
    notice written after a queued task has already run."""
    from ..tasks import deliver_applicant_notices

    global _last_queued
    if settings.CELERY_TASK_ALWAYS_EAGER:  # no worker and no beat: deliver now
        deliver_applicant_notices.delay()
        return
    now = time.monotonic()
    if now - _last_queued < DELIVERY_COALESCE_SECONDS:  # this process asked moments ago
        return
    _last_queued = now
    if cache.add(
        "applicant-notices:delivery-queued", 1, DELIVERY_COALESCE_SECONDS
    ):  # and no other process did
        deliver_applicant_notices.apply_async(countdown=1)


def deliver_after_commit() -> None:
    transaction.on_commit(_queue_delivery)


def _plain(value):
    """Notice facts are kept as JSON: dates and amounts as the text they are shown as."""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal):
        return str(value)
    return value


def _notice(application_id: int, applicant_id: int, event: str, kind: str, params: dict) -> ApplicantNotice:
    return ApplicantNotice(
        user_id=applicant_id,
        application_id=application_id,
        event=f"application:{application_id}:{event}",
        kind=kind,
        params={key: _plain(value) for key, value in params.items()},
    )


def notify(application: Application, event: str, kind: str, **params) -> None:
    """One notice of `kind` (templates/recruitment/notices/<kind>.txt) with its facts, once per event."""
    notify_each([(application, event, kind, params)])


def notice_row(application: Application, event: str, kind: str, **params) -> ApplicantNotice:
    """The notice `notify` writes, unsaved: for a caller that writes it with its application in one statement
    (then `deliver_after_commit()`)."""
    return _notice(application.pk, application.applicant_id, event, kind, params)


def notify_many(applications, event: str, kind: str, **params) -> None:
    notify_each((a, event, kind, params) for a in applications)


def notify_each(rows) -> None:
    """rows: (application, event, kind, params), one notice each."""
    notices = [_notice(a.pk, a.applicant_id, event, kind, params) for a, event, kind, params in rows]
    ApplicantNotice.objects.bulk_create(notices, batch_size=BATCH, ignore_conflicts=True)
    deliver_after_commit()


def announce_revision(announcement, revision) -> None:
    applications = Application.objects.filter(announcement=announcement).only("pk", "applicant_id")
    notify_many(
        applications.iterator(chunk_size=BATCH),
        f"announcement-v{revision.number}",
        "announcement_revised",
        number=revision.number,
        announcement=announcement.title,
        note=revision.note,
    )


def deliver(limit: int = BATCH) -> int:
    """Send what is not yet delivered: email where the applicant gave one, SMS where a phone is known.
    Rows are claimed with SKIP LOCKED, so two workers never send the same notice."""
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                ApplicantNotice.objects.filter(delivered_at__isnull=True)
                .select_related("user", "application")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("id")[:limit]
            )
            if not batch:
                return sent
            gateway = sms.backend()
            for notice in batch:
                channels = []
                if notice.user.email:
                    send_mail(
                        f"【辅警招聘】{notice.subject}",
                        notice.text,
                        settings.DEFAULT_FROM_EMAIL,
                        [notice.user.email],
                    )
                    channels.append("email")
                phone = notice.application.phone if notice.application else notice.user.phone
                if phone:
                    gateway.send(phone, f"【辅警招聘】{notice.subject}")
                    channels.append("sms")
                notice.delivered_at, notice.channels = timezone.now(), channels
            ApplicantNotice.objects.bulk_update(batch, ["delivered_at", "channels"])
            sent += len(batch)


MESSAGE_MAX = 200  # one message to at most this many selected applicants at a time


@transaction.atomic
def message_send(*, actor, announcement, ids: list[int], subject: str, text: str) -> int:
    """A message from the recruiting office to the selected applicants (text and e-mail as every notice).
    Sending the same message twice reaches nobody twice."""
    check_may_change(actor, announcement.agency)
    if not subject.strip():
        raise DomainError(_("Give the message a subject."), field="subject")
    if not text.strip():
        raise DomainError(_("Write the message."), field="text")
    if not ids:
        raise DomainError(_("Select the applicants to write to."), field="ids")
    if len(ids) > MESSAGE_MAX:
        raise DomainError(_("Write to at most %(n)s applicants at a time.") % {"n": MESSAGE_MAX}, field="ids")
    chosen = list(
        Application.objects.filter(announcement=announcement, pk__in=ids).only("pk", "applicant_id")
    )
    digest = hashlib.sha256(f"{subject.strip()}\n{text.strip()}".encode()).hexdigest()[:16]
    notify_many(
        chosen,
        f"message:{digest}",
        "office_message",
        subject=subject.strip(),
        text=text.strip(),
        announcement=announcement.title,
    )
    return len(chosen)
