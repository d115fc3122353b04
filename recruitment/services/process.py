"""The back office, stage by stage: qualification review, scores and ranking, pass/fail stages, and
calling the next ranked candidate into a freed place."""

import math
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import snapshot_history
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.scoping import Action, can
from auxpolice.rules.citations import Citation
from auxpolice.rules.registry import Status, pack_for

from .. import stages
from .. import statuses as status_codes
from ..documents import read_scores
from ..models import Announcement, Application, ApplicationStatus, Position, StageResult
from . import notices

MAX_SCORE = Decimal("100")


def _check_may_change(actor, agency) -> None:
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("announcement__agency", "position")
        .get(pk=application.pk)
    )


def _save(application: Application, actor, *fields: str) -> None:
    application._history_user = actor
    application.save(update_fields=[*fields, "updated_at"])


# --- qualification review


@transaction.atomic
def review_decide(
    *, actor, application: Application, decision: str, reason: str = "", citations: tuple[str, ...] = ()
) -> Application:
    application = _locked(application)
    _check_may_change(actor, application.agency)
    if stages.kind(application.stage) != "review" or application.status != ApplicationStatus.SUBMITTED:
        raise DomainError(_("This application is not awaiting qualification review."), code="not_in_review")
    labels = []
    for code in citations:
        try:
            labels.append(Citation.parse(code).label_zh)
        except (ValueError, KeyError, LookupError):
            raise DomainError(_("Unknown article: %(code)s.") % {"code": code}, field="citations") from None
    title = f"资格审查结果：{application.announcement.title}"
    if decision == "pass":
        application.status = ApplicationStatus.IN_PROGRESS
        application.stage = stages.next_stage(application.announcement.stages, application.stage)
        application.ticket_number = f"{application.announcement_id:04d}{application.pk:08d}"
        _save(application, actor, "status", "stage", "ticket_number")
        notices.notify(
            application,
            "review:pass",
            title,
            f"您已通过资格审查，下一环节：{stages.label(application.stage)}。准考证可在报名页面下载。",
        )
        return application
    if decision not in ("return", "reject"):
        raise DomainError(_("Choose pass, return for correction or reject."), field="decision")
    if not reason.strip():
        raise DomainError(_("Give the reason the applicant will read."), field="reason")
    if decision == "reject" and not citations:
        raise DomainError(_("Name the article the rejection rests on."), field="citations")
    application.status = ApplicationStatus.RETURNED if decision == "return" else ApplicationStatus.REJECTED
    application.review_reason, application.review_citations = reason.strip(), labels
    _save(application, actor, "status", "review_reason", "review_citations")
    basis = f"（依据：{'；'.join(labels)}）" if labels else ""
    closes = timezone.localtime(application.announcement.registration_closes)
    wording = (
        f"退回补正，请按说明修改后于{closes:%Y-%m-%d %H:%M}（报名截止）前重新提交"
        if decision == "return"
        else "未通过资格审查"
    )
    notices.notify(application, f"review:{decision}", title, f"您的报名{wording}：{reason.strip()}{basis}")
    return application


# --- scored stages: scores, then ranking with pass line and candidate-to-place ratio


def _parse_score(raw) -> Decimal | None:
    if raw in (None, "") or str(raw).strip() in ("缺考", "absent"):
        return None
    try:
        score = Decimal(str(raw).strip()).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise DomainError(_("“%(raw)s” is not a score.") % {"raw": raw}, field="score") from None
    if not Decimal(0) <= score <= MAX_SCORE:
        raise DomainError(_("A score lies between 0 and 100."), field="score")
    return score


def scores_check(*, announcement, stage: str, scores: dict[str, object]) -> dict[int, str]:
    """Each typed score that cannot be recorded, by application id, with a message naming the candidate and
    the admission-ticket number (nothing is written)."""
    wrong: dict[int, str] = {}
    for key, raw in scores.items():
        try:
            _parse_score(raw)
        except DomainError as error:
            wrong[int(key)] = str(error.message)
    if not wrong:
        return {}
    named = Application.objects.filter(announcement=announcement, pk__in=list(wrong)).values_list(
        "pk", "full_name", "ticket_number"
    )
    return {
        pk: _("%(name)s (ticket %(ticket)s): %(problem)s")
        % {"name": name, "ticket": ticket or "—", "problem": wrong[pk]}
        for pk, name, ticket in named
    }


