"""Forms for the assessment pages: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from auxpolice.core.agency_field import AgencyChoiceField
from auxpolice.core.widgets import IsoDateInput

from .models import ConsequenceKind, TierChange


class CycleOpenForm(forms.Form):
    agency = AgencyChoiceField(label=_("Agency (its whole subtree is assessed)"), queryset=None)
    year = forms.IntegerField(label=_("Year assessed"), min_value=2000, max_value=2100)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ScoreForm(forms.Form):
    assessor_name = forms.CharField(label=_("Supervising police officer (assessor)"), max_length=60)
    grade = forms.ChoiceField(label=_("Grade"))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(grade, grade) for grade in scheme["grades"]]
        for dimension in scheme["dimensions"]:
            self.fields[f"score_{dimension['code']}"] = forms.IntegerField(
                label=dimension["label"], min_value=0, max_value=100
            )
        # Scores first, in the text's order, then the grade.
        order = [f"score_{d['code']}" for d in scheme["dimensions"]] + ["grade", "assessor_name", "comment"]
        self.order_fields(order)

    def scores(self) -> dict:
        return {
            name.removeprefix("score_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("score_")
        }


class AppealForm(forms.Form):
    filed_on = forms.DateField(label=_("Filed on"), widget=IsoDateInput())
    reasons = forms.CharField(label=_("Reasons given"), widget=forms.Textarea(attrs={"rows": 3}))


class AppealDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Uphold: change the grade")), ("0", _("Reject: the grade stands"))],
    )
    new_grade = forms.ChoiceField(label=_("New grade (if upheld)"), required=False)
    reasons = forms.CharField(label=_("Reasons for the decision"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_grade"].choices = [("", "—"), *[(grade, grade) for grade in scheme["grades"]]]


class ConfirmForm(forms.Form):
    effective_on = forms.DateField(label=_("Takes effect on"), widget=IsoDateInput())
    kind = forms.ChoiceField(
        label=_("Use of the result"),
        required=False,
        choices=[("", _("Every kind")), *ConsequenceKind.choices],
    )


class TierForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("How"),
        choices=[
            (TierChange.Mode.INITIAL, TierChange.Mode.INITIAL.label),
            (TierChange.Mode.BY_SELECTION, TierChange.Mode.BY_SELECTION.label),
        ],
    )
    to_tier = forms.ChoiceField(label=_("Tier"))
    basis = forms.CharField(label=_("Basis (decision and document number)"), max_length=160)
    effective_on = forms.DateField(label=_("Takes effect on"), widget=IsoDateInput())

    def __init__(self, *args, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_tier"].choices = [(tier, tier) for tier in tiers]


class BulkConfirmForm(forms.Form):
    """A bulk action confirmed for the number of records the officer saw on the page."""

    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm = forms.BooleanField(label=_("I have checked the list and confirm"))
