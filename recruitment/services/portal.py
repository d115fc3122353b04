"""The applicant's side: profile, documents, the eligibility pre-check, applying and withdrawing."""

from datetime import date
from functools import lru_cache

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core import generation_cache, people, throttle
from auxpolice.core.audit import authored, create_with_history
from auxpolice.core.crypto import blind_index
from auxpolice.core.errors import Conflict, DomainError, NotPermitted
from auxpolice.core.models import Role
from auxpolice.rules import national
from auxpolice.rules.citations import Citation
from auxpolice.rules.decision import Decision
from auxpolice.rules.evaluators import eligibility
from auxpolice.rules.guards import refuse_unless_allowed
from auxpolice.rules.idnumber import parse_id_number
from auxpolice.rules.registry import Status, pack_for
from auxpolice.rules.selectors import agency_settings
from personnel.services.separation import past_separation_kinds

from .. import consent as consent_notices
from .. import statuses as status_codes
from .. import uploads
from ..models import (
    ACTIVE_STATUSES,
    AnnouncementStatus,
    ApplicantDocument,
    ApplicantProfile,
    Application,
    ApplicationStatus,
    EducationRecord,
    EligibilityDecision,
    Position,
    SensitiveDataConsent,
)
from . import notices
from .recusal import relatives_field

PROFILE_FIELDS = ("full_name", "phone", "email", "education", "school", "major", "graduated_on", "statuses")


def _profile_of(user) -> ApplicantProfile | None:
    """The user's profile: from the user object when it was read with it, else one query."""
    try:
        return user.applicant_profile
    except ApplicantProfile.DoesNotExist:
        return None


PROFILE_SAVES_PER_HOUR = 20


def _require_applicant(user) -> None:
    if not getattr(user, "is_authenticated", False) or user.role != Role.APPLICANT:
        raise NotPermitted(_("Only applicant accounts can do this."))


@transaction.atomic
def profile_save(
    *,
    user,
    full_name: str,
    id_number: str,
    phone: str,
    education: str,
    email: str = "",
    school: str = "",
    major: str = "",
    graduated_on: date | None = None,
    statuses=(),
    address: str | None = None,
) -> ApplicantProfile:
    _require_applicant(user)
    # Each save may test an ID number against the register: counted, so nobody can walk through numbers.
    throttle.spend(f"profile:user:{user.pk}", limit=PROFILE_SAVES_PER_HOUR, window=3600)
    if address:
        throttle.spend(f"profile:address:{address}", limit=3 * PROFILE_SAVES_PER_HOUR, window=3600)
    full_name, phone = people.canonical_name(full_name), people.canonical_mobile(phone)
    people.check_past(graduated_on, field="graduated_on", what=_("The graduation date"))
    if education not in eligibility.EDUCATION_RANK:
        raise DomainError(_("Choose the highest education."), field="education")
    known = {code for code, _label in status_codes.STATUS_CHOICES}
    if set(statuses) - known:
        raise DomainError(_("Unknown special status."), field="statuses")
    parsed = parse_id_number(id_number)
    if eligibility.age_on(parsed.birth_date, timezone.localdate()) < national.MINIMUM_WORKING_AGE:
        raise DomainError(
            _(
                "By this ID number the applicant is under %(age)s: nobody under %(age)s may be employed "
                "(%(article)s)."
            )
            % {"age": national.MINIMUM_WORKING_AGE, "article": national.MINIMUM_WORKING_AGE_ARTICLE},
            field="id_number",
        )
    index = blind_index(parsed.value, purpose="id_number")
    profile = ApplicantProfile.objects.select_for_update().filter(user=user).first() or ApplicantProfile(
        user=user
    )
    if profile.pk and profile.id_number_index != index and user.applications.exists():
        raise DomainError(_("The ID number cannot change once you have applied."), field="id_number")
    if ApplicantProfile.objects.filter(id_number_index=index).exclude(user=user).exists():
        raise Conflict(
            _(
                "This resident ID number cannot be used with this account. If it is yours, contact the "
                "recruiting office."
            ),
            field="id_number",
        )
    values = {
        "full_name": full_name,
        "phone": phone,
        "email": email.strip(),
        "education": education,
        "school": school.strip(),
        "major": major.strip(),
        "graduated_on": graduated_on,
        "statuses": sorted(set(statuses)),
        "id_number_index": index,
    }
    if profile.pk and all(getattr(profile, name) == value for name, value in values.items()):
        return profile  # saved unchanged: nothing to write, no history row
    for name, value in values.items():
        setattr(profile, name, value)
    profile.id_number, profile.id_number_masked = parsed.value, parsed.masked
    profile.birth_date, profile.sex = parsed.birth_date, parsed.sex
    authored(profile, user)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise Conflict(
            _(
                "This resident ID number cannot be used with this account. If it is yours, contact the "
                "recruiting office."
            ),
            field="id_number",
        ) from None
    return profile


