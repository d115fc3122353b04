"""Build a quota request's or plan's approval chain from the rules layer (or the agency setting
where the text prescribes none), and move it forward one step at a time."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.models import Agency, Role, User
from auxpolice.core.scoping import Action, can
from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators.organisation import approval_chain, step_label
from auxpolice.rules.guards import refuse_unless_allowed
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import agency_settings
from auxpolice.rules.settings_registry import parse_chain_step

from ..errors import OutOfOrder
from ..models import ApprovalStep, StepStatus


@dataclass(frozen=True)
class StepSpec:
    sequence: int
    action: str
    body: str
    level: str
    cite: str = ""
    setting: str = ""


def chain_for(*, agency: Agency, kind: str, on: date) -> list[StepSpec]:
    decision = approval_chain(pack_for(agency.jurisdiction, on), kind=kind, agency_level=agency.level)
    if decision.outcome == Outcome.REFUSED:  # the level may not do this at all (Inner Mongolia art 18)
        refuse_unless_allowed(decision, field="agency")
    steps = decision.data.get("steps")
    if steps:
        return [StepSpec(s["step"], s["action"], s["body"], s["level"], cite=s["cite"]) for s in steps]
    key = f"{kind}_approval_chain"
    configured = agency_settings(agency).get(key)
    if configured:
        return [
            StepSpec(index + 1, **parse_chain_step(text), setting=key)
            for index, text in enumerate(configured)
        ]
    finding = decision.findings[0]
    raise DomainError(
        _(
            "%(reason)s No approval chain is configured for this agency: a system administrator sets "
            "“%(key)s” "
            "on the agency page first."
        )
        % {"reason": finding.message, "key": key},
        code="no_approval_chain",
        citations=finding.citations,
    )


def create_steps(*, subject_field: str, subject, chain: list[StepSpec], requester) -> list[ApprovalStep]:
    """The requesting agency's own proposal is the submission itself: it is recorded as done."""
    now = timezone.now()
    steps = []
    for spec in chain:
        proposing = spec.action == "propose" and spec.body == "police" and spec.level == "same"
        step = ApprovalStep(
            **{subject_field: subject},
            sequence=spec.sequence,
            action=spec.action,
            body=spec.body,
            level=spec.level,
            cite=spec.cite,
            setting=spec.setting,
            label_zh=step_label(spec.__dict__),
            status=StepStatus.DONE if proposing else StepStatus.PENDING,
            acted_by=requester if proposing else None,
            acted_at=now if proposing else None,
        )
        authored(step, requester)
        step.save()
        steps.append(step)
    return steps


def target_agency(step: ApprovalStep, subject_agency: Agency) -> Agency:
    if step.level == "superior":
        return subject_agency.parent or subject_agency
    if step.level == "region":
        root_code = subject_agency.path.split("/")[0]
        return Agency.objects.get(code=root_code)
    return subject_agency


def check_may_act(*, actor: User, step: ApprovalStep, subject_agency: Agency, requester) -> None:
    if actor.pk == requester.pk:
        raise NotPermitted(_("The person who submitted a request cannot approve it."))
    target = target_agency(step, subject_agency)
    if step.inside_police and step.action != "file":
        decides = actor.role == Role.SUPERVISOR and actor.agency_id == target.pk
        if not (decides or actor.has_perm("core.approve_subtree", target)):
            raise NotPermitted(
                _("This step is decided by a supervisor of %(agency)s.") % {"agency": target.name}
            )
    elif not can(actor, Action.CHANGE, subject_agency):
        raise NotPermitted(
            _("Only an HR officer responsible for %(agency)s records this step.")
            % {"agency": subject_agency.name}
        )


def current_sequence(steps) -> int | None:
    pending = [step.sequence for step in steps if step.status == StepStatus.PENDING]
    return min(pending) if pending else None


MAX_SCAN_BYTES = 10 * 1024 * 1024
SCAN_MAGIC = (b"%PDF", b"\xff\xd8\xff", b"\x89PNG")


def check_scan(scan) -> None:
    """The scan of an approval document: a PDF or an image, at most 10 MB (the form says so)."""
    if scan.size > MAX_SCAN_BYTES:
        raise DomainError(_("The scan is larger than 10 MB."), field="scan")
    head = scan.read(4)
    scan.seek(0)
    if not head.startswith(SCAN_MAGIC):
        raise DomainError(_("Upload the scan as a PDF, JPEG or PNG file."), field="scan")


@transaction.atomic
def step_decide(
    *,
    actor: User,
    step: ApprovalStep,
    subject,
    subject_agency: Agency,
    requester,
    approve: bool,
    note: str = "",
    approving_body: str = "",
    document_number: str = "",
    document_date=None,
    scan=None,
) -> bool:
    """Decide one step. Returns True when the whole chain is complete (the caller then applies it)."""
    step = ApprovalStep.objects.select_for_update().get(pk=step.pk)
    if step.status != StepStatus.PENDING:
        raise DomainError(_("This step has already been decided."), code="already_decided")
    check_may_act(actor=actor, step=step, subject_agency=subject_agency, requester=requester)
    steps = list(ApprovalStep.objects.filter(**{_subject_field(subject): subject}))
    current = current_sequence(steps)
    if step.sequence != current:
        first = next(s for s in steps if s.sequence == current and s.status == StepStatus.PENDING)
        raise OutOfOrder(_("Not yet: “%(first)s” comes first.") % {"first": first.label_zh})
    outside = not step.inside_police or step.action == "file"
    if outside and not (approving_body.strip() and document_number.strip() and document_date):
        raise DomainError(
            _("Record the approving body, the document number (文号) and its date."),
            field="document_number",
        )
    if not approve and not note.strip():
        raise DomainError(_("Give the reason for the rejection."), field="note")
    step.status = StepStatus.DONE if approve else StepStatus.REJECTED
    step.acted_by, step.acted_at, step.note = actor, timezone.now(), note.strip()
    step.approving_body, step.document_number, step.document_date = (
        approving_body.strip(),
        document_number.strip(),
        document_date,
    )
    if scan:
        check_scan(scan)
        step.scan = scan
    authored(step, actor)
    step.save()
    return approve and current_sequence([s if s.pk != step.pk else step for s in steps]) is None


def _subject_field(subject) -> str:
    return "plan" if subject._meta.model_name == "recruitmentplan" else "quota_request"
