"""Reads for announcements and applications: staff see their agency subtree (one filter on the
agency foreign key); applicants see what is published and their own applications."""

from dataclasses import dataclass

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Window
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.crypto import blind_index
from auxpolice.core.errors import DomainError
from auxpolice.core.scoping import Action, can, scope
from auxpolice.core.selectors import get_or_404
from auxpolice.rules.citations import Citation
from auxpolice.rules.evaluators.working_life import CONTRACT_ITEM_ZH
from auxpolice.rules.idnumber import canonical_id_number, canonical_text
from auxpolice.rules.registry import Status, pack_for

from . import stages
from .models import (
    Announcement,
    AnnouncementRevision,
    AnnouncementStatus,
    ApplicantDocument,
    ApplicantNotice,
    ApplicantProfile,
    Application,
    ApplicationStatus,
    EducationRecord,
    ExamRoom,
    ExamSession,
    Objection,
    PhysicalItemResult,
    PhysicalMark,
    PhysicalStandard,
    Position,
    Publicity,
    RecusalCheck,
    ResultRelease,
    RetentionPurge,
    Seat,
    SensitiveDataConsent,
    StaffRelation,
    StageResult,
)
from .stages import SCORED

PAGE_SIZE = 20
LIST_FIELDS = (
    "id",
    "full_name",
    "id_number_masked",
    "sex",
    "birth_date",
    "education",
    "status",
    "stage",
    "total_score",
    "rank",
    "rank_basis",
    "ticket_number",
    "submitted_at",
    "position__code",
    "position__title",
    "statuses",
    "announcement_id",
)


# --- staff


def announcement_list_for(*, user, action: Action = Action.VIEW) -> QuerySet[Announcement]:
    return scope(Announcement.objects.select_related("agency", "plan"), user, action)


def announcement_get_for(*, user, pk, action: Action = Action.VIEW) -> Announcement:
    return get_or_404(
        announcement_list_for(user=user, action=action).prefetch_related(
            "positions", Prefetch("revisions", AnnouncementRevision.objects.select_related("published_by"))
        ),
        pk,
    )


def position_list_for(*, user) -> QuerySet[Position]:
    return scope(Position.objects.select_related("announcement"), user, agency_field="announcement__agency")


def revision_list_for(*, user) -> QuerySet[AnnouncementRevision]:
    return scope(AnnouncementRevision.objects.all(), user, agency_field="announcement__agency")


def application_list_for(*, user, action: Action = Action.VIEW) -> QuerySet[Application]:
    return scope(Application.objects.all(), user, action)


def application_get_for(*, user, pk, action: Action = Action.VIEW) -> Application:
    return get_or_404(
        application_list_for(user=user, action=action)
        .select_related("announcement__agency", "position", "publicity", "officer")
        .prefetch_related(
            Prefetch("results", StageResult.objects.select_related("recorded_by").order_by("recorded_at")),
            Prefetch("objections", Objection.objects.select_related("recorded_by", "resolved_by")),
            "consents",
        ),
        pk,
    )


def _search(text: str) -> Q:
    """Digits are a whole ID number, a ticket number or the last digits of an ID number; anything else is a
    name prefix (each branch has an index, so no branch forces a scan of the whole announcement)."""
    digits = canonical_text(text)
    if len(digits) == 18:  # a whole ID number, by its blind index
        try:
            return Q(id_number_index=blind_index(canonical_id_number(digits), purpose="id_number"))
        except DomainError:
            pass
    if digits.rstrip("X").isascii() and digits.rstrip("X").isdigit():
        # Lists show the first 3 and last 4 characters of an ID number; tickets are longer.
        if len(digits) == 4:
            return Q(id_number_tail=digits)
        return Q(id_number_tail__endswith=digits) if len(digits) < 4 else Q(ticket_number=digits)
    return Q(full_name__startswith=text)


@dataclass
class Page:
    rows: list
    next_cursor: int | None


