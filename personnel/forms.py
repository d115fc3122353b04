from django import forms
from django.utils.translation import gettext_lazy as _

from auxpolice.core.agency_field import AgencyChoiceField
from auxpolice.core.models import Education
from auxpolice.core.widgets import IsoDateInput
from auxpolice.rules.evaluators.working_life import CONTRACT_ITEM_ZH

from .models import ContractKind, DispatchPost, TermType

REQUESTED_TERM = [
    ("", _("Not stated")),
    (TermType.FIXED, _("The person asked for a fixed term")),
    (TermType.OPEN_ENDED, _("The person asked for an open-ended contract")),
]


class _TermFields(forms.Form):
    term_type = forms.ChoiceField(
        label=_("Term"), choices=TermType.choices, initial=TermType.FIXED, widget=forms.RadioSelect
    )
    requested_term = forms.ChoiceField(
        label=_("What the person asked for"),
        choices=REQUESTED_TERM,
        required=False,
        help_text=_(
            "Record it: where an open-ended contract is owed, only the person's own request allows "
            "a fixed term (Labour Contract Law art 14)."
        ),
    )


class ContractSignForm(_TermFields):
    field_order = ["kind", "dispatch_post", "term_type", "requested_term"]
    kind = forms.ChoiceField(label=_("Kind"), choices=ContractKind.choices)
    dispatch_post = forms.ChoiceField(
        label=_("Dispatched to a post that is"),
        choices=[("", "—"), *DispatchPost.choices],
        required=False,
        help_text=_("Labour dispatch only: Labour Contract Law art 66."),
    )
    employer_name = forms.CharField(
        label=_("Employer of record"),
        max_length=100,
        required=False,
        help_text=_("Leave empty when the police organ itself signs."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=IsoDateInput())
    ends_on = forms.DateField(
        label=_("Ends on"),
        widget=IsoDateInput(),
        required=False,
        help_text=_("Empty for an open-ended contract."),
    )
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


class ContractRenewForm(_TermFields):
    ends_on = forms.DateField(
        label=_("New contract ends on"),
        widget=IsoDateInput(),
        required=False,
        help_text=_("Empty for an open-ended contract."),
    )
    open_ended_exception = forms.CharField(
        label=_("Why no open-ended contract is owed after two fixed terms"),
        max_length=200,
        required=False,
        help_text=_(
            "Only where the person has a ground under art 39 or art 40(1)/(2) of the Labour Contract "
            "Law: state it."
        ),
    )
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
    agency = AgencyChoiceField(label=_("Agency"), queryset=None)
    workbook = forms.FileField(label=_("Workbook (.xlsx)"), help_text=_("At most 10 MB."))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class StatisticsForm(forms.Form):
    agency = AgencyChoiceField(label=_("Agency and its subordinates"), queryset=None, required=False)
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
