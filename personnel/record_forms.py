"""Forms for the day-to-day records. They parse input; the services in duties, items, separation and
conduct decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from auxpolice.core.agency_field import AgencyChoiceField
from auxpolice.core.widgets import IsoDateInput

from .models import (
    Complaint,
    DayCount,
    LeaveKind,
    SeparationKind,
    SeveranceGround,
    TrainingKind,
    TrainingResult,
)
from .services.items import ITEM_ZH


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=IsoDateInput())


class DutyForm(forms.Form):
    duty = forms.ChoiceField(label=_("Duty"))
    detail = forms.CharField(
        label=_("Concrete work and its basis (required for “other”)"), required=False, max_length=200
    )
    qualification = forms.TypedChoiceField(
        label=_("Qualification relied on"), required=False, coerce=int, empty_value=None
    )
    starts_on = _date(_("From"))

    def __init__(self, *args, catalogue=(), qualifications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duty"].choices = [
            (item.code, f"{item.summary_zh}（{item.citation.label_zh}）") for item in catalogue
        ]
        self.fields["qualification"].choices = [("", "—"), *[(q.pk, str(q)) for q in qualifications]]


class QualificationForm(forms.Form):
    kind = forms.CharField(label=_("Qualification"), max_length=80)
    number = forms.CharField(label=_("Certificate number"), required=False, max_length=60)
    issuer = forms.CharField(label=_("Issued by"), required=False, max_length=80)
    issued_on = _date(_("Issued on"))
    expires_on = _date(_("Expires on"), required=False)


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"))
    title = forms.CharField(label=_("Course"), max_length=120, required=False)
    started_on = _date(_("Started on"))
    ended_on = _date(_("Ended on"), required=False)
    result = forms.ChoiceField(label=_("Result"), choices=TrainingResult.choices)
    score = forms.DecimalField(
        label=_("Exam score"), required=False, max_digits=5, decimal_places=2, min_value=0
    )
    next_due_on = _date(_("Next training due"), required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, TrainingKind(k).label) for k in kinds]


class ItemForm(forms.Form):
    # Weapons are never issued; "equipment" is only a checklist word (Hangzhou art 17).
    item = forms.ChoiceField(
        label=_("Item"), choices=[(k, v) for k, v in ITEM_ZH.items() if k not in ("weapon", "equipment")]
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=120)
    serial_number = forms.CharField(label=_("Number"), required=False, max_length=60)
    issued_on = _date(_("Issued on"))


class ItemCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("returned", _("Returned")),
            ("revoked", _("Revoked (work ID)")),
            ("lost", _("Lost (written up)")),
        ],
    )
    on = _date(_("Date"))
    loss_report = forms.CharField(
        label=_("Loss write-up"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EndForm(forms.Form):
    on = _date(_("Date"))


class HealthCheckForm(forms.Form):
    checked_on = _date(_("Checked on"))
    fit_for_duty = forms.BooleanField(label=_("Fit for duty"), required=False)
    findings = forms.CharField(
        label=_("Findings (encrypted; restricted)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_due_on = _date(_("Next check due"), required=False)


class InjuryForm(forms.Form):
    occurred_on = _date(_("Occurred on"))
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 2}))
    recognised = forms.BooleanField(label=_("Recognised as a work injury"), required=False)


class RewardForm(forms.Form):
    title = forms.CharField(label=_("Commendation"), max_length=120)
    awarded_on = _date(_("Awarded on"))
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=80)


class ComplaintForm(forms.Form):
    received_on = _date(_("Received on"))
    complainant = forms.CharField(label=_("Complainant"), max_length=80)
    complainant_contact = forms.CharField(label=_("Complainant contact"), required=False, max_length=80)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))


class ComplaintDecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(Complaint.Outcome.UPHELD, _("Upheld")), (Complaint.Outcome.NOT_UPHELD, _("Not upheld"))],
    )
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 2}))
    defence = forms.CharField(
        label=_("The auxiliary's statement"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decided_on = _date(_("Decided on"))
    complainant_informed_on = _date(_("Complainant informed on"), required=False)


class SuspensionForm(forms.Form):
    starts_on = _date(_("From"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class RecusalForm(forms.Form):
    requested_on = _date(_("Requested on"))
    requested_by = forms.CharField(label=_("Requested by"), max_length=80)
    matter = forms.CharField(label=_("Case or matter"), max_length=120)
    ground = forms.CharField(label=_("Ground"), widget=forms.Textarea(attrs={"rows": 2}))


class RecusalDecideForm(forms.Form):
    granted = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Granted")), ("no", _("Refused"))],
    )
    decided_on = _date(_("Decided on"))


class DisciplineForm(forms.Form):
    decided_on = _date(_("Decided on"))
    measure = forms.CharField(label=_("Measure"), max_length=80)
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 2}))


class SeparationForm(forms.Form):
    kind = forms.ChoiceField(label=_("How the person leaves"), choices=SeparationKind.choices)
    leaves_on = _date(_("Leaves on"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    severance_ground = forms.ChoiceField(
        label=_("How the contract ends (severance)"),
        choices=SeveranceGround.choices,
        initial=SeveranceGround.NONE,
        help_text=_("Labour Contract Law art 46 decides whether severance is owed; art 47 how much."),
    )


class ConfirmForm(forms.Form):
    pass


class LeaveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=LeaveKind.choices)
    starts_on = _date(_("From"))
    ends_on = _date(_("Until"))
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
    statutory_extra_days = forms.IntegerField(
        label=_("Additional statutory days"),
        min_value=0,
        max_value=150,
        initial=0,
        required=False,
        help_text=_("Maternity leave: 15 for a difficult birth, 15 for each further baby."),
    )

    def clean_statutory_extra_days(self):
        return self.cleaned_data["statutory_extra_days"] or 0


class LeaveEntitlementForm(forms.Form):
    agency = AgencyChoiceField(label=_("Agency and its subordinates"), queryset=None)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k, label) for k, label in LeaveKind.choices if k not in ("annual", "personal")],
    )
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=999)
    counted_in = forms.ChoiceField(label=_("Counted in"), choices=DayCount.choices)
    effective_from = _date(_("In force from"))
    effective_until = forms.DateField(label=_("In force until"), required=False, widget=IsoDateInput())
    source = forms.CharField(
        label=_("Document and article"),
        max_length=200,
        help_text=_(
            "For example: the province's population and family planning regulation, article and date."
        ),
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class LeaveDecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"), coerce=lambda v: v == "yes", choices=[("yes", _("Approve")), ("no", _("Refuse"))]
    )
