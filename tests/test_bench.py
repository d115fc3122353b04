"""The bench's own data stays valid as the calendar moves: a figure measured on refused requests is no
figure."""

import random
from datetime import date, timedelta

import pytest

from auxpolice.rules.evaluators.eligibility import age_on
from auxpolice.rules.registry import pack_for
from bench.recruitment import REGISTRATION_DAYS, birth_date


@pytest.mark.parametrize("today", [date(2026, 12, 2), date(2029, 2, 28), date(2033, 7, 31)])
def test_bench_applicants_are_within_the_age_limits_when_the_bench_announcement_closes(today):
    pack = pack_for("sichuan", today)
    youngest, oldest = (pack.rule(f"eligibility.{limit}").data["value"] for limit in ("min_age", "max_age"))
    closes = today + timedelta(days=REGISTRATION_DAYS)
    rng = random.Random(11)

    ages = {age_on(birth_date(rng, today), closes) for _ in range(5000)}

    assert youngest <= min(ages) and max(ages) <= oldest