def applications_filtered_for(*, user, announcement: Announcement, filters: dict) -> QuerySet[Application]:
    """One announcement's applications as the list filters them (unordered): the page, the export and the
    print view read the same rows."""
    if not can(user, Action.VIEW, announcement.agency):
        raise Http404
    rows = Application.objects.filter(announcement=announcement).select_related("position").only(*LIST_FIELDS)
    for key in ("status", "stage"):
        if filters.get(key):
            rows = rows.filter(**{key: filters[key]})
    if filters.get("position"):
        # By id, not by joined code, so that the (position, rank, id) index can serve the ordering.
        ids = [p.pk for p in announcement.positions.all() if p.code == filters["position"]]
        rows = rows.filter(position_id__in=ids)
    if filters.get("q"):
        rows = rows.filter(_search(filters["q"].strip()))
    return rows


def applications_in_list_order(*, user, announcement: Announcement, filters: dict) -> QuerySet[Application]:
    """The filtered rows in the order a filed list has them: by position and rank when ranked, else by
    position and ticket."""
    rows = applications_filtered_for(user=user, announcement=announcement, filters=filters)
    if filters.get("order") == "rank":
        return rows.order_by("position__code", "rank", "id")
    return rows.order_by("position__code", "ticket_number", "id")


def application_page_for(
    *, user, announcement: Announcement, filters: dict, after: int | None = None, size: int = PAGE_SIZE
) -> Page:
    """One announcement's applications, filtered, newest first, keyset-paginated: one query, no COUNT(*).

    Every application belongs to its announcement's agency, so the scope is checked once on that agency
    instead of joining the agency table, which would keep the indexes from serving the ordering."""
    rows = applications_filtered_for(user=user, announcement=announcement, filters=filters)
    if filters.get("order") == "rank":
        rows = rows.order_by(
            *(("rank", "id") if filters.get("position") else ("position__code", "rank", "id"))
        )
        page = list(rows[:200])
        return Page(rows=page, next_cursor=None)
    if after:
        rows = rows.filter(id__lt=after)
    page = list(rows.order_by("-id")[: size + 1])
    return Page(rows=page[:size], next_cursor=page[size - 1].id if len(page) > size else None)


def stage_counts(*, user, announcement: Announcement) -> list[dict]:
    """How many applications sit at each stage and status: one grouped query."""
    return list(
        application_list_for(user=user)
        .filter(announcement=announcement)
        .values("stage", "status")
        .annotate(n=Count("id"))
        .order_by("stage", "status")
    )


def stage_result_list_for(*, user) -> QuerySet[StageResult]:
    return scope(StageResult.objects.all(), user, agency_field="application__agency")


def publicity_list_for(*, user) -> QuerySet[Publicity]:
    return scope(Publicity.objects.all(), user, agency_field="announcement__agency")


def objection_list_for(*, user) -> QuerySet[Objection]:
    return scope(Objection.objects.select_related("application"), user, agency_field="application__agency")


def applicant_profile_list_for(*, user) -> QuerySet[ApplicantProfile]:
    """Staff see the profiles of people who applied within their subtree."""
    applied = application_list_for(user=user).values("applicant_id")
    return ApplicantProfile.objects.filter(user_id__in=applied)


def consent_list_for(*, user) -> QuerySet[SensitiveDataConsent]:
    return scope(SensitiveDataConsent.objects.all(), user, agency_field="application__agency")


def education_record_list_for(*, user) -> QuerySet[EducationRecord]:
    applied = application_list_for(user=user).values("applicant_id")
    return EducationRecord.objects.filter(profile__user_id__in=applied)


def applicant_document_list_for(*, user) -> QuerySet[ApplicantDocument]:
    applied = application_list_for(user=user).values("applicant_id")
    return ApplicantDocument.objects.filter(profile__user_id__in=applied)


# --- public and applicant


def published_announcements() -> QuerySet[Announcement]:
    return (
        Announcement.objects.filter(status__in=(AnnouncementStatus.PUBLISHED, AnnouncementStatus.CLOSED))
        .select_related("agency")
        .order_by("-registration_opens", "-id")
    )


def open_announcements() -> QuerySet[Announcement]:
    now = timezone.now()
    return published_announcements().filter(
        status=AnnouncementStatus.PUBLISHED, registration_opens__lte=now, registration_closes__gt=now
    )


