"""Forms for announcements, the portal and the stages. They only parse input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from auxpolice.core.models import Category, Education
from auxpolice.core.widgets import IsoDateInput, IsoDateTimeInput
from auxpolice.rules.evaluators.eligibility import EDUCATION_ZH

from . import stages
from .models import RelationKind, VacancyReason
from .statuses import RELAXATION_GROUPS, STATUS_CHOICES

OPTIONAL_EDUCATION = [("", "—"), *Education.choices]


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    body = forms.CharField(label=_("Announcement text"), widget=forms.Textarea(attrs={"rows": 8}))
    exam_arrangements = forms.CharField(
        label=_("Exam arrangements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    registration_opens = forms.DateTimeField(label=_("Registration opens"), widget=IsoDateTimeInput())
    registration_closes = forms.DateTimeField(label=_("Registration closes"), widget=IsoDateTimeInput())
    simplify = forms.MultipleChoiceField(
        label=_("Stages to leave out (needs the agreement the rules ask for)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    simplification_basis = forms.CharField(
        label=_("Agreement for the simplification (body, document number)"), required=False, max_length=200
    )
    relaxation_what = forms.ChoiceField(
        label=_("Relaxation stated: what"),
        required=False,
        choices=[("", "—"), ("age", _("Age")), ("education", _("Education"))],
    )
    relaxation_group = forms.ChoiceField(
        label=_("Relaxation: group or post, as the rules name it"),
        required=False,
        choices=[("", "—"), *RELAXATION_GROUPS.items()],
    )
    relaxation_max_age = forms.IntegerField(
        label=_("Relaxed maximum age"), required=False, min_value=18, max_value=60
    )
    relaxation_min_education = forms.ChoiceField(
        label=_("Relaxed minimum education"), required=False, choices=OPTIONAL_EDUCATION
    )
    government_approval = forms.BooleanField(
        label=_("The relaxation has the government approval the rules require"), required=False
    )

    def __init__(self, *args, stage_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["simplify"].choices = [(s, stages.label(s)) for s in stage_choices]

    def announcement(self, positions: list[dict]) -> dict:
        """The arguments of announcements.announcement_create, from this form and the positions' rows."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "exam_arrangements": data["exam_arrangements"],
            "registration_opens": data["registration_opens"],
            "registration_closes": data["registration_closes"],
            "positions": [p for p in positions if p],
            "relaxations": self.relaxations(),
            "simplify": tuple(data["simplify"]),
            "simplification_basis": data["simplification_basis"],
            "approvals": ("league_city_government",) if data["government_approval"] else (),
        }

    def relaxations(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("relaxation_what"):
            return []
        return [
            {
                "what": data["relaxation_what"],
                "group": data["relaxation_group"].strip(),
                "max_age": data.get("relaxation_max_age"),
                "min_education": data.get("relaxation_min_education"),
            }
        ]


class PositionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Position"), max_length=80)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    places = forms.IntegerField(label=_("Places"), min_value=1)
    max_age = forms.IntegerField(label=_("Maximum age"), required=False, min_value=18, max_value=60)
    min_education = forms.ChoiceField(
        label=_("Minimum education"), required=False, choices=OPTIONAL_EDUCATION
    )
    major = forms.CharField(label=_("Major"), required=False, max_length=120)
    other_conditions = forms.CharField(label=_("Other conditions"), required=False, max_length=500)


PositionFormSet = forms.formset_factory(PositionForm, extra=3, min_num=1, validate_min=True)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class RevisionForm(forms.Form):
    note = forms.CharField(label=_("What changed and why"), widget=forms.Textarea(attrs={"rows": 2}))
    exam_arrangements = forms.CharField(
        label=_("Exam arrangements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    registration_closes = forms.DateTimeField(label=_("Registration closes"), widget=IsoDateTimeInput())


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=60)
    id_number = forms.CharField(
        label=_("Resident ID number"),
        max_length=18,
        help_text=_("Your date of birth and sex are read from it."),
    )
    phone = forms.CharField(label=_("Mobile phone"), max_length=20)
    email = forms.EmailField(label=_("Email"), required=False)
    education = forms.ChoiceField(label=_("Highest education"), choices=Education.choices)
    school = forms.CharField(label=_("School"), required=False, max_length=120)
    major = forms.CharField(label=_("Major"), required=False, max_length=120)
    graduated_on = forms.DateField(label=_("Graduated on"), required=False, widget=IsoDateInput())
    statuses = forms.MultipleChoiceField(
        label=_("Special statuses"),
        required=False,
        choices=STATUS_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )


class EducationForm(forms.Form):
    """Shown on the profile page beside the profile form: its own element ids, so labels stay unique."""

    level = forms.ChoiceField(label=_("Education level"), choices=Education.choices)
    school = forms.CharField(label=_("School"), max_length=120)
    major = forms.CharField(label=_("Major"), required=False, max_length=120)
    started_on = forms.DateField(label=_("Started on"), widget=IsoDateInput())
    graduated_on = forms.DateField(label=_("Graduated on"), required=False, widget=IsoDateInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "education_%s")
        super().__init__(*args, **kwargs)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"),
        choices=[
            ("photo", _("Photo")),
            ("id_card", _("ID card")),
            ("diploma", _("Diploma")),
            ("certificate", _("Certificate")),
        ],
    )
    file = forms.FileField(label=_("File (JPEG, PNG or PDF; photo at most 2 MB, others 5 MB)"))


class DeclarationForm(forms.Form):
    """One yes/no question per disqualification of the jurisdiction, each shown with its article."""

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[item["code"]] = forms.TypedChoiceField(
                label=item["text"],
                help_text=item["label"],
                widget=forms.RadioSelect,
                choices=[("no", _("Does not apply to me")), ("yes", _("Applies to me"))],
                coerce=lambda v: v == "yes",
            )
        self.fields["relatives"] = forms.CharField(
            label=_("Relatives working in the recruiting police organ"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2, "placeholder": "张伟，父子"}),
            help_text=_(
                "One per line: the name and the relationship (spouse, parents and children, siblings, close "
                "in-laws and the like). Staff related to you will not handle your application."
            ),
        )
        self.fields["truthful"] = forms.BooleanField(
            label=_(
                "I declare that the information I give is true and complete, and accept that false "
                "statements "
                "void my application."
            )
        )

    def answers(self) -> dict:
        answers = {item["code"]: self.cleaned_data[item["code"]] for item in self.items}
        lines = [line.strip() for line in self.cleaned_data.get("relatives", "").splitlines() if line.strip()]
        return answers | ({"relatives": lines} if lines else {})


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("pass", _("Qualified")),
            ("return", _("Return for correction")),
            ("reject", _("Not qualified")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason the applicant will read"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    citations = forms.MultipleChoiceField(label=_("Articles"), required=False)

    def __init__(self, *args, citation_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["citations"].choices = citation_choices


class BatchReviewForm(forms.Form):
    """The selected applications of the list, passed or returned in one action with one reason."""

    decision = forms.ChoiceField(
        label=_("Decision for the selected"),
        choices=[("pass", _("Qualified")), ("return", _("Return for correction"))],
    )
    reason = forms.CharField(
        label=_("Reason the applicants will read (when returning)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MessageForm(forms.Form):
    """A message from the recruiting office to the selected applicants."""

    subject = forms.CharField(label=_("Subject"), max_length=60)
    text = forms.CharField(label=_("Message"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ResultForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Result"), choices=[("pass", _("Pass")), ("fail", _("Fail")), ("absent", _("Absent"))]
    )
    detail = forms.CharField(
        label=_("Findings (kept encrypted; seen only by permitted staff)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScoreImportForm(forms.Form):
    workbook = forms.FileField(
        label=_("Workbook (.xlsx): admission ticket number, score"), help_text=_("At most 10 MB.")
    )


class ResultImportForm(forms.Form):
    workbook = forms.FileField(
        label=_("Workbook (.xlsx): admission ticket number, result, finding"), help_text=_("At most 10 MB.")
    )


class PublicityForm(forms.Form):
    starts_on = forms.DateField(label=_("Publicity starts"), widget=IsoDateInput())


class ReleaseForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"))
    release_at = forms.DateTimeField(label=_("Released to the applicants at"), widget=IsoDateTimeInput())
    publish_ranks = forms.BooleanField(
        label=_("Show each applicant their rank in the position"), required=False
    )

    def __init__(self, *args, stage_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = list(stage_choices)


class ObjectionForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=IsoDateInput())
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionResolveForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "yes",
        choices=[("no", _("Dismissed: not substantiated")), ("yes", _("Upheld: do not hire"))],
    )
    resolution = forms.CharField(label=_("Findings and decision"), widget=forms.Textarea(attrs={"rows": 2}))


class HireForm(forms.Form):
    hired_on = forms.DateField(label=_("Hired on"), widget=IsoDateInput())
    contract_ends_on = forms.DateField(label=_("Contract ends on"), widget=IsoDateInput())
    probation_ends_on = forms.DateField(label=_("Probation ends on"), widget=IsoDateInput(), required=False)
    stated_items = forms.MultipleChoiceField(
        label=_("The contract states"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, item_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stated_items"].choices = item_choices
        self.fields["stated_items"].initial = [code for code, _label in item_choices]


class WithdrawalForm(forms.Form):
    reason = forms.CharField(label=_("How the applicant withdrew"), max_length=200)


EDUCATION_LABELS = EDUCATION_ZH


class RankForm(forms.Form):
    position = forms.ModelChoiceField(
        label=_("Position"), queryset=None, to_field_name="code", empty_label=None
    )

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions
        self.fields["position"].label_from_instance = lambda p: f"{p.code} {p.title}"


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Relationship"), choices=RelationKind.choices)
    full_name = forms.CharField(label=_("Full name"), max_length=60)
    id_number = forms.CharField(
        label=_("Resident ID number"),
        max_length=20,
        required=False,
        help_text=_("Or the date of birth below."),
    )
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=IsoDateInput())
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class RoomForm(forms.Form):
    site = forms.CharField(label=_("Exam site"), max_length=100)
    address = forms.CharField(label=_("Address"), max_length=200)
    code = forms.CharField(label=_("Room number"), max_length=3, help_text=_("Three digits, e.g. 001."))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=99)


class SessionForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"))
    name = forms.CharField(label=_("Session"), max_length=60)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=IsoDateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=IsoDateTimeInput())

    def __init__(self, *args, stage_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = list(stage_choices)


class SeatDrawForm(forms.Form):
    seed = forms.CharField(
        label=_("Seed"),
        max_length=32,
        required=False,
        help_text=_("Leave empty for a new random seed; enter a recorded seed to reproduce a draw."),
    )


class CallNextForm(forms.Form):
    expected = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    reason = forms.ChoiceField(label=_("Why the place is free"), choices=VacancyReason.choices)


class PhysicalStandardForm(forms.Form):
    source = forms.CharField(label=_("Source document"), max_length=200)
    marks = forms.CharField(
        label=_("Pass marks"),
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "1000米跑, 秒, 低, 男, 18-29, …"}),
        help_text=_(
            "One per line: item, unit, 低 (lower is better) or 高, 男 or 女, age from-to, pass mark."
        ),
    )


class PhysicalResultForm(forms.Form):
    """One field per item of the announcement's standard (for the candidate's sex), and the test day."""

    tested_on = forms.DateField(label=_("Tested on"), widget=IsoDateInput())

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for index, (item, unit) in enumerate(self.items):
            self.fields[f"item_{index}"] = forms.DecimalField(
                label=f"{item}（{unit}）", max_digits=7, decimal_places=2, min_value=0
            )

    def values(self) -> dict:
        return {item: self.cleaned_data[f"item_{i}"] for i, (item, _unit) in enumerate(self.items)}
