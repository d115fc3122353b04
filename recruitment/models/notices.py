"""Notices to applicants: one per applicant and event, delivered by e-mail and text message."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _


class ApplicantNotice(models.Model):
    """A notice to an applicant: shown on the portal, and sent by email (and SMS where configured).
    One per applicant and event, so a retried task never tells anyone twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applicant_notices", db_index=False
    )  # indexed by one_notice_per_event
    application = models.ForeignKey(
        "recruitment.Application", null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    event = models.CharField(max_length=80)
    # What happened and its facts; the words come from templates/recruitment/notices/<kind>.txt when shown
    # or sent.
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    # Notices written before notices were templated keep their words here.
    title = models.CharField(_("title"), max_length=160, blank=True)
    body = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    channels = models.JSONField(default=list, blank=True)  # where it went besides the portal: email, sms
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("applicant notice")
        verbose_name_plural = _("applicant notices")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="one_notice_per_event")]
        indexes = [
            models.Index(fields=["id"], condition=Q(delivered_at__isnull=True), name="notice_undelivered_idx")
        ]

    def __str__(self):
        return f"{self.user} · {self.event}"

    def words(self) -> tuple[str, str]:
        """(subject, text) as the applicant reads them."""
        if not self.kind:
            return self.title, self.body
        subject, _sep, text = render_to_string(f"recruitment/notices/{self.kind}.txt", self.params).partition(
            "\n"
        )
        return subject.strip(), text.strip()

    @property
    def subject(self) -> str:
        return self.words()[0]

    @property
    def text(self) -> str:
        return self.words()[1]