@transaction.atomic
def scores_record(*, actor, announcement, stage: str, scores: dict[int, object]) -> int:
    """Record scores ({application id: score, or None / "缺考" for absent}) for one scored stage."""
    _check_may_change(actor, announcement.agency)
    if stage not in stages.SCORED or stage not in announcement.stages:
        raise DomainError(_("This stage takes no scores."), field="stage")
    parsed = {int(pk): _parse_score(raw) for pk, raw in scores.items()}
    applications = {
        a.pk: a
        for a in Application.objects.select_for_update().filter(
            announcement=announcement, pk__in=parsed, stage=stage, status=ApplicationStatus.IN_PROGRESS
        )
    }
    missing = set(parsed) - set(applications)
    if missing:
        raise DomainError(
            _("%(n)s of these applications are not at this stage.") % {"n": len(missing)}, field="scores"
        )
    existing = {
        r.application_id: r for r in StageResult.objects.filter(application_id__in=parsed, stage=stage)
    }
    new, changed = [], []
    for pk, score in parsed.items():
        outcome = StageResult.Outcome.ABSENT if score is None else StageResult.Outcome.SCORED
        result = existing.get(pk)
        if result is None:
            new.append(
                StageResult(application_id=pk, stage=stage, outcome=outcome, score=score, recorded_by=actor)
            )
        elif (result.outcome, result.score) != (outcome, score):
            result.outcome, result.score, result.recorded_by = outcome, score, actor
            result._history_user = actor
            result.save(update_fields=["outcome", "score", "recorded_by", "recorded_at"])
            changed.append(result)
    if new:
        created = StageResult.objects.bulk_create(new, batch_size=2000)
        snapshot_history(StageResult, [r.pk for r in created], user=actor, history_type="+")
    return len(new) + len(changed)


def preferential_codes(jurisdiction: str, on) -> tuple[tuple[str, ...], tuple]:
    """Codes that give priority under equal conditions (同等条件下优先), with their citations."""
    rule = pack_for(jurisdiction, on).rule("preferences")
    if rule.status != Status.ENFORCED:
        return (), ()
    items = [i for i in rule.data if i.get("kind") == "equal_conditions_priority"]
    return tuple(i["code"] for i in items), tuple(Citation.parse(i["cite"]) for i in items)


def _weighted_total(settings: dict, results: dict[str, Decimal]) -> Decimal:
    weights = {s: Decimal(settings[s]["weight"]) for s in results}
    total_weight = sum(weights.values())
    if not total_weight:
        return Decimal(0)
    return (sum(results[s] * weights[s] for s in results) / total_weight).quantize(Decimal("0.01"))