@transaction.atomic
def education_add(
    *, user, level: str, school: str, started_on: date, major: str = "", graduated_on: date | None = None
) -> EducationRecord:
    _require_applicant(user)
    profile = ApplicantProfile.objects.filter(user=user).first()
    if profile is None:
        raise DomainError(_("Fill in your profile first."), code="no_profile")
    if level not in eligibility.EDUCATION_RANK:
        raise DomainError(_("Choose the education level."), field="level")
    if not school.strip():
        raise DomainError(_("Enter the school."), field="school")
    if graduated_on and graduated_on <= started_on:
        raise DomainError(_("Graduation comes after the start."), field="graduated_on")
    people.check_past(started_on, field="started_on", what=_("The start date"))
    people.check_past(graduated_on, field="graduated_on", what=_("The graduation date"))
    record = EducationRecord(
        profile=profile,
        level=level,
        school=school.strip(),
        major=major.strip(),
        started_on=started_on,
        graduated_on=graduated_on,
    )
    authored(record, user)
    record.save()
    return record


@transaction.atomic
def education_remove(*, user, record_id: int) -> None:
    _require_applicant(user)
    record = EducationRecord.objects.filter(pk=record_id, profile__user=user).first()
    if record is None:
        raise DomainError(_("There is no such education record."), code="not_found")
    authored(record, user)
    record.delete()


@transaction.atomic
def document_upload(*, user, kind: str, upload) -> ApplicantDocument:
    _require_applicant(user)
    profile = ApplicantProfile.objects.filter(user=user).first()
    if profile is None:
        raise DomainError(_("Fill in your profile first."), code="no_profile")
    content_type = uploads.sniff(upload, kind)
    upload.name = f"{kind}.{uploads.EXTENSIONS[content_type]}"  # never keep the sender's file name on disk
    document = ApplicantDocument(
        profile=profile,
        kind=kind,
        file=upload,
        content_type=content_type,
        size=upload.size,
        original_name=str(getattr(upload, "_original", ""))[:120],
    )
    authored(document, user)
    document.save()
    return document


@lru_cache(maxsize=64)
def _statutory_items(jurisdiction: str, on: date) -> tuple[dict, ...] | None:
    rule = pack_for(jurisdiction, on).rule("disqualifications")
    if rule.status != Status.ENFORCED:
        return None
    items = []
    for item in rule.data:
        citation = Citation.parse(item["cite"])
        items.append({"code": item["code"], "label": citation.label_zh, "text": citation.text_zh})
    return tuple(items)


def declaration_items(*, position: Position) -> list[dict]:
    """Every disqualification of the agency's jurisdiction, with its article, for the self-declaration."""
    agency = position.announcement.agency
    items = _statutory_items(agency.jurisdiction, position.announcement.reference_date)
    if items is not None:
        return [dict(item) for item in items]
    custom = agency_settings(agency).get("disqualifications", ())
    return [{"code": code, "label": _("Agency setting"), "text": code} for code in custom]


def _clean_declaration(items: list[dict], declaration: dict) -> dict:
    answers = {}
    for item in items:
        answer = declaration.get(item["code"])
        if answer not in (True, False):
            raise DomainError(_("Answer every item of the self-declaration."), field="declaration")
        answers[item["code"]] = answer
    return answers


MAX_RELATIVES = 10


