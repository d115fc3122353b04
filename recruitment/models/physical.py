"""体能测评标准: the pass marks a recruitment uses, per item, sex and age band, entered by the agency from a
published standard with its source; each candidate's measured value per item."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit


class PhysicalStandard(models.Model):
    announcement = models.OneToOneField(
        "recruitment.Announcement", on_delete=models.PROTECT, related_name="physical_standard"
    )
    source = models.CharField(_("source document"), max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("physical test standard")
        verbose_name_plural = _("physical test standards")

    def __str__(self):
        return f"{self.announcement} · {self.source}"


class PhysicalMark(models.Model):
    """One item's pass mark for one sex and age band. `lower_is_better`: a run's time; else a distance."""

    standard = models.ForeignKey(
        PhysicalStandard, on_delete=models.CASCADE, related_name="marks", db_index=False
    )  # indexed by physical_mark_once
    item = models.CharField(_("item"), max_length=40)
    unit = models.CharField(_("unit"), max_length=10)
    lower_is_better = models.BooleanField(_("lower is better"))
    sex = models.CharField(_("sex"), max_length=6)
    age_from = models.PositiveSmallIntegerField(_("from age"))
    age_to = models.PositiveSmallIntegerField(_("to age"))
    pass_mark = models.DecimalField(_("pass mark"), max_digits=7, decimal_places=2)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("pass mark")
        verbose_name_plural = _("pass marks")
        ordering = ["item", "sex", "age_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "item", "sex", "age_from"], name="physical_mark_once"
            ),
            models.CheckConstraint(condition=Q(age_to__gte=F("age_from")), name="physical_mark_band"),
        ]

    def __str__(self):
        return f"{self.item} {self.sex} {self.age_from}-{self.age_to}: {self.pass_mark}{self.unit}"


class PhysicalItemResult(models.Model):
    application = models.ForeignKey(
        "recruitment.Application", on_delete=models.CASCADE, related_name="physical_items", db_index=False
    )  # indexed by physical_item_once
    item = models.CharField(_("item"), max_length=40)
    value = models.DecimalField(_("measured"), max_digits=7, decimal_places=2)
    pass_mark = models.DecimalField(_("pass mark"), max_digits=7, decimal_places=2)
    passed = models.BooleanField(_("passed"))
    tested_on = models.DateField(_("tested on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("physical test item result")
        verbose_name_plural = _("physical test item results")
        constraints = [models.UniqueConstraint(fields=["application", "item"], name="physical_item_once")]

    def __str__(self):
        return f"{self.application} · {self.item} {self.value}"
