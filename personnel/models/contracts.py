"""Labour contracts and the deadline notices they raise (expiry, end of probation)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit


class ContractKind(models.TextChoices):
    EMPLOYMENT = "employment", _("Labour contract (employment)")
    LABOUR_DISPATCH = "labour_dispatch", _("Labour dispatch")


class TermType(models.TextChoices):
    """劳动合同期限 (劳动合同法 第十二条): contracts for a task are not used for auxiliaries."""

    FIXED = "fixed", _("Fixed term")
    OPEN_ENDED = "open_ended", _("Open-ended")


class DispatchPost(models.TextChoices):
    """The only posts dispatched workers may fill (劳动合同法 第六十六条)."""

    TEMPORARY = "temporary", _("Temporary post (lasting at most six months)")
    AUXILIARY = "auxiliary", _("Auxiliary post (serving the main posts)")
    SUBSTITUTE = "substitute", _("Substitute post (standing in for someone away)")


class ContractStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RENEWED = "renewed", _("Renewed")
    TERMINATED = "terminated", _("Terminated")
    EXPIRED = "expired", _("Expired")


class LaborContract(models.Model):
    """劳动合同. A renewal is a new contract pointing at the one it renews; the chain is the history."""

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer",
        verbose_name=_("auxiliary officer"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    # Sichuan art 22 lets an entrusted body sign while the police organ stays responsible: record both.
    responsible_agency = models.ForeignKey(
        "core.Agency", verbose_name=_("responsible police organ"), on_delete=models.PROTECT, related_name="+"
    )
    employer_name = models.CharField(_("employer of record"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ContractKind.choices, default=ContractKind.EMPLOYMENT
    )
    term_type = models.CharField(_("term"), max_length=12, choices=TermType.choices, default=TermType.FIXED)
    # What the person asked for when the contract was concluded or renewed: art 14 makes an open-ended
    # contract owed in some cases "除劳动者提出订立固定期限劳动合同外", so the request is evidence.
    requested_term = models.CharField(
        _("term the person asked for"), max_length=12, choices=TermType.choices, blank=True
    )
    # Art 14(2)(3): the person has an art 39 or art 40(1)/(2) ground, so two fixed terms owe nothing more.
    open_ended_exception = models.CharField(
        _("why no open-ended contract is owed"), max_length=200, blank=True
    )
    dispatch_post = models.CharField(
        _("dispatched to a post that is"), max_length=12, choices=DispatchPost.choices, blank=True
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    probation_ends_on = models.DateField(_("probation ends on"), null=True, blank=True)
    stated_items = models.JSONField(_("contents stated"), default=list, blank=True)
    contract_grounds = models.JSONField(
        _("termination grounds stated in the contract"), default=list, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    renews = models.OneToOneField(
        "self",
        verbose_name=_("renews"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewed_by",
    )
    renewal_basis = models.CharField(_("basis for renewal"), max_length=200, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_ground = models.CharField(_("termination ground"), max_length=60, blank=True)
    termination_citation = models.CharField(_("termination citation"), max_length=60, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("labour contract")
        verbose_name_plural = _("labour contracts")
        indexes = [
            models.Index(fields=["status", "ends_on"], name="contract_status_end_idx"),
            models.Index(fields=["status", "probation_ends_on"], name="contract_status_probation_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"], condition=Q(status="active"), name="contract_one_active"
            ),
            models.CheckConstraint(
                condition=Q(term_type="fixed", ends_on__isnull=False, ends_on__gt=F("starts_on"))
                | Q(term_type="open_ended", ends_on__isnull=True),
                name="contract_term_matches_end",
            ),
            models.CheckConstraint(
                condition=Q(probation_ends_on__isnull=True)
                | (
                    Q(probation_ends_on__gt=F("starts_on"))
                    & (Q(ends_on__isnull=True) | Q(probation_ends_on__lte=F("ends_on")))
                ),
                name="contract_probation_within_term",
            ),
            models.CheckConstraint(
                condition=Q(kind="labour_dispatch") | Q(dispatch_post=""), name="contract_dispatch_post_only"
            ),
        ]

    def __str__(self):
        return f"{self.officer} {self.starts_on}–{self.ends_on or _('open-ended')}"


class NoticeKind(models.TextChoices):
    CONTRACT_EXPIRY = "contract_expiry", _("Contract expiry")
    PROBATION_END = "probation_end", _("Probation ends")


class DeadlineNotice(models.Model):
    """One notice per contract, kind, due date and lead time: the unique key makes every scan idempotent.
    A send log, not a business record: it keeps no history of its own."""

    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    contract = models.ForeignKey(LaborContract, on_delete=models.CASCADE, related_name="notices")
    due_on = models.DateField(_("due on"))
    lead_days = models.PositiveSmallIntegerField(_("days before"))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("deadline notice")
        verbose_name_plural = _("deadline notices")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "contract", "due_on", "lead_days"], name="deadline_notice_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["sent_at"], name="deadline_notice_unsent_idx", condition=Q(sent_at__isnull=True)
            )
        ]

    def __str__(self):
        return f"{self.contract} · {self.kind} {self.due_on}"