def _clean_relatives(lines: list[str]) -> list[tuple[str, str]]:
    """ "张伟，父子" → ("张伟", "父子"): the name checked like every name, the relationship as written."""
    if len(lines) > MAX_RELATIVES:
        raise DomainError(_("List at most %(n)s relatives.") % {"n": MAX_RELATIVES}, field="relatives")
    relatives = []
    for line in lines:
        name, _sep, relation = line.replace("，", ",").replace("、", ",").partition(",")
        if not relation.strip():
            raise DomainError(
                _("Write the name and the relationship, separated by a comma: “%(line)s”.") % {"line": line},
                field="relatives",
            )
        relatives.append((people.canonical_name(name, field="relatives"), relation.strip()[:20]))
    return relatives


def precheck(
    *, user, position: Position, declaration: dict, profile: ApplicantProfile | None = None
) -> Decision:
    """The eligibility decision the applicant sees before submitting; writes nothing."""
    _require_applicant(user)
    profile = profile or ApplicantProfile.objects.filter(user=user).first()
    if profile is None:
        raise DomainError(_("Fill in your profile first."), code="no_profile")
    announcement = position.announcement
    answers = _clean_declaration(declaration_items(position=position), declaration)
    pack = pack_for(announcement.agency.jurisdiction, announcement.reference_date)
    declared = {code for code, applies in answers.items() if applies}
    # What the bureau's own records show counts whatever the applicant declared (dismissed, or left
    # without permission, where the jurisdiction bars rehiring).
    on_record = set(
        eligibility.separation_bars(pack, past_separation_kinds(id_number_index=profile.id_number_index))
    )
    question = eligibility.Applicant(
        category=position.category,
        reference_date=announcement.reference_date,
        birth_date=profile.birth_date,
        education=profile.education,
        disqualifications=tuple(sorted(declared | on_record)),
        statuses=status_codes.rule_codes(profile.statuses),
        relaxations=tuple(eligibility.Relaxation(**r) for r in announcement.relaxations),
        approvals=tuple(announcement.approvals),
        position_max_age=position.max_age,
        position_min_education=position.min_education or None,
        targeted_groups=tuple(position.targeted_groups),
        settings=agency_settings(announcement.agency),
    )
    return eligibility.evaluate(pack, question)


def _check_open(position: Position) -> None:
    announcement = position.announcement
    now = timezone.now()
    if announcement.status != AnnouncementStatus.PUBLISHED:
        raise DomainError(_("This announcement is not open for applications."), code="not_open")
    if not announcement.registration_opens <= now < announcement.registration_closes:
        raise DomainError(
            _("Registration is closed: it runs from %(opens)s to %(closes)s.")
            % {
                "opens": timezone.localtime(announcement.registration_opens).strftime("%Y-%m-%d %H:%M"),
                "closes": timezone.localtime(announcement.registration_closes).strftime("%Y-%m-%d %H:%M"),
            },
            code="registration_closed",
        )


ANNOUNCEMENTS_GENERATION = "announcements:generation"


def position_for_applying(pk) -> Position:
    """The position with its announcement and agency, as stored now: thousands of applicants a minute ask
    for the same few rows, so it is cached under a generation any change to them replaces."""

    def read() -> Position:
        try:
            return Position.objects.select_related("announcement__agency").get(pk=pk)
        except (Position.DoesNotExist, ValueError, TypeError):
            raise DomainError(_("There is no such position."), field="position") from None

    return generation_cache.cached(ANNOUNCEMENTS_GENERATION, f"position-for-applying:{pk}", read, timeout=600)


def announcements_changed(**_kwargs) -> None:
    generation_cache.invalidate(ANNOUNCEMENTS_GENERATION)


