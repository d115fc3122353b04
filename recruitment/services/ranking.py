"""Ranking a scored stage: weighted totals, pass line, candidate-to-place ratio and ties, the preferential
groups breaking ties where the text names them."""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import snapshot_history
from auxpolice.core.errors import DomainError
from auxpolice.core.models import User
from auxpolice.rules.citations import Citation
from auxpolice.rules.registry import Status, pack_for

from .. import selectors, stages
from .. import statuses as status_codes
from ..models import Application, ApplicationStatus, Position, StageResult
from ..models.applications import RANK_ABSENT, RANK_BELOW_PASS_LINE, RANK_PREFERENCE, RANK_REF_SEPARATOR
from .common import check_may_change
from .ranking_sql import RankingInput, rank_in_database
from .recusal import recused


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
    # 四舍五入 (half up), as PostgreSQL's ROUND does for the set-based ranking
    total = sum(results[s] * weights[s] for s in results) / total_weight
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ratio_cut(places: int, stage_settings: dict) -> int:
    """How many a scored stage sends on: the places times the stage's candidate-to-place ratio, rounded up
    (ties with the last of them go too)."""
    return math.ceil(places * Decimal(str(stage_settings["ratio"])))


@dataclass(frozen=True)
class Candidate:
    """What the ranking needs of one application: its score at the stage (None: absent), the scores of every
    scored stage so far (for the weighted total), and whether a preferential group applies to it."""

    pk: int
    score: Decimal | None
    scores: dict[str, Decimal]
    preferred: bool = False


@dataclass(frozen=True)
class Placing:
    pk: int
    total: Decimal | None  # None: absent (below the pass line keeps its total, with no rank)
    rank: int | None
    advances: bool
    tie_broken: bool = False  # placed ahead of an equal score by a preferential group


def rank(
    candidates: list[Candidate], *, settings: dict, stage: str, places: int
) -> tuple[list[Placing], int]:
    """Rank a scored stage: those at or above the pass line by weighted total (ties ordered by the
    preferential groups, then sharing a rank); the first places x ratio advance, and everyone tied with the
    last of them too. Pure: no database; returns the placings (in rank order, then those below the line) and
    the cut."""
    pass_line = Decimal(settings[stage]["pass_line"])
    passed: list[tuple[Candidate, Decimal]] = []
    below: list[Candidate] = []
    for candidate in candidates:
        if candidate.score is None or candidate.score < pass_line:
            below.append(candidate)
        else:
            passed.append((candidate, _weighted_total(settings, candidate.scores)))
    passed.sort(key=lambda pair: (-pair[1], not pair[0].preferred))
    cut = ratio_cut(places, settings[stage])
    advancing = {c.pk for c, _total in passed[:cut]}
    if passed[:cut]:
        last, last_total = passed[:cut][-1]
        advancing |= {
            c.pk for c, total in passed[cut:] if (total, c.preferred) == (last_total, last.preferred)
        }
    plain_totals = {total for c, total in passed if not c.preferred}
    placings, place_rank, previous = [], 0, None
    for place, (candidate, total) in enumerate(passed, start=1):
        key = (total, candidate.preferred)
        place_rank = place_rank if key == previous else place
        previous = key
        placings.append(
            Placing(
                candidate.pk,
                total,
                place_rank,
                candidate.pk in advancing,
                tie_broken=candidate.preferred and total in plain_totals,
            )
        )
    placings += [
        Placing(c.pk, None if c.score is None else _weighted_total(settings, c.scores), None, False)
        for c in below
    ]
    return placings, cut


