"""The portal under load over HTTP: N clients send applications to a running stack for T seconds (locust,
headless), then the database is checked: every accepted application is a row with its eligibility
decision, and no person applied twice.

    .venv/bin/python bench/load.py --host http://127.0.0.1:8000 --clients 64 --seconds 30 [--runs 3]

It starts nothing itself: run the stack first (gunicorn as in the Dockerfile, or `docker compose up`) on the
bench database (BENCH_DATABASE_URL, seeded by `bench/run.py --only recruitment`). Each run opens a fresh
announcement of its own, so the 50,000 bench applicants can all apply again; runs do not disturb each other.
"""

# locust patches the standard library for gevent on import: before anything opens a socket.
from locust import FastHttpUser, constant, task  # isort: skip
from locust.env import Environment  # isort: skip

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import gevent

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/auxpolice_bench"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auxpolice.settings")

PLAN: dict = {}  # filled before the clients start: accounts, positions, declaration


class Applicant(FastHttpUser):
    wait_time = constant(0)

    @task
    def apply(self):
        try:
            user_id = next(PLAN["accounts"])
        except StopIteration:
            self.stop()
            return
        positions = PLAN["positions"]
        with self.client.post(
            "/api/v1/portal/applications/",
            json={"position": positions[user_id % len(positions)], "declaration": PLAN["declaration"]},
            headers={"Authorization": f"Token {user_id:040d}"},
            name="apply",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")


def prepare() -> object:
    import django

    django.setup()
    from auxpolice.core.models import User
    from bench.recruitment import _announcement
    from recruitment.services import portal

    announcement = _announcement(
        agency_code=f"L{int(time.time())}", title=f"负载测试公告 {time.strftime('%H%M%S')}"
    )
    positions = list(announcement.positions.order_by("code").values_list("pk", flat=True))
    accounts = list(
        User.objects.filter(username__startswith="bench_applicant_")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not accounts:
        sys.exit("no bench applicants: run `bench/run.py --only recruitment` first")
    first = announcement.positions.order_by("code").first()
    PLAN.update(
        accounts=iter(accounts),
        positions=positions,
        declaration={item["code"]: False for item in portal.declaration_items(position=first)},
    )
    return announcement


def verify(announcement, accepted: int) -> bool:
    from django.db.models import Count

    from recruitment.models import Application

    rows = Application.objects.filter(announcement=announcement)
    stored = rows.count()
    twice = rows.values("applicant_id").annotate(n=Count("id")).filter(n__gt=1).count()
    same_person = rows.values("id_number_index").annotate(n=Count("id")).filter(n__gt=1).count()
    undecided = rows.filter(eligibility_decisions__isnull=True).count()  # half-written: none may be
    ok = stored == accepted and twice == same_person == undecided == 0
    print(
        f"  database: {stored:,} rows for {accepted:,} accepted; accounts twice {twice}, people twice "
        f"{same_person}, without their eligibility decision {undecided} -> {'OK' if ok else 'MISMATCH'}"
    )
    return ok


def run(args, number: int) -> dict:
    """One run on an announcement of its own: its figures printed, its rows checked."""
    announcement = prepare()
    # stop_timeout: at the end each client finishes the application it is sending, so that every request the
    # server accepted is counted before the database is checked.
    environment = Environment(user_classes=[Applicant], host=args.host, stop_timeout=30)
    runner = environment.create_local_runner()
    runner.start(args.clients, spawn_rate=args.clients)
    started, cpu_started = time.perf_counter(), time.process_time()
    gevent.spawn_later(args.seconds, runner.quit)
    runner.greenlet.join()
    elapsed = time.perf_counter() - started
    generator_cpu = time.process_time() - cpu_started
    entry = environment.stats.get("apply", "POST")
    accepted = entry.num_requests - entry.num_failures
    p50, p95, p99 = (entry.get_response_time_percentile(p) for p in (0.5, 0.95, 0.99))
    load = os.getloadavg()[0]
    print(f"run {number}: {args.clients} clients, {elapsed:.0f} s, load {load:.2f}")
    rate = accepted / elapsed
    print(f"  {rate:,.0f} accepted per second ({accepted:,} accepted, {entry.num_failures:,} errors)")
    print(f"  latency p50 {p50:.0f} ms  p95 {p95:.0f} ms  p99 {p99:.0f} ms")
    # On one machine the generator takes CPU from the server it measures: say how much.
    print(f"  load generator CPU {1000 * generator_cpu / max(entry.num_requests, 1):.2f} ms per request")
    for error in sorted(environment.stats.errors.values(), key=lambda e: -e.occurrences)[:5]:
        print(f"  error: {error.error} x {error.occurrences}")
    ok = verify(announcement, accepted)
    return {"rate": rate, "p95": p95, "errors": entry.num_failures, "ok": ok}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3, help="runs in a row; the summary gives their spread")
    args = parser.parse_args()
    runs = [run(args, number) for number in range(1, args.runs + 1)]
    rates, p95s = [r["rate"] for r in runs], [r["p95"] for r in runs]
    verdict = "OK" if all(r["ok"] for r in runs) else "MISMATCH"
    print(
        f"portal applications over HTTP, {args.clients} clients, {len(runs)} runs of {args.seconds} s: "
        f"median {statistics.median(rates):,.0f}/s (min–max {min(rates):,.0f}–{max(rates):,.0f}), "
        f"p95 median {statistics.median(p95s):.0f} ms (min–max {min(p95s):.0f}–{max(p95s):.0f}), "
        f"errors {sum(r['errors'] for r in runs):,}, database {verdict}"
    )


if __name__ == "__main__":
    main()