@transaction.atomic
def stage_rank(*, actor, position: Position, stage: str) -> dict:
    """Rank one position's candidates at a scored stage; advance those within the pass line and the
    candidate-to-place ratio. Ties at the cut all advance; ties are ordered first by the jurisdiction's
    preferential groups (同等条件下优先) where it has them. The texts set no further tie-break."""
    position = Position.objects.select_for_update().select_related("announcement__agency").get(pk=position.pk)
    announcement = position.announcement
    _check_may_change(actor, announcement.agency)
    if stage not in stages.SCORED or stage not in announcement.stages:
        raise DomainError(_("This stage takes no scores."), field="stage")
    candidates = list(
        Application.objects.select_for_update()
        .filter(position=position, stage=stage, status=ApplicationStatus.IN_PROGRESS)
        .only(
            "id",
            "applicant_id",
            "full_name",
            "statuses",
            "status",
            "stage",
            "total_score",
            "rank",
            "rank_basis",
            "updated_at",
        )
    )
    if not candidates:
        raise DomainError(_("Nobody is waiting at this stage for this position."), code="nobody_at_stage")
    scored_stages = [s for s in announcement.stages if s in stages.SCORED]
    done = scored_stages[: scored_stages.index(stage) + 1]
    results: dict[int, dict[str, StageResult]] = {}
    for result in StageResult.objects.filter(application__in=candidates, stage__in=done):
        results.setdefault(result.application_id, {})[result.stage] = result
    unscored = [a for a in candidates if stage not in results.get(a.pk, {})]
    if unscored:
        raise DomainError(
            _("%(n)s candidates have no score yet, e.g. %(name)s.")
            % {"n": len(unscored), "name": unscored[0].full_name},
            code="scores_missing",
        )
    settings = announcement.stage_settings
    pass_line = Decimal(settings[stage]["pass_line"])
    codes, citations = preferential_codes(announcement.agency.jurisdiction, announcement.reference_date)
    basis = "；".join(dict.fromkeys(c.label_zh for c in citations))

    def preferred(application) -> bool:
        return bool(set(status_codes.rule_codes(application.statuses)) & set(codes))

    passed, below = [], []
    for application in candidates:
        own = results[application.pk][stage]
        if own.outcome == StageResult.Outcome.ABSENT or own.score < pass_line:
            below.append(application)
            continue
        application.total_score = _weighted_total(
            settings, {s: r.score for s, r in results[application.pk].items() if r.score is not None}
        )
        passed.append(application)
    passed.sort(key=lambda a: (-a.total_score, not preferred(a)))
    cut = math.ceil(position.places * Decimal(settings[stage]["ratio"]))
    advancing = passed[:cut]
    if advancing:
        last = advancing[-1]
        advancing += [
            a for a in passed[cut:] if (a.total_score, preferred(a)) == (last.total_score, preferred(last))
        ]
    following = stages.next_stage(announcement.stages, stage)
    advancing_ids = {a.pk for a in advancing}
    plain_scores = {a.total_score for a in passed if not preferred(a)}
    rank, previous, now = 0, None, timezone.now()
    for place, application in enumerate(passed, start=1):
        key = (application.total_score, preferred(application))
        rank = rank if key == previous else place
        previous = key
        application.rank = rank
        tie_broken = preferred(application) and application.total_score in plain_scores
        application.rank_basis = f"同等条件下优先（{basis}）" if tie_broken and basis else ""
        if application.pk in advancing_ids:
            application.stage = following
        else:
            application.status = ApplicationStatus.NOT_ADVANCED
    for application in below:
        application.status, application.rank = ApplicationStatus.NOT_ADVANCED, None
        application.rank_basis = f"未达合格分数线 {pass_line}"
    for application in candidates:
        application.updated_at = now
    _write_ranking(candidates, actor)
    released = [results[a.pk][stage] for a in candidates]
    for result in released:
        result.released = True
    StageResult.objects.filter(pk__in=[r.pk for r in released]).update(released=True)
    snapshot_history(StageResult, [r.pk for r in released], user=actor)
    label = stages.label(stage)
    rows = []
    for application in candidates:
        result = results[application.pk][stage]
        shown = "缺考" if result.score is None else f"{result.score}"
        outcome = f"进入{stages.label(following)}" if application.pk in advancing_ids else "未进入下一环节"
        rows.append(
            (
                application,
                f"rank:{stage}",
                f"{label}成绩公布",
                f"您的{label}成绩：{shown}；综合成绩：{application.total_score or '—'}；"
                f"排名：{application.rank or '—'}；{outcome}。",
            )
        )
    notices.notify_each(rows)
    return {"advanced": len(advancing), "not_advanced": len(candidates) - len(advancing), "cut": cut}


RANKING_FIELDS = ("status", "stage", "total_score", "rank", "rank_basis", "updated_at")


