"""What an applicant keeps between applications: the profile (identity from the ID number), education
records and uploaded documents."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.crypto import EncryptedTextField
from auxpolice.core.history import TokenAudit
from auxpolice.core.models import Education

SEX_CHOICES = [("male", _("Male")), ("female", _("Female"))]


class ApplicantProfile(models.Model):
    """An applicant's own details, kept between applications. Identity comes from the ID number."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applicant_profile"
    )
    full_name = models.CharField(_("full name"), max_length=60)
    id_number = EncryptedTextField(_("resident ID number"))
    id_number_index = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField(_("resident ID number"), max_length=18, editable=False)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=6, choices=SEX_CHOICES)
    phone = models.CharField(_("mobile phone"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    education = models.CharField(_("highest education"), max_length=24, choices=Education.choices)
    school = models.CharField(_("school"), max_length=120, blank=True)
    major = models.CharField(_("major"), max_length=120, blank=True)
    graduated_on = models.DateField(_("graduated on"), null=True, blank=True)
    statuses = models.JSONField(_("special statuses"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=["id_number_index"])

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")

    def __str__(self):
        return self.full_name


class EducationRecord(models.Model):
    """One stage of an applicant's education (学习经历), most recent first."""

    profile = models.ForeignKey(ApplicantProfile, on_delete=models.CASCADE, related_name="education_records")
    level = models.CharField(_("education level"), max_length=24, choices=Education.choices)
    school = models.CharField(_("school"), max_length=120)
    major = models.CharField(_("major"), max_length=120, blank=True)
    started_on = models.DateField(_("started on"))
    graduated_on = models.DateField(_("graduated on"), null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("education record")
        verbose_name_plural = _("education records")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(graduated_on__isnull=True) | Q(graduated_on__gt=F("started_on")),
                name="education_graduated_after_start",
            )
        ]

    def __str__(self):
        return f"{self.school} · {self.level}"


class ApplicantDocument(models.Model):
    """An uploaded supporting document. Stored outside the web root, served only through a checked view."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        ID_CARD = "id_card", _("ID card")
        DIPLOMA = "diploma", _("Diploma")
        CERTIFICATE = "certificate", _("Certificate")

    profile = models.ForeignKey(ApplicantProfile, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file = models.FileField(upload_to="applicants/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=120)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("applicant document")
        verbose_name_plural = _("applicant documents")
        ordering = ["kind", "-uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.original_name}"
