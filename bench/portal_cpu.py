"""What one portal application costs the web worker: N applications through the real endpoint (token,
throttle, eligibility, the one-statement insert, the response) in this one process, its CPU per submission
printed by round. On the bench database (`bench/run.py --only recruitment` seeds it), on the scratch
announcement, emptied before and after: runs leave nothing behind.

    .venv/bin/python bench/portal_cpu.py 2000

CPU time on a shared VM moves by ±30 % from run to run; instructions do not. For an A/B of a change, count
them with valgrind (the difference of two runs is the cost of the extra applications, start-up excluded):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python bench/portal_cpu.py 4
    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python bench/portal_cpu.py 104
    # ("Collected" of the second - of the first) / 100 = instructions per submission
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/auxpolice_bench"
)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auxpolice.settings")

WARM_UP = 20
ROUNDS = 4


def main() -> None:
    import django

    django.setup()
    from django.test import Client

    from auxpolice.core.models import User
    from bench.recruitment import SCRATCH_CODE, _announcement, _empty
    from recruitment.services import portal

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    scratch = _announcement(SCRATCH_CODE, "基准测量公告")
    _empty(scratch)
    positions = list(scratch.positions.order_by("code"))
    declaration = {item["code"]: False for item in portal.declaration_items(position=positions[0])}
    users = list(
        User.objects.filter(username__startswith="bench_applicant_")
        .order_by("pk")
        .values_list("pk", flat=True)[: count + WARM_UP]
    )
    if len(users) < count + WARM_UP:
        sys.exit("too few bench applicants: run `bench/run.py --only recruitment` first")
    client = Client()

    def apply(user_id: int) -> None:
        body = {"position": positions[user_id % len(positions)].pk, "declaration": declaration}
        response = client.post(
            "/api/v1/portal/applications/",
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {user_id:040d}",
        )
        assert response.status_code == 201, (response.status_code, response.content[:300])

    try:
        for user_id in users[:WARM_UP]:  # first requests import, compile and connect
            apply(user_id)
        per_round = max(count // ROUNDS, 1)
        costs = []
        for start in range(WARM_UP, WARM_UP + per_round * ROUNDS, per_round):
            started = time.process_time()
            for user_id in users[start : start + per_round]:
                apply(user_id)
            costs.append((time.process_time() - started) / per_round * 1000)
        print(
            f"portal application, CPU of this process per submission ({per_round:,} a round): "
            + "  ".join(f"{cost:.2f}" for cost in costs)
            + f" ms; min {min(costs):.2f} ms"
        )
    finally:
        _empty(scratch)


if __name__ == "__main__":
    main()