def _write_ranking(candidates: list[Application], actor) -> None:
    """Write the ranking, then one history row per candidate, copied by the database."""
    if connection.vendor == "postgresql":
        _update_ranking_postgres(candidates)
    else:  # the embedded SQLite default: small data, Django's bulk_update is fine
        Application.objects.bulk_update(candidates, RANKING_FIELDS, batch_size=500)
    snapshot_history(Application, [a.pk for a in candidates], user=actor)


def _update_ranking_postgres(candidates: list[Application]) -> None:
    """One UPDATE ... FROM (VALUES ...) per 2,000 rows: 10x faster than bulk_update's CASE per field at
    10,000 candidates."""
    table = Application._meta.db_table
    for start in range(0, len(candidates), 2000):
        chunk = candidates[start : start + 2000]
        values = ", ".join(["(%s, %s, %s, %s::numeric, %s::integer, %s, %s::timestamptz)"] * len(chunk))
        params = [p for a in chunk for p in (a.pk, *(getattr(a, f) for f in RANKING_FIELDS))]
        with connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE "{table}" AS a SET status = v.status, stage = v.stage, total_score = v.total, '
                f"rank = v.rank, rank_basis = v.basis, updated_at = v.at FROM (VALUES {values}) "
                f"AS v(id, status, stage, total, rank, basis, at) WHERE a.id = v.id",
                params,
            )


# --- pass/fail stages: physical test, medical examination, vetting


@transaction.atomic
def result_record(*, actor, application: Application, outcome: str, detail: str = "") -> Application:
    application = _locked(application)
    _check_may_change(actor, application.agency)
    stage = application.stage
    if stage not in stages.PASS_FAIL or application.status != ApplicationStatus.IN_PROGRESS:
        raise DomainError(_("This application is not at a pass/fail stage."), code="not_pass_fail")
    if outcome not in (StageResult.Outcome.PASS, StageResult.Outcome.FAIL, StageResult.Outcome.ABSENT):
        raise DomainError(_("Choose pass, fail or absent."), field="outcome")
    if stage in stages.SENSITIVE and not application.consents.filter(purpose=stage).exists():
        raise DomainError(
            _(
                "The applicant has not given separate consent to the %(stage)s notice: nothing about "
                "it can be recorded yet."
            )
            % {"stage": stages.label(stage)},
            code="consent_missing",
        )
    if stage in stages.SENSITIVE and outcome == StageResult.Outcome.FAIL and not detail.strip():
        raise DomainError(_("Record the finding behind a failed result."), field="detail")
    result = StageResult(
        application=application,
        stage=stage,
        outcome=outcome,
        detail=detail.strip(),
        released=True,
        recorded_by=actor,
    )
    result._history_user = actor
    result.save()
    label = stages.label(stage)
    if outcome == StageResult.Outcome.PASS:
        application.stage = stages.next_stage(application.announcement.stages, stage)
        message = f"您的{label}结果：合格。下一环节：{stages.label(application.stage)}。"
    else:
        application.status = ApplicationStatus.FAILED
        message = f"您的{label}结果：{'缺席' if outcome == 'absent' else '不合格'}，招聘程序终止。"
    _save(application, actor, "stage", "status")
    notices.notify(application, f"result:{stage}", f"{label}结果", message)
    return application


# --- a freed place goes to the next ranked candidate


def places_held(position: Position) -> int:
    """Candidates past the last scored stage who still hold one of the position's places."""
    announcement = position.announcement
    scored = [s for s in announcement.stages if s in stages.SCORED]
    after = announcement.stages[announcement.stages.index(scored[-1]) + 1 :] + [stages.HIRE] if scored else []
    return (
        Application.objects.filter(position=position)
        .filter(
            Q(status=ApplicationStatus.HIRED)
            | Q(status=ApplicationStatus.IN_PUBLICITY)
            | Q(status=ApplicationStatus.IN_PROGRESS, stage__in=after)
        )
        .count()
    )


