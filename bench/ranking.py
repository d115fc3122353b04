"""Ranking a scored stage at scale, measured without changing the data.

The candidates' ranking fields are saved, the candidates set back to "waiting at the exam" and the table
rewritten compact (VACUUM FULL: the same state whatever ran before); each run then ranks inside a transaction
that is rolled back, followed by a vacuum; at the end the saved fields are put back. Two shapes: the five
positions of the bench announcement (50,000 candidates in all) and one position holding all 50,000."""

import time

from django.db import connection, transaction

from bench.stats import load, spread

FIELDS = "status, stage, rank, total_score, rank_basis, position_id"


class _RolledBack(Exception):
    pass


def _vacuum() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE recruitment_application")
        cursor.execute("VACUUM ANALYZE recruitment_historicalapplication")


def _compact() -> None:
    """Table and indexes rewritten: every run starts from the same compact state, however many runs (and their
    updates) came before; otherwise each run leaves the indexes larger and the next figure slower."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL recruitment_application")
        cursor.execute("ANALYZE recruitment_application")


def _timed_and_rolled_back(rank) -> float:
    elapsed = 0.0
    try:
        with transaction.atomic():
            started = time.perf_counter()
            rank()
            elapsed = time.perf_counter() - started
            raise _RolledBack
    except _RolledBack:
        pass
    _vacuum()
    return elapsed


def run(repeats: int = 3) -> None:
    from auxpolice.core.models import User
    from recruitment.models import Announcement, Application
    from recruitment.services import ranking

    announcement = Announcement.objects.filter(title="基准公开招聘公告").order_by("pk").first()
    if announcement is None or not Application.objects.filter(announcement=announcement).exists():
        print("ranking: run `bench/run.py --only recruitment` first (it seeds the announcement)")
        return
    officer = User.objects.get(username="bench_recruiter")
    positions = list(announcement.positions.order_by("code"))
    candidates = Application.objects.filter(announcement=announcement).exclude(status="withdrawn")
    total = candidates.count()
    print(f"ranking: {total:,} candidates at the exam (each run rolled back)")
    waiting = {"status": "in_progress", "stage": "exam", "rank": None, "total_score": None, "rank_basis": ""}
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_ranking_saved")
        cursor.execute(
            f"CREATE TABLE bench_ranking_saved AS SELECT id, {FIELDS} FROM recruitment_application "
            "WHERE announcement_id = %s",
            [announcement.pk],
        )

    def rank_each_position():
        for position in positions:
            ranking.stage_rank(actor=officer, position=position, stage="exam")

    try:
        for label, reset, rank in (
            (f"rank {total:,} in {len(positions)} positions", {}, rank_each_position),
            (
                f"rank {total:,} in one position",
                {"position_id": positions[0].pk},
                lambda: ranking.stage_rank(actor=officer, position=positions[0], stage="exam"),
            ),
        ):
            candidates.update(**waiting, **reset)
            _compact()
            timings = [_timed_and_rolled_back(rank) for _ in range(repeats)]
            print(f"  {label:<44} {spread(timings)}  (n={repeats}, {load()})")
    finally:
        with connection.cursor() as cursor:
            assignments = ", ".join(f"{f} = s.{f}" for f in FIELDS.split(", "))
            cursor.execute(
                f"UPDATE recruitment_application AS a SET {assignments} FROM bench_ranking_saved AS s "
                "WHERE a.id = s.id"
            )
            cursor.execute("DROP TABLE bench_ranking_saved")
        _vacuum()
