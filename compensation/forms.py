"""Forms for the pay pages: they parse input; the services decide."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from auxpolice.core.agency_field import AgencyChoiceField
from auxpolice.core.widgets import IsoDateInput, IsoMonthInput

from .models import ContributionScheme, Overtime, PayStatistic, SpecialDeduction
from .services.scales import ScaleInput


def _money(label, required=True):
    return forms.DecimalField(label=label, required=required, min_value=0, max_digits=12, decimal_places=2)


class AgencyForm(forms.Form):
    agency = AgencyChoiceField(label=_("Agency"), queryset=None)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class StatisticForm(AgencyForm):
    kind = forms.ChoiceField(label=_("Statistic"), choices=PayStatistic.Kind.choices)
    year = forms.IntegerField(label=_("Year it measures"), min_value=2000, max_value=2100)
    amount = _money(_("Amount (yuan): per month for the monthly wages, else per year"))
    source = forms.CharField(label=_("Source"), max_length=200)


class ScaleForm(forms.Form):
    effective_from = forms.DateField(label=_("In force from"), widget=IsoDateInput())
    base_monthly = _money(_("Base pay per month"))
    posts = forms.CharField(
        label=_("Post allowances: one per line, “post, amount[, hazardous]”"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "巡逻防控, 300, 危险"}),
    )

    def __init__(self, *args, tiers=(), grades=(), **kwargs):
        super().__init__(*args, **kwargs)
        for index, tier in enumerate(tiers):
            self.fields[f"tier_{index}"] = _money(_("Tier pay per month: %(tier)s") % {"tier": tier})
        for index, grade in enumerate(grades):
            self.fields[f"grade_{index}"] = _money(
                _("Performance pay per month: %(grade)s") % {"grade": grade}, required=False
            )
        self.tiers, self.grades = list(tiers), list(grades)

    def clean_posts(self):
        posts = {}
        for number, line in enumerate(self.cleaned_data["posts"].splitlines(), 1):
            parts = [part.strip() for part in line.replace("，", ",").split(",") if part.strip()]
            if not parts:
                continue
            try:
                amount = Decimal(parts[1])
            except (IndexError, InvalidOperation):
                raise forms.ValidationError(
                    _("Line %(n)s: write “post, amount[, hazardous]”.") % {"n": number}
                ) from None
            posts[parts[0]] = (amount, len(parts) > 2 and parts[2] in {"危险", "hazardous", "是", "1", "yes"})
        return posts

    def scale(self) -> ScaleInput:
        data = self.cleaned_data
        return ScaleInput(
            data["effective_from"],
            data["base_monthly"],
            {tier: data[f"tier_{i}"] for i, tier in enumerate(self.tiers)},
            data["posts"],
            {
                grade: data[f"grade_{i}"]
                for i, grade in enumerate(self.grades)
                if data.get(f"grade_{i}") is not None
            },
        )


class ApproveScaleForm(forms.Form):
    approval_reference = forms.CharField(
        label=_("Approval by the body the text names (document number)"), max_length=200, required=False
    )


class SchemeForm(AgencyForm):
    effective_from = forms.DateField(label=_("In force from"), widget=IsoDateInput())
    base_minimum = _money(_("Lowest contribution base"))
    base_maximum = _money(_("Highest contribution base"))
    basis = forms.CharField(label=_("Basis (local notice)"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in ContributionScheme.RATE_FIELDS:
            self.fields[field] = forms.DecimalField(
                label=ContributionScheme._meta.get_field(field).verbose_name,
                min_value=0,
                max_value=Decimal("0.5"),
                decimal_places=4,
                initial=Decimal(0),
                help_text=_("a fraction: 0.08 is 8%"),
            )


class PolicyForm(AgencyForm):
    insurer = forms.CharField(label=_("Insurer"), max_length=100)
    policy_number = forms.CharField(label=_("Policy number"), max_length=60)
    starts_on = forms.DateField(label=_("From"), widget=IsoDateInput())
    ends_on = forms.DateField(label=_("Until"), widget=IsoDateInput())


class RunForm(AgencyForm):
    month = forms.DateField(label=_("Month"), widget=IsoMonthInput(), input_formats=["%Y-%m", "%Y-%m-%d"])


class OvertimeForm(forms.Form):
    month = forms.DateField(label=_("Month"), widget=IsoMonthInput(), input_formats=["%Y-%m", "%Y-%m-%d"])
    day_kind = forms.ChoiceField(label=_("Days worked"), choices=Overtime.DayKind.choices)
    hours = forms.DecimalField(label=_("Hours"), min_value=Decimal("0.5"), max_value=200, decimal_places=1)
    settlement = forms.ChoiceField(label=_("Settled by"), choices=Overtime.Settlement.choices)


class SpecialDeductionForm(forms.Form):
    """One month's cumulative amounts as the withholding client shows them for the person."""

    month = forms.DateField(label=_("Month"), widget=IsoMonthInput(), input_formats=["%Y-%m", "%Y-%m-%d"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field, _column in SpecialDeduction.KINDS:
            label = SpecialDeduction._meta.get_field(field).verbose_name
            self.fields[field] = _money(_("%(kind)s, cumulative (yuan)") % {"kind": label}, required=False)


class SpecialDeductionImportForm(AgencyForm):
    month = forms.DateField(label=_("Month"), widget=IsoMonthInput(), input_formats=["%Y-%m", "%Y-%m-%d"])
    workbook = forms.FileField(
        label=_("Workbook (.xlsx) exported from the withholding client, or the template filled in"),
        help_text=_("At most 10 MB."),
    )


class BankAccountForm(forms.Form):
    bank_name = forms.CharField(label=_("Bank"), max_length=60)
    account_number = forms.CharField(label=_("Account number"), max_length=40)


class PayrollApproveForm(forms.Form):
    """Approving and locking a payroll, confirmed for the people and net total the approver saw."""

    expected_people = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    expected_net = forms.DecimalField(widget=forms.HiddenInput, decimal_places=2, max_digits=16)
    confirm = forms.BooleanField(
        label=_("I have checked the payroll; lock it (it cannot be changed afterwards)")
    )