def published_announcement_get(pk) -> Announcement:
    return get_or_404(published_announcements().prefetch_related("positions", "revisions"), pk)


def publicity_entries(announcement: Announcement) -> QuerySet[Application]:
    """Who is on the announcement's publicity lists (name, sex, ticket, position, score): public."""
    return (
        Application.objects.filter(announcement=announcement, publicity__isnull=False)
        .select_related("position", "publicity")
        .only(
            "full_name",
            "sex",
            "ticket_number",
            "total_score",
            "position__code",
            "position__title",
            "publicity__starts_on",
            "publicity__ends_on",
            "publicity_id",
            "status",
            "called_for",
        )
        .order_by("publicity__starts_on", "publicity_id", "position__code", "rank", "id")
    )


def publicity_batches(announcement: Announcement, limit: int = 500) -> list[dict]:
    """The publicity lists one after another: each period with its people, and whether it publicises people
    called to freed places (递补), who need a publicity of their own after the first list."""
    batches: list[dict] = []
    for entry in publicity_entries(announcement)[:limit]:
        if not batches or batches[-1]["publicity"].pk != entry.publicity_id:
            batches.append({"publicity": entry.publicity, "entries": [], "alternates": False})
        batches[-1]["entries"].append(entry)
        batches[-1]["alternates"] |= bool(entry.called_for)
    return batches


def my_applications(*, user) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("announcement__agency", "position", "publicity")
        .order_by("-submitted_at")
    )


def my_application_get(*, user, pk) -> Application:
    return get_or_404(
        my_applications(user=user).prefetch_related(
            Prefetch("notices", ApplicantNotice.objects.order_by("-created_at")), "consents"
        ),
        pk,
    )


@dataclass(frozen=True)
class ApplicantView:
    """What the applicant may see of their application now: results of released stages only (see
    `release_visible`); until a stage with a result is released, its outcome (and the status it led to) stays
    hidden."""

    results: list
    status_label: str
    stage_label: str
    total_score: object
    rank: int | None
    awaiting: tuple[str, object] | None  # (stage label, release time or None)


def release_visible(release, stage: str, now) -> bool:
    """Scores wait for the office's release; a pass/fail result is seen when recorded unless the office set
    a later release for its stage."""
    if release is not None:
        return release.release_at <= now
    return stage not in SCORED


def applicant_views(applications: list[Application], now=None) -> dict[int, ApplicantView]:
    """Two queries for any number of one applicant's applications."""
    now = now or timezone.now()
    releases = {
        (r.announcement_id, r.stage): r
        for r in ResultRelease.objects.filter(announcement__in={a.announcement_id for a in applications})
    }
    results: dict[int, list] = {}
    for result in StageResult.objects.filter(application__in=applications).order_by("recorded_at"):
        results.setdefault(result.application_id, []).append(result)
    views = {}
    for application in applications:
        shown, awaiting, ranks = [], None, False
        # Once on the publicity list, the outcome is public anyway.
        public = application.status in (ApplicationStatus.IN_PUBLICITY, ApplicationStatus.HIRED)
        for result in results.get(application.pk, []):
            release = releases.get((application.announcement_id, result.stage))
            if release_visible(release, result.stage, now) or public:
                shown.append(result)
                ranks = ranks or bool(release and release.publish_ranks)
            elif awaiting is None:
                awaiting = (stages.label(result.stage), release.release_at if release else None)
        hidden = awaiting is not None
        scored_shown = any(r.stage in SCORED for r in shown)
        views[application.pk] = ApplicantView(
            results=shown,
            status_label=_("Awaiting results") if hidden else application.get_status_display(),
            stage_label=awaiting[0] if awaiting is not None else stages.label(application.stage),
            total_score=application.total_score if scored_shown and not hidden else None,
            rank=application.rank if ranks and not hidden else None,
            awaiting=awaiting,
        )
    return views


def my_notices(*, user) -> QuerySet[ApplicantNotice]:
    return ApplicantNotice.objects.filter(user=user).order_by("-created_at", "-id")


