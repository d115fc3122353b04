"""考务编排: exam sites and rooms, sessions, and each candidate's seat. Seats are drawn at random within a
room from a recorded seed, so the assignment can be reproduced and audited."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit


class ExamRoom(models.Model):
    announcement = models.ForeignKey(
        "recruitment.Announcement", on_delete=models.PROTECT, related_name="exam_rooms", db_index=False
    )  # indexed by exam_room_code_unique
    site = models.CharField(_("exam site"), max_length=100)
    address = models.CharField(_("address"), max_length=200)
    code = models.CharField(_("room number"), max_length=3, help_text=_("Three digits, e.g. 001."))
    capacity = models.PositiveSmallIntegerField(_("seats"))
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("exam room")
        verbose_name_plural = _("exam rooms")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["announcement", "code"], name="exam_room_code_unique"),
            models.CheckConstraint(condition=Q(capacity__gt=0, capacity__lte=99), name="exam_room_capacity"),
        ]

    def __str__(self):
        return f"{self.site} {self.code}"


class ExamSession(models.Model):
    announcement = models.ForeignKey(
        "recruitment.Announcement", on_delete=models.PROTECT, related_name="exam_sessions"
    )
    stage = models.CharField(_("stage"), max_length=48)
    name = models.CharField(_("session"), max_length=60)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    seed = models.CharField(_("seat draw seed"), max_length=32, blank=True)
    seated_at = models.DateTimeField(_("seats assigned at"), null=True, blank=True)
    seated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("exam session")
        verbose_name_plural = _("exam sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="exam_session_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.name} {self.starts_at:%Y-%m-%d %H:%M}"


class Seat(models.Model):
    session = models.ForeignKey(
        ExamSession, on_delete=models.CASCADE, related_name="seats", db_index=False
    )  # indexed by seat_once_per_room
    room = models.ForeignKey(ExamRoom, on_delete=models.PROTECT, related_name="seats")
    number = models.PositiveSmallIntegerField(_("seat"))
    application = models.ForeignKey("recruitment.Application", on_delete=models.PROTECT, related_name="seats")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["room__code", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "room", "number"], name="seat_once_per_room"),
            models.UniqueConstraint(fields=["session", "application"], name="one_seat_per_session"),
        ]

    def __str__(self):
        return f"{self.room} · {self.number:02d}"
