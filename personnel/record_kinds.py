"""The day-to-day record types, each with its form, its service and its follow-up actions, so one set
of pages serves them all (per person, and across the user's subtree)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from auxpolice.rules.citations import cited_words

from . import record_forms as f
from .models import (
    Complaint,
    Discipline,
    DutyAssignment,
    HealthCheck,
    IssuedItem,
    LeaveRequest,
    Qualification,
    Recusal,
    Reward,
    Separation,
    Suspension,
    TrainingRecord,
    WorkInjury,
)
from .services import conduct, duties, items, leave, separation


@dataclass(frozen=True)
class Action:
    label: str
    form: type
    run: Callable  # (actor, record, cleaned_data)
    available: Callable = lambda record: True


@dataclass(frozen=True)
class RecordKind:
    slug: str
    title: str
    model: type
    columns: tuple  # (label, attribute)
    form: Callable  # (person, data) -> bound or unbound form
    create: Callable  # (actor, person, cleaned_data)
    actions: dict = field(default_factory=dict)
    restricted: tuple = ()  # attributes shown only with the grant
    grant: str = ""
    summary: Callable | None = None  # (person) -> [(label, value)] shown above the records


def _duty_form(person, data=None):
    today = timezone.localdate()
    return f.DutyForm(
        data,
        catalogue=duties.duty_catalogue(person, today),
        qualifications=person.qualifications.all(),
        initial={"starts_on": today},
    )


def _duty_create(actor, person, data):
    qualification = (
        person.qualifications.filter(pk=data["qualification"]).first() if data["qualification"] else None
    )
    return duties.duty_assign(
        actor=actor,
        officer=person,
        duty=data["duty"],
        starts_on=data["starts_on"],
        detail=data["detail"],
        qualification=qualification,
    )


def _training_form(person, data=None):
    return f.TrainingForm(data, kinds=duties.training_kinds(person.agency.jurisdiction, timezone.localdate()))


_duty_form.form_class = f.DutyForm  # type: ignore[attr-defined]
_training_form.form_class = f.TrainingForm  # type: ignore[attr-defined]


def _leave_summary(person):
    """The annual-leave balance of this year and the next, so the officer sees it before entering leave."""
    today = timezone.localdate()
    lines = []
    for year in (today.year, today.year + 1):
        balance = leave.annual_balance(person, year)
        lines.append(
            (
                _("Annual leave %(year)s") % {"year": year},
                _("%(left)s of %(entitled)s days left (%(article)s)")
                % {
                    "left": balance.left,
                    "entitled": balance.entitled,
                    "article": "、".join(c.label_zh for c in balance.citations),
                },
            )
        )
    return lines


def _plain(form_class):
    def make(person, data=None):
        return form_class(data)

    make.form_class = form_class  # type: ignore[attr-defined]  # the API describes its fields from it
    return make


KINDS = {
    kind.slug: kind
    for kind in [
        RecordKind(
            "duties",
            _("Duties"),
            DutyAssignment,
            (
                (_("Duty"), "summary"),
                (_("Concrete work"), "detail"),
                (_("Article"), "basis"),
                (_("From"), "starts_on"),
                (_("Until"), "ends_on"),
            ),
            _duty_form,
            _duty_create,
            {
                "end": Action(
                    _("End this duty"),
                    f.EndForm,
                    lambda actor, r, d: duties.duty_end(actor=actor, assignment=r, on=d["on"]),
                    lambda r: r.ends_on is None,
                )
            },
        ),
        RecordKind(
            "qualifications",
            _("Qualifications"),
            Qualification,
            (
                (_("Qualification"), "kind"),
                (_("Certificate number"), "number"),
                (_("Issued on"), "issued_on"),
                (_("Expires on"), "expires_on"),
            ),
            _plain(f.QualificationForm),
            lambda actor, p, d: duties.qualification_add(actor=actor, officer=p, **d),
        ),
        RecordKind(
            "training",
            _("Training"),
            TrainingRecord,
            (
                (_("Kind"), "get_kind_display"),
                (_("Course"), "title"),
                (_("Started on"), "started_on"),
                (_("Result"), "get_result_display"),
                (_("Exam score"), "score"),
                (_("Next training due"), "next_due_on"),
            ),
            _training_form,
            lambda actor, p, d: duties.training_record(actor=actor, officer=p, **d),
        ),
        RecordKind(
            "items",
            _("Issued items"),
            IssuedItem,
            (
                (_("Item"), "description"),
                (_("Number"), "serial_number"),
                (_("Issued on"), "issued_on"),
                (_("Status"), "get_status_display"),
                (_("Conditions of use"), "conditions"),
                (_("Article"), "basis"),
            ),
            _plain(f.ItemForm),
            lambda actor, p, d: items.item_issue(actor=actor, officer=p, **d),
            {
                "close": Action(
                    _("Returned, revoked or lost"),
                    f.ItemCloseForm,
                    lambda actor, r, d: items.item_close(actor=actor, item=r, **d),
                    lambda r: r.status == "issued" or (r.status == "returned" and r.item == "work_id"),
                )
            },
        ),
        RecordKind(
            "health",
            _("Health checks"),
            HealthCheck,
            (
                (_("Checked on"), "checked_on"),
                (_("Fit for duty"), "fit_for_duty"),
                (_("Findings"), "findings"),
                (_("Next check due"), "next_due_on"),
            ),
            _plain(f.HealthCheckForm),
            lambda actor, p, d: conduct.health_check_record(actor=actor, officer=p, **d),
            restricted=("findings",),
            grant="personnel.view_health_records",
        ),
        RecordKind(
            "injuries",
            _("Work injuries"),
            WorkInjury,
            (
                (_("Occurred on"), "occurred_on"),
                (_("What happened"), "description"),
                (_("Recognised as a work injury"), "recognised"),
            ),
            _plain(f.InjuryForm),
            lambda actor, p, d: conduct.injury_record(actor=actor, officer=p, **d),
        ),
        RecordKind(
            "rewards",
            _("Rewards"),
            Reward,
            (
                (_("Commendation"), "title"),
                (_("Awarded on"), "awarded_on"),
                (_("Awarded by"), "awarded_by"),
                (_("Article"), "basis"),
            ),
            _plain(f.RewardForm),
            lambda actor, p, d: conduct.reward_add(actor=actor, officer=p, **d),
        ),
        RecordKind(
            "complaints",
            _("Complaints"),
            Complaint,
            (
                (_("Received on"), "received_on"),
                (_("Complainant"), "complainant"),
                (_("Content"), "content"),
                (_("Outcome"), "get_outcome_display"),
                (_("Findings"), "findings"),
                (_("Complainant informed on"), "complainant_informed_on"),
                (_("Article"), "basis"),
            ),
            _plain(f.ComplaintForm),
            lambda actor, p, d: conduct.complaint_receive(actor=actor, officer=p, **d),
            {
                "decide": Action(
                    _("Record the outcome"),
                    f.ComplaintDecideForm,
                    lambda actor, r, d: conduct.complaint_decide(actor=actor, complaint=r, **d),
                    lambda r: r.outcome == "open",
                )
            },
        ),
        RecordKind(
            "suspensions",
            _("Suspensions"),
            Suspension,
            (
                (_("From"), "starts_on"),
                (_("Until"), "ends_on"),
                (_("Reason"), "reason"),
                (_("Article"), "basis"),
            ),
            _plain(f.SuspensionForm),
            lambda actor, p, d: conduct.suspension_start(actor=actor, officer=p, **d),
            {
                "end": Action(
                    _("End the suspension"),
                    f.EndForm,
                    lambda actor, r, d: conduct.suspension_end(actor=actor, suspension=r, ends_on=d["on"]),
                    lambda r: r.ends_on is None,
                )
            },
        ),
        RecordKind(
            "recusals",
            _("Recusals"),
            Recusal,
            (
                (_("Requested on"), "requested_on"),
                (_("Requested by"), "requested_by"),
                (_("Case or matter"), "matter"),
                (_("Granted"), "granted"),
                (_("Article"), "basis"),
            ),
            _plain(f.RecusalForm),
            lambda actor, p, d: conduct.recusal_record(actor=actor, officer=p, **d),
            {
                "decide": Action(
                    _("Decide"),
                    f.RecusalDecideForm,
                    lambda actor, r, d: conduct.recusal_decide(actor=actor, recusal=r, **d),
                    lambda r: r.granted is None,
                )
            },
        ),
        RecordKind(
            "discipline",
            _("Disciplinary outcomes"),
            Discipline,
            ((_("Decided on"), "decided_on"), (_("Measure"), "measure"), (_("Facts"), "facts")),
            _plain(f.DisciplineForm),
            lambda actor, p, d: conduct.discipline_record(actor=actor, officer=p, **d),
        ),
        RecordKind(
            "leave",
            _("Leave"),
            LeaveRequest,
            (
                (_("Kind"), "get_kind_display"),
                (_("From"), "starts_on"),
                (_("Until"), "ends_on"),
                (_("Working days"), "working_days"),
                (_("Status"), "get_status_display"),
                (_("Article"), "basis"),
            ),
            _plain(f.LeaveForm),
            lambda actor, p, d: leave.leave_request(actor=actor, officer=p, **d),
            {
                "decide": Action(
                    _("Decide"),
                    f.LeaveDecideForm,
                    lambda actor, r, d: leave.leave_decide(actor=actor, leave=r, approve=d["approve"]),
                    lambda r: r.status == "pending",
                )
            },
            summary=_leave_summary,
        ),
        RecordKind(
            "separation",
            _("Separation"),
            Separation,
            (
                (_("How the person leaves"), "get_kind_display"),
                (_("Leaves on"), "leaves_on"),
                (_("Reason"), "reason"),
                (_("Completed on"), "completed_on"),
                (_("Article"), "basis"),
                (_("Severance ground"), "get_severance_ground_display"),
                (_("Severance"), "severance_amount"),
                (_("How the severance was computed"), "severance_basis"),
            ),
            _plain(f.SeparationForm),
            lambda actor, p, d: separation.separation_open(actor=actor, officer=p, **d),
            {
                "complete": Action(
                    _("Mark separated"),
                    f.ConfirmForm,
                    lambda actor, r, d: separation.separation_complete(actor=actor, separation=r),
                    lambda r: r.completed_on is None,
                )
            },
        ),
    ]
}


# Columns stored as codes, shown as words.
WORDS_OF = {"basis": cited_words}


def record_values(spec: RecordKind, record, *, show_restricted: bool) -> list:
    """The columns' values as stored (amounts stay numbers, dates dates: the Excel export keeps them so),
    codes turned into words, restricted ones withheld (the page, its export and the API show the same)."""
    values = []
    for _label, attr in spec.columns:
        if attr in spec.restricted and not show_restricted:
            values.append(_("restricted"))
            continue
        value = getattr(record, attr)
        value = value() if callable(value) else value
        values.append(WORDS_OF[attr](value) if attr in WORDS_OF else value)
    return values


def records_shown(spec: RecordKind, *, user, person, address: str | None) -> tuple[list, bool]:
    """A person's records of one kind and whether the restricted columns may be shown; showing them is logged
    (who saw whose health findings, when, from where)."""
    from .models import SensitiveAccess

    show_restricted = not spec.grant or user.has_perm(spec.grant)
    records = list(spec.model.objects.filter(officer=person))
    if spec.restricted and show_restricted and records:
        SensitiveAccess.objects.create(user=user, officer=person, field=spec.slug, address=address)
    return records, show_restricted