def purges_for(*, user) -> dict:
    """The latest retention purge runs in the user's subtree, for the access log page."""
    return {
        "purges": list(scope(RetentionPurge.objects.select_related("agency"), user).order_by("-ran_at")[:50])
    }


def ranking_blocked_by(announcement: Announcement, position: Position | None = None) -> str | None:
    """Why a stage may not be ranked yet, with until when; None when it may. While registration is open,
    more applicants may arrive and returned ones may still correct and resubmit; an application still
    awaiting qualification review may yet join the stage."""
    if timezone.now() < announcement.registration_closes:
        closes = timezone.localtime(announcement.registration_closes)
        return _(
            "Registration is open until %(closes)s: new applicants may still arrive and returned ones may "
            "still correct their application. Rank after it closes."
        ) % {"closes": f"{closes:%Y-%m-%d %H:%M}"}
    waiting = Application.objects.filter(announcement=announcement, status=ApplicationStatus.SUBMITTED)
    if position is not None:
        waiting = waiting.filter(position=position)
    count = waiting.count()
    if count:
        return _(
            "%(n)s applications still await qualification review: decide them first, so everyone who passes "
            "is ranked together."
        ) % {"n": count}
    return None


def next_candidates(announcement: Announcement) -> dict[int, list[Application]]:
    """Per position, whom calling the next ranked candidates would call now (one query): those at the best
    rank left among the ones who did not advance at the last scored stage (several when they tie)."""
    scored = [s for s in announcement.stages if s in SCORED]
    if not scored:
        return {}
    ranked = (
        Application.objects.filter(
            announcement=announcement,
            stage=scored[-1],
            status=ApplicationStatus.NOT_ADVANCED,
            rank__isnull=False,
        )
        .annotate(best=Window(Min("rank"), partition_by=[F("position_id")]))
        .filter(rank=F("best"))
        .only("pk", "position_id", "full_name", "rank", "total_score", "ticket_number")
        .order_by("pk")
    )
    found: dict[int, list[Application]] = {}
    for application in ranked:
        found.setdefault(application.position_id, []).append(application)
    return found


def waiting_at_stage(*, user, announcement: Announcement, stage: str) -> QuerySet[Application]:
    """Who is at a stage and still in the running, in the order of a workbook to fill (position, ticket)."""
    return (
        application_list_for(user=user)
        .filter(announcement=announcement, stage=stage, status=ApplicationStatus.IN_PROGRESS)
        .select_related("position")
        .order_by("position__code", "ticket_number")
        .only("ticket_number", "full_name", "position__code", "sex")
    )


def relations_of(*, user) -> QuerySet[StaffRelation]:
    """A staff member's own declarations still in force."""
    return StaffRelation.objects.filter(staff=user, withdrawn_at__isnull=True).order_by("-declared_at")


def relation_list_for(*, user) -> QuerySet[StaffRelation]:
    """Declarations of the staff in the user's subtree (the supervisor assigns someone else)."""
    return scope(
        StaffRelation.objects.filter(withdrawn_at__isnull=True).select_related("staff__agency"),
        user,
        agency_field="staff__agency",
    ).order_by("-declared_at")


def recusal_refusals_for(*, user) -> QuerySet[RecusalCheck]:
    """Checks that stopped someone, newest first."""
    return scope(
        RecusalCheck.objects.filter(conflicts__gt=0).select_related("actor", "agency"), user
    ).order_by("-at", "-id")


def release_list_for(*, user) -> QuerySet[ResultRelease]:
    return scope(
        ResultRelease.objects.select_related("announcement"), user, agency_field="announcement__agency"
    )


def exam_session_get_for(*, user, pk) -> ExamSession:
    return get_or_404(
        scope(
            ExamSession.objects.select_related("announcement__agency"),
            user,
            agency_field="announcement__agency",
        ),
        pk,
    )


