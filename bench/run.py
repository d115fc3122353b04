"""Benchmarks: one command, figures printed with their spread. Not tests: speed goals live here.

    .venv/bin/python bench/run.py [--people 1000000] [--only payroll] [--repeats 3] [--reseed]

Uses the PostgreSQL database `auxpolice_bench` (100,000 people; `auxpolice_bench_<N>` for --people N) on
BENCH_DATABASE_URL's server, creating and seeding it once: 1 province, 20 cities, 200 counties, N auxiliary
officers with encrypted ID numbers, contracts and history rows. Every measured write is rolled back or undone,
so a run leaves the data as it found it and the figures of the next run are comparable. Batch figures
(payroll, assessment) start real Celery worker processes on the bench database and Redis.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_PEOPLE = 100_000
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/auxpolice_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auxpolice.settings")
os.environ.setdefault("DEBUG", "0")
# Tasks queue in Redis for real workers, as in production, instead of running inline. Each bench size gets a
# Redis database of its own (cache and queues): cached agency settings are keyed by path, the same in both.
REDIS_BASE = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379")


def database_url(people: int) -> str:
    return BENCH_URL if people == DEFAULT_PEOPLE else f"{BENCH_URL}_{people}"


def ensure_database(url: str, fresh: bool):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--people", type=int, default=DEFAULT_PEOPLE, help="auxiliary officers in the province"
    )
    parser.add_argument("--repeats", type=int, default=3, help="runs of each timed step")
    parser.add_argument(
        "--celery-workers", type=int, default=2, help="worker processes for the batch figures"
    )
    parser.add_argument(
        "--payroll-months", type=int, default=2, help="months paid by December (12: a whole year of lines)"
    )
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--applications", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=4, help="processes sending portal applications")
    parser.add_argument(
        "--only",
        choices=[
            "personnel",
            "search",
            "recruitment",
            "ranking",
            "analytics",
            "workbench",
            "assessment",
            "payroll",
        ],
        default=None,
    )
    args = parser.parse_args()
    url = database_url(args.people)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("REDIS_URL", f"{REDIS_BASE}/{14 if args.people == DEFAULT_PEOPLE else 13}")
    ensure_database(url, fresh=args.reseed)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from bench import seed

    seed.seed(people=args.people)
    seed.seed_contracts()
    from bench import (
        analytics,
        assessment,
        deadlines,
        payroll,
        personnel_import,
        personnel_list,
        ranking,
        recruitment,
        workbench,
    )

    if args.only in (None, "personnel", "search"):
        personnel_list.run(requests=args.requests)
    if args.only in (None, "personnel"):
        deadlines.run(repeats=args.repeats)
        personnel_import.run(repeats=args.repeats)
    if args.only in (None, "recruitment"):
        recruitment.run(applications=args.applications, workers=args.workers, repeats=args.repeats)
    if args.only in (None, "ranking"):
        ranking.run(repeats=args.repeats)
    if args.only in (None, "analytics"):
        analytics.run()
    if args.only in (None, "workbench"):
        workbench.run(requests=min(args.requests, 50))
    if args.only in (None, "assessment"):
        assessment.run(repeats=args.repeats, workers=args.celery_workers)
    if args.only in (None, "payroll"):
        payroll.run(
            repeats=args.repeats,
            workers=args.celery_workers,
            in_process=args.people <= DEFAULT_PEOPLE,
            months=args.payroll_months,
        )


if __name__ == "__main__":
    main()