def application_submit(*, user, position: Position | int, declaration: dict) -> Application:
    """Apply to one position. The position is read afresh here (its announcement's status and window
    are the guard), so callers may pass an id."""
    position = position_for_applying(getattr(position, "pk", position))
    _check_open(position)
    profile = _profile_of(user)
    if profile is None:
        raise DomainError(_("Fill in your profile first."), code="no_profile")
    decision = precheck(user=user, position=position, declaration=declaration, profile=profile)
    refuse_unless_allowed(decision, field="eligibility")
    announcement = position.announcement
    answers = _clean_declaration(declaration_items(position=position), declaration)
    relatives = _clean_relatives(declaration.get("relatives", []))
    application = Application(
        announcement=announcement,
        position=position,
        applicant=user,
        agency=announcement.agency,
        category=position.category,
        full_name=profile.full_name,
        id_number=profile.id_number,
        id_number_index=profile.id_number_index,
        id_number_masked=profile.id_number_masked,
        birth_date=profile.birth_date,
        sex=profile.sex,
        phone=profile.phone,
        education=profile.education,
        statuses=profile.statuses,
        declaration={"answers": answers, "relatives": relatives, "declared_at": timezone.now().isoformat()},
        declared_relatives=relatives_field([name for name, _relation in relatives]),
        rule_version=decision.data.get("rule_version", ""),
        stage=announcement.stages[0],
    )
    try:
        # The portal's hot path: the application, its history row, its eligibility decision and its notice
        # in one statement.
        create_with_history(
            application,
            user,
            children=lambda application: [
                _decision_row(application, decision),
                notices.notice_row(
                    application,
                    "submitted",
                    "submitted",
                    announcement=announcement.title,
                    position=f"{position.code} {position.title}",
                ),
            ],
        )
    except IntegrityError:
        raise Conflict(
            _("You have already applied to a position in this announcement."), field="position"
        ) from None
    notices.deliver_after_commit()
    return application


@transaction.atomic
def application_resubmit(*, user, application: Application, declaration: dict) -> Application:
    """After a return for correction: the profile has been corrected; check again and send for review."""
    application = (
        Application.objects.select_for_update()
        .select_related("position__announcement__agency")
        .get(pk=application.pk, applicant=user)
    )
    if application.status != ApplicationStatus.RETURNED:
        raise DomainError(
            _("Only an application returned for correction can be sent again."), code="not_returned"
        )
    _check_open(application.position)
    profile = ApplicantProfile.objects.get(user=user)
    decision = precheck(user=user, position=application.position, declaration=declaration, profile=profile)
    refuse_unless_allowed(decision, field="eligibility")
    for field in ("full_name", "phone", "education", "statuses"):
        setattr(application, field, getattr(profile, field))
    relatives = _clean_relatives(declaration.get("relatives", []))
    application.declaration = {
        "answers": _clean_declaration(declaration_items(position=application.position), declaration),
        "relatives": relatives,
        "declared_at": timezone.now().isoformat(),
    }
    application.declared_relatives = relatives_field([name for name, _relation in relatives])
    application.status = ApplicationStatus.SUBMITTED
    application.rule_version = decision.data.get("rule_version", "")
    authored(application, user)
    application.save()
    _decision_row(application, decision).save(force_insert=True)
    return application


def _decision_row(application: Application, decision: Decision) -> EligibilityDecision:
    return EligibilityDecision(
        application=application, decided_at=timezone.now(), decision=decision.as_dict()
    )


@transaction.atomic
def consent_give(
    *, user, application: Application, purpose: str, version: str, address: str | None = None
) -> SensitiveDataConsent:
    """Separate consent to one notice, in the version the applicant was shown."""
    application = (
        Application.objects.select_for_update()
        .select_related("announcement")
        .get(pk=application.pk, applicant=user)
    )
    notice = consent_notices.NOTICES.get(purpose)
    if notice is None or purpose not in application.announcement.stages:
        raise DomainError(_("There is nothing to consent to for this application."), field="purpose")
    if version != notice["version"]:
        raise DomainError(
            _("The notice has changed: read the current version and consent again."), field="version"
        )
    if application.status not in ACTIVE_STATUSES:
        raise DomainError(_("This application is no longer active."), code="not_active")
    consent, _created = SensitiveDataConsent.objects.get_or_create(
        application=application, purpose=purpose, defaults={"notice_version": version, "address": address}
    )
    return consent


@transaction.atomic
def application_withdraw(*, user, application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk, applicant=user)
    if application.status not in ACTIVE_STATUSES:
        raise DomainError(_("This application is no longer active."), code="not_active")
    application.status = ApplicationStatus.WITHDRAWN
    authored(application, user)
    application.save(update_fields=["status", "updated_at"])
    notices.notify(application, "withdrawn", "withdrawn_by_applicant")
    return application