def exam_arrangements(announcement: Announcement) -> dict:
    """Rooms with their seat counts per session, and the sessions: four queries whatever the size."""
    rooms = list(ExamRoom.objects.filter(announcement=announcement).order_by("code"))
    sessions = list(ExamSession.objects.filter(announcement=announcement).order_by("starts_at", "pk"))
    counts = {
        (row["session_id"], row["room_id"]): row["n"]
        for row in Seat.objects.filter(session__in=sessions)
        .values("session_id", "room_id")
        .annotate(n=Count("pk"))
    }
    return {
        "rooms": rooms,
        "sessions": [
            (session, [(room, counts.get((session.pk, room.pk), 0)) for room in rooms])
            for session in sessions
        ],
        "capacity": sum(room.capacity for room in rooms),
    }


def door_list(session: ExamSession, room_pk: int) -> tuple:
    room = get_or_404(ExamRoom.objects.filter(announcement_id=session.announcement_id), room_pk)
    seats = list(
        Seat.objects.filter(session=session, room=room)
        .select_related("application__position")
        .order_by("number")
    )
    return room, seats


def exam_room_list_for(*, user) -> QuerySet[ExamRoom]:
    return scope(ExamRoom.objects.all(), user, agency_field="announcement__agency")


def exam_session_list_for(*, user) -> QuerySet[ExamSession]:
    return scope(ExamSession.objects.all(), user, agency_field="announcement__agency")


def seat_list_for(*, user) -> QuerySet[Seat]:
    return scope(Seat.objects.all(), user, agency_field="session__announcement__agency")


def physical_standard_list_for(*, user) -> QuerySet[PhysicalStandard]:
    return scope(PhysicalStandard.objects.all(), user, agency_field="announcement__agency")


def physical_mark_list_for(*, user) -> QuerySet[PhysicalMark]:
    return scope(PhysicalMark.objects.all(), user, agency_field="standard__announcement__agency")


def physical_item_list_for(*, user) -> QuerySet[PhysicalItemResult]:
    return scope(PhysicalItemResult.objects.all(), user, agency_field="application__announcement__agency")


def physical_items(announcement_id: int, sex: str | None = None) -> list[tuple[str, str]]:
    """(item, unit) of the announcement's physical test standard, for one sex or all; empty without one."""
    marks = PhysicalMark.objects.filter(standard__announcement_id=announcement_id)
    if sex is not None:
        marks = marks.filter(sex=sex)
    return sorted(set(marks.values_list("item", "unit")))


def review_citation_choices(application: Application) -> list[tuple[str, str]]:
    """The articles a reviewer may cite in a refusal: the enforced eligibility rules and disqualifications."""
    pack = pack_for(application.announcement.agency.jurisdiction, application.announcement.reference_date)
    refs = []
    for code in (
        "eligibility.min_age",
        "eligibility.max_age",
        "eligibility.education",
        "eligibility.nationality_prc",
    ):
        rule = pack.rule(code)
        if rule.status == Status.ENFORCED:
            refs += list(rule.citations)
    rule = pack.rule("disqualifications")
    if rule.status == Status.ENFORCED:
        refs += [Citation.parse(item["cite"]) for item in rule.data]
    return [(c.ref, f"{c.label_zh}：{(c.text_zh or '')[:40]}") for c in dict.fromkeys(refs)]


def hire_item_choices(application: Application) -> list[tuple[str, str]]:
    """What the jurisdiction's rules say a contract must state (the hire form ticks each)."""
    contract_rule = pack_for(application.agency.jurisdiction, timezone.localdate()).rule("contract")
    items = contract_rule.data.get("must_state", []) if contract_rule.status == Status.ENFORCED else []
    return [(i, CONTRACT_ITEM_ZH.get(i, i)) for i in items]


def release_stage_choices(announcement: Announcement) -> list[tuple[str, str]]:
    """The stages whose results are released to applicants on a schedule (scored and pass/fail ones)."""
    return [(s, stages.label(s)) for s in announcement.stages if stages.kind(s) in ("scored", "pass_fail")]


def exam_stage_choices(announcement: Announcement) -> list[tuple[str, str]]:
    """The stages that sit a written or interview session (the scored ones)."""
    return [(s, stages.label(s)) for s in announcement.stages if stages.kind(s) == "scored"]
