from django import forms
from django.utils.translation import gettext_lazy as _

from auxpolice.core.models import Education
from auxpolice.core.widgets import IsoDateInput
from auxpolice.rules.evaluators.working_life import CONTRACT_ITEM_ZH

from .models import ContractKind


class ContractSignForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContractKind.choices)
    employer_name = forms.CharField(
        label=_("Employer of record"),
        max_length=100,
        required=False,
        help_text=_("Leave empty when the police organ itself signs."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=IsoDateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=IsoDateInput())
    probation_ends_on = forms.DateField(label=_("Probation ends on"), widget=IsoDateInput(), required=False)
    stated_items = forms.MultipleChoiceField(
        label=_("The contract states"),
        required=False,
        choices=list(CONTRACT_ITEM_ZH.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    contract_grounds = forms.CharField(
        label=_("Termination grounds stated in the contract"),
        required=False,
        help_text=_("Codes separated by commas."),
    )

    def clean_contract_grounds(self):
        text = self.cleaned_data["contract_grounds"].replace("，", ",")
        return tuple(item.strip() for item in text.split(",") if item.strip())


class ContractRenewForm(forms.Form):
    ends_on = forms.DateField(label=_("New contract ends on"), widget=IsoDateInput())
    basis = forms.CharField(
        label=_("Basis for renewal"), max_length=200, help_text=_("The latest annual assessment result.")
    )


class ContractTerminateForm(forms.Form):
    ground = forms.CharField(label=_("Termination ground"), max_length=60)
    on = forms.DateField(label=_("Terminated on"), widget=IsoDateInput())

    def __init__(self, *args, grounds: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if grounds:
            # Offer the grounds the rules allow; the service still checks whatever arrives.
            self.fields["ground"] = forms.ChoiceField(label=_("Termination ground"), choices=list(grounds))


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    workbook = forms.FileField(label=_("Workbook (.xlsx)"), help_text=_("At most 10 MB."))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class StatisticsForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency and its subordinates"), queryset=None, required=False)
    on = forms.DateField(label=_("In post on"), required=False, widget=IsoDateInput())
    since = forms.DateField(label=_("Movements from"), required=False, widget=IsoDateInput())
    until = forms.DateField(label=_("to"), required=False, widget=IsoDateInput())

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class DetailsForm(forms.Form):
    post = forms.CharField(label=_("Post"), max_length=60, required=False)
    badge_number = forms.CharField(label=_("Work ID number"), max_length=30, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
    education = forms.ChoiceField(
        label=_("Highest education"), required=False, choices=[("", "—"), *Education.choices]
    )
    emergency_contact = forms.CharField(label=_("Family contact"), max_length=60, required=False)
    emergency_phone = forms.CharField(label=_("Family contact phone"), max_length=20, required=False)
    photo = forms.FileField(label=_("Photo (JPEG or PNG, at most 2 MB)"), required=False)
