"""Benchmarks: one command, figures printed. Not tests: speed goals live here.

    .venv/bin/python bench/run.py [--reseed] [--requests 200]

Uses PostgreSQL database `auxpolice_bench` on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/
auxpolice_bench), creating and seeding it once: 1 province, 20 cities, 200 counties, 100,000 auxiliary
officers with encrypted ID numbers and history rows.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/auxpolice_bench")
os.environ["DATABASE_URL"] = BENCH_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auxpolice.settings")
os.environ.setdefault("DEBUG", "0")
# Tasks (notice delivery) queue in Redis for a worker, as in production, instead of running inline.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")


def ensure_database(fresh: bool):
    import psycopg

    name = BENCH_URL.rsplit("/", 1)[1]
    admin_url = BENCH_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reseed", action="store_true")
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
    ensure_database(fresh=args.reseed)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from bench import seed

    seed.seed()
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
        deadlines.run()
        personnel_import.run()
    if args.only in (None, "recruitment"):
        recruitment.run(applications=args.applications, workers=args.workers)
    if args.only in (None, "ranking"):
        ranking.run()
    if args.only in (None, "analytics"):
        analytics.run()
    if args.only in (None, "workbench"):
        workbench.run(requests=min(args.requests, 50))
    if args.only in (None, "assessment"):
        assessment.run()
    if args.only in (None, "payroll"):
        payroll.run()


if __name__ == "__main__":
    main()