@recused(
    "rank",
    lambda position, stage, **_: (
        Application.objects.filter(position=position, stage=stage),
        position.announcement.agency,
    ),
)
@transaction.atomic
def stage_rank(*, actor: User, position: Position, stage: str) -> dict:
    """Rank one position's candidates at a scored stage; advance those within the pass line and the
    candidate-to-place ratio. Ties at the cut all advance; ties are ordered first by the jurisdiction's
    preferential groups (同等条件下优先) where it has them. The texts set no further tie-break.
    The position's row lock serialises rankings and calls of the position; PostgreSQL ranks and writes in
    one statement (ranking_sql), SQLite with the pure function; history is copied by the database."""
    position = Position.objects.select_for_update().select_related("announcement__agency").get(pk=position.pk)
    announcement = position.announcement
    check_may_change(actor, announcement.agency)
    if stage not in stages.SCORED or stage not in announcement.stages:
        raise DomainError(_("This stage takes no scores."), field="stage")
    if blocked := selectors.ranking_blocked_by(announcement, position):
        raise DomainError(blocked, code="stage_gate")
    _check_every_candidate_scored(position, stage)
    scored_stages = [s for s in announcement.stages if s in stages.SCORED]
    done = scored_stages[: scored_stages.index(stage) + 1]
    settings = announcement.stage_settings
    codes, citations = preferential_codes(announcement.agency.jurisdiction, announcement.reference_date)
    ranking = RankingInput(
        position_id=position.pk,
        stage=stage,
        following=stages.next_stage(announcement.stages, stage),
        weights={s: Decimal(str(settings[s]["weight"])) for s in done},
        pass_line=Decimal(str(settings[stage]["pass_line"])),
        cut=ratio_cut(position.places, settings[stage]),
        preferred_statuses=sorted(s for s, rule in status_codes.RULE_CODES.items() if set(rule) & set(codes)),
        preference_refs=RANK_REF_SEPARATOR.join(dict.fromkeys(c.ref for c in citations)),
        now=timezone.now(),
        actor_id=actor.pk,
    )
    if connection.vendor == "postgresql":
        outcome = rank_in_database(ranking)  # history rows written by the same statement
    else:  # the embedded SQLite default: small data, ranked in Python by the pure function
        outcome = _rank_in_python(ranking, settings, done, position.places)
        snapshot_history(Application, [pk for pk, _advanced in outcome], user=actor)
    advanced = sum(1 for _pk, advances in outcome if advances)
    # The applicants learn their scores and ranks when the office releases them (services/releases.py).
    return {"advanced": advanced, "not_advanced": len(outcome) - advanced, "cut": ranking.cut}


def _check_every_candidate_scored(position: Position, stage: str) -> None:
    waiting = Application.objects.filter(position=position, stage=stage, status=ApplicationStatus.IN_PROGRESS)
    if not waiting.exists():
        raise DomainError(_("Nobody is waiting at this stage for this position."), code="nobody_at_stage")
    unscored = waiting.exclude(Exists(StageResult.objects.filter(application=OuterRef("pk"), stage=stage)))
    # Counted first (one hash anti-join over the position's candidates): asking straight for the first name by
    # id walks the whole table's primary key when every candidate is scored, the usual case.
    missing = unscored.count()
    if missing:
        first = unscored.order_by("pk").values_list("full_name", flat=True).first()
        raise DomainError(
            _("%(n)s candidates have no score yet, e.g. %(name)s.") % {"n": missing, "name": first},
            code="scores_missing",
        )


def _rank_in_python(
    ranking: RankingInput, settings: dict, done: list[str], places: int
) -> list[tuple[int, bool]]:
    """What rank_in_database does, with the pure function: load, rank, write (bulk_update)."""
    candidates = list(
        Application.objects.filter(
            position_id=ranking.position_id, stage=ranking.stage, status=ApplicationStatus.IN_PROGRESS
        ).only("id", "statuses", "status", "stage", "total_score", "rank", "rank_basis", "updated_at")
    )
    results: dict[int, dict[str, StageResult]] = {}
    for result in StageResult.objects.filter(application__in=candidates, stage__in=done):
        results.setdefault(result.application_id, {})[result.stage] = result
    preferred = set(ranking.preferred_statuses)
    placings, _cut = rank(
        [
            Candidate(
                a.pk,
                None
                if results[a.pk][ranking.stage].outcome == StageResult.Outcome.ABSENT
                else results[a.pk][ranking.stage].score,
                {s: r.score for s, r in results[a.pk].items() if r.score is not None},
                bool(set(a.statuses) & preferred),
            )
            for a in candidates
        ],
        settings=settings,
        stage=ranking.stage,
        places=places,
    )
    by_pk = {a.pk: a for a in candidates}
    for placing in placings:
        application = by_pk[placing.pk]
        application.total_score, application.rank = placing.total, placing.rank
        application.updated_at = ranking.now
        # Stored as a code with its facts (the pass line, the articles' references); words come when shown.
        if placing.rank is None:
            absent = results[application.pk][ranking.stage].outcome == StageResult.Outcome.ABSENT
            application.rank_basis = RANK_ABSENT if absent else f"{RANK_BELOW_PASS_LINE}:{ranking.pass_line}"
        else:
            refs = ranking.preference_refs
            application.rank_basis = f"{RANK_PREFERENCE}:{refs}" if placing.tie_broken and refs else ""
        if placing.advances:
            application.stage = ranking.following
        else:
            application.status = ApplicationStatus.NOT_ADVANCED
    Application.objects.bulk_update(candidates, RANKING_FIELDS, batch_size=500)
    return [(p.pk, p.advances) for p in placings]


RANKING_FIELDS = ("status", "stage", "total_score", "rank", "rank_basis", "updated_at")
