from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from auxpolice.core.widgets import IsoDateInput


def this_year() -> int:
    return timezone.localdate().year


class QuotaRequestForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100, initial=this_year)
    total = forms.IntegerField(label=_("Places"), min_value=0)
    civilian = forms.IntegerField(
        label=_("of which civilian"),
        min_value=0,
        required=False,
        help_text=_("Leave both empty to approve places without a category split."),
    )
    service = forms.IntegerField(label=_("of which service"), min_value=0, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100, initial=this_year)
    title = forms.CharField(label=_("Title"), max_length=120)
    civilian_places = forms.IntegerField(label=_("Civilian places"), min_value=0, initial=0)
    service_places = forms.IntegerField(label=_("Service places"), min_value=0, initial=0)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class StepDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))]
    )
    note = forms.CharField(
        label=_("Note or reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    approving_body = forms.CharField(label=_("Approving body"), max_length=100, required=False)
    document_number = forms.CharField(label=_("Document number (文号)"), max_length=60, required=False)
    document_date = forms.DateField(label=_("Document date"), required=False, widget=IsoDateInput())
    scan = forms.FileField(label=_("Scan"), required=False, help_text=_("PDF, JPEG or PNG, at most 10 MB."))


class RedistributionForm(forms.Form):
    source = forms.ModelChoiceField(label=_("From quota"), queryset=None)
    target = forms.ModelChoiceField(label=_("To quota"), queryset=None)
    places = forms.IntegerField(label=_("Places"), min_value=1)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("(not split)")), ("civilian", _("Civilian")), ("service", _("Service"))],
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, quotas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = quotas
        self.fields["target"].queryset = quotas
