"""The pure ranking (no database): pass line, weighted totals, ratio cut, ties at the cut, preferential
groups."""

from decimal import Decimal as D

from recruitment.services.ranking import Candidate, rank

SETTINGS = {"exam": {"weight": "1", "pass_line": "60", "ratio": "2"}}


def c(pk, score, preferred=False, **others):
    scores = {"exam": D(score)} if score is not None else {}
    return Candidate(
        pk, D(score) if score is not None else None, scores | {k: D(v) for k, v in others.items()}, preferred
    )


def by_pk(placings):
    return {p.pk: p for p in placings}


def test_the_first_places_times_ratio_advance_and_those_below_the_line_or_absent_do_not():
    placings, cut = rank(
        [c(1, 90), c(2, 80), c(3, 70), c(4, 59.5), c(5, None)], settings=SETTINGS, stage="exam", places=1
    )
    got = by_pk(placings)
    assert cut == 2
    assert [p.pk for p in placings if p.advances] == [1, 2]
    assert (got[3].rank, got[3].advances) == (3, False)
    assert (got[4].total, got[4].rank, got[5].total) == (
        D("59.50"),
        None,
        None,
    )  # the score shows; absent has none


def test_everyone_tied_with_the_last_advancing_place_advances_and_shares_its_rank():
    placings, _cut = rank(
        [c(1, 90), c(2, 80), c(3, 80), c(4, 80), c(5, 70)], settings=SETTINGS, stage="exam", places=1
    )
    got = by_pk(placings)
    assert {p.pk for p in placings if p.advances} == {1, 2, 3, 4}
    assert (got[2].rank, got[3].rank, got[4].rank, got[5].rank) == (2, 2, 2, 5)


def test_a_preferential_group_orders_an_equal_score_first_and_says_so():
    placings, _cut = rank(
        [c(1, 90), c(2, 80), c(3, 80, preferred=True)], settings=SETTINGS, stage="exam", places=1
    )
    got = by_pk(placings)
    assert [p.pk for p in placings if p.advances] == [1, 3]
    assert (got[3].rank, got[3].tie_broken, got[2].rank, got[2].advances) == (2, True, 3, False)


def test_the_total_weights_every_scored_stage_so_far():
    settings = {
        "exam": {"weight": "40", "pass_line": "60", "ratio": "1"},
        "interview": {"weight": "60", "pass_line": "60", "ratio": "1"},
    }
    first = Candidate(1, D(90), {"exam": D(70), "interview": D(90)})  # 70 x 0.4 + 90 x 0.6 = 82
    second = Candidate(2, D(70), {"exam": D(95), "interview": D(70)})  # 95 x 0.4 + 70 x 0.6 = 80
    placings, _cut = rank([first, second], settings=settings, stage="interview", places=1)
    got = by_pk(placings)
    assert (got[1].total, got[2].total) == (D("82.00"), D("80.00"))
    assert [p.pk for p in placings if p.advances] == [1]
