"""The set-based ranking (one PostgreSQL statement) ranks exactly as the pure function does: random scores
over two weighted stages, many ties, a preferential group, absences and scores below the pass line."""

import random
import re
from decimal import Decimal as D

import pytest
from django.db import connection

from recruitment import statuses as status_codes
from recruitment.models import Application, ApplicationStatus, StageResult
from recruitment.services import ranking
from tests.recruitment.builders import (
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
    close_registration,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the set-based ranking is PostgreSQL's"),
]
SETTINGS = {
    "exam": {"weight": "40", "pass_line": "60", "ratio": "1"},
    "interview": {"weight": "60", "pass_line": "60", "ratio": "1.5"},
}
CANDIDATES = 36


@pytest.fixture
def at_interview(wuhou, county_officer):
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=7), county_officer)
    stages = ["qualification_review", "exam", "interview", *announcement.stages[2:]]
    type(announcement).objects.filter(pk=announcement.pk).update(stages=stages, stage_settings=SETTINGS)
    position = announcement.positions.get()
    rng = random.Random(20)
    apps = [
        apply(applicant_with_profile(statuses=("veteran",) if rng.random() < 0.3 else ()), position)
        for _ in range(CANDIDATES)
    ]
    Application.objects.filter(pk__in=[a.pk for a in apps]).update(
        status=ApplicationStatus.IN_PROGRESS, stage="interview"
    )
    close_registration(announcement)
    return position, [a.pk for a in apps]


def _results(pks, seed, officer):
    """Scores from a few values, so that totals tie often; now and then an absence."""
    rng = random.Random(seed)
    rows = []
    for pk in pks:
        exam = D(rng.choice(["70", "80"]))
        rows.append(
            StageResult(application_id=pk, stage="exam", outcome="scored", score=exam, recorded_by=officer)
        )
        if rng.random() < 0.1:
            rows.append(
                StageResult(application_id=pk, stage="interview", outcome="absent", recorded_by=officer)
            )
        else:
            score = D(rng.choice(["55", "65", "70", "70.5", "80"]))
            rows.append(
                StageResult(
                    application_id=pk, stage="interview", outcome="scored", score=score, recorded_by=officer
                )
            )
    StageResult.objects.bulk_create(rows)
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_ranks_as_the_pure_function_does(at_interview, county_officer, seed):
    position, pks = at_interview
    results = _results(pks, seed, county_officer)
    statuses = dict(Application.objects.filter(pk__in=pks).values_list("pk", "statuses"))
    codes, _citations = ranking.preferential_codes("sichuan", position.announcement.reference_date)
    preferred = {pk for pk, s in statuses.items() if set(status_codes.rule_codes(s)) & set(codes)}
    assert codes and preferred  # the preferential group takes part
    by_pk: dict[int, dict[str, StageResult]] = {}
    for row in results:
        by_pk.setdefault(row.application_id, {})[row.stage] = row
    expected, cut = ranking.rank(
        [
            ranking.Candidate(
                pk,
                None if by_pk[pk]["interview"].outcome == "absent" else by_pk[pk]["interview"].score,
                {s: r.score for s, r in by_pk[pk].items() if r.score is not None},
                pk in preferred,
            )
            for pk in pks
        ],
        settings=SETTINGS,
        stage="interview",
        places=7,
    )

    outcome = ranking.stage_rank(actor=county_officer, position=position, stage="interview")

    rows = {a.pk: a for a in Application.objects.filter(pk__in=pks)}
    got = {pk: (a.rank, a.total_score, a.stage != "interview") for pk, a in rows.items()}
    want = {p.pk: (p.rank, p.total, p.advances) for p in expected}
    assert got == want
    assert outcome["cut"] == cut == 11 and outcome["advanced"] == sum(p.advances for p in expected)
    ranks = [p.rank for p in expected if p.rank]
    assert len(ranks) != len(set(ranks))  # the data did tie
    for placing in expected:
        row = rows[placing.pk]
        assert row.status == (
            ApplicationStatus.IN_PROGRESS if placing.advances else ApplicationStatus.NOT_ADVANCED
        )
        if placing.rank is None:
            absent = by_pk[placing.pk]["interview"].outcome == "absent"
            assert row.rank_basis == ("absent" if absent else "below_pass_line:60")
        else:
            assert row.rank_basis.startswith("preference:") == placing.tie_broken
    # One history row per candidate ranked, by the officer, holding the row as the ranking left it.
    ranked = Application.history.filter(id__in=pks, history_type="~", history_user=county_officer)
    assert sorted(ranked.values_list("id", "rank", "status", "stage")) == sorted(
        (pk, a.rank, a.status, a.stage) for pk, a in rows.items()
    )


def test_no_application_index_holds_a_column_a_ranking_rewrites_on_the_candidates_it_does_not_advance():
    """A ranking sets status, rank, score and basis on every candidate it does not advance (all but a few of
    50,000). PostgreSQL writes such an update in place (HOT), touching no index, only if no index refers to
    a changed column and the page has room: the table keeps 60% of each page free."""
    rewritten = {"status", "rank", "total_score", "rank_basis", "updated_at"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid = 'recruitment_application'::regclass"
        )
        definitions = dict(cursor.fetchall())
        cursor.execute("SELECT reloptions FROM pg_class WHERE oid = 'recruitment_application'::regclass")
        [options] = cursor.fetchone()
    words = {
        name: set(re.findall(r"[a-z_]+", text.split(" USING ", 1)[1])) for name, text in definitions.items()
    }
    assert {name: sorted(w & rewritten) for name, w in words.items() if w & rewritten} == {}
    assert len(definitions) >= 10 and "fillfactor=40" in (options or [])