@transaction.atomic
def call_next_candidate(*, actor, position: Position) -> Application:
    position = Position.objects.select_for_update().select_related("announcement__agency").get(pk=position.pk)
    announcement = position.announcement
    _check_may_change(actor, announcement.agency)
    scored = [s for s in announcement.stages if s in stages.SCORED]
    if not scored:
        raise DomainError(_("This announcement has no ranking to call from."), code="no_ranking")
    if places_held(position) >= position.places:
        raise DomainError(
            _("Every place of this position is held; nobody can be called."), code="no_free_place"
        )
    candidate = (
        Application.objects.select_for_update()
        .filter(
            position=position, stage=scored[-1], status=ApplicationStatus.NOT_ADVANCED, rank__isnull=False
        )
        .order_by("rank", "-total_score", "pk")
        .first()
    )
    if candidate is None:
        raise DomainError(_("No ranked candidate is left to call."), code="no_candidate")
    candidate.status = ApplicationStatus.IN_PROGRESS
    candidate.stage = stages.next_stage(announcement.stages, scored[-1])
    _save(candidate, actor, "status", "stage")
    notices.notify(
        candidate,
        "called",
        f"递补通知：{announcement.title}",
        f"因有人员放弃或不合格，您按排名递补进入{stages.label(candidate.stage)}环节。",
    )
    return candidate


@transaction.atomic
def application_withdraw_recorded(*, actor, application: Application, reason: str) -> Application:
    """An officer records a withdrawal the applicant made by other means (in writing, by phone)."""
    application = _locked(application)
    _check_may_change(actor, application.agency)
    if application.status not in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.RETURNED,
        ApplicationStatus.IN_PROGRESS,
        ApplicationStatus.IN_PUBLICITY,
    ):
        raise DomainError(_("This application is no longer active."), code="not_active")
    if not reason.strip():
        raise DomainError(_("Record how the applicant withdrew."), field="reason")
    application.status = ApplicationStatus.WITHDRAWN
    application._change_reason = reason.strip()[:100]
    _save(application, actor, "status")
    notices.notify(application, "withdrawn", "放弃确认", f"已登记您放弃本次招聘：{reason.strip()}")
    return application


@transaction.atomic
def scores_import(
    *, actor, announcement, stage: str, rows: list[tuple[int, str, object]]
) -> tuple[int, list[dict]]:
    """Scores from a workbook: all rows or none. Returns (rows recorded, row-level errors)."""
    _check_may_change(actor, announcement.agency)
    if not rows:
        return 0, [{"row": None, "message": _("The workbook has no score rows.")}]
    by_ticket = dict(
        Application.objects.filter(
            announcement=announcement, stage=stage, status=ApplicationStatus.IN_PROGRESS
        ).values_list("ticket_number", "pk")
    )
    errors, scores, seen = [], {}, set()
    for number, ticket, raw in rows:
        if ticket in seen:
            errors.append({"row": number, "message": _("Ticket %(t)s appears twice.") % {"t": ticket}})
            continue
        seen.add(ticket)
        if ticket not in by_ticket:
            errors.append(
                {
                    "row": number,
                    "message": _("No candidate at this stage has ticket “%(t)s”.") % {"t": ticket},
                }
            )
            continue
        try:
            _parse_score(raw)
        except DomainError as error:
            errors.append({"row": number, "message": str(error.message)})
            continue
        scores[by_ticket[ticket]] = raw
    if errors:
        return 0, errors
    return scores_record(actor=actor, announcement=announcement, stage=stage, scores=scores), []


def scores_workbook_import(job, upload, progress) -> tuple[int, list[dict]]:
    """Handler of "recruitment.scores" workbook imports (run in Celery by auxpolice.core.sheet_imports)."""
    announcement = Announcement.objects.select_related("agency").get(pk=job.target["announcement"])
    rows = read_scores(upload)
    progress(0, len(rows))
    recorded, errors = scores_import(
        actor=job.uploaded_by, announcement=announcement, stage=job.target["stage"], rows=rows
    )
    progress(len(rows), len(rows))
    return recorded, [
        {"row": e.get("row"), "column": e.get("column", "成绩"), "message": e["message"]} for e in errors
    ]
