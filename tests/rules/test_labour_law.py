"""National labour law beneath the five texts: each figure and its article, by the official wording."""

from datetime import date

import pytest

from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators.labour_law import annual_leave_days, open_ended_due, probation


@pytest.mark.parametrize(("years", "days"), [(0, 0), (1, 5), (9, 5), (10, 10), (19, 10), (20, 15), (35, 15)])
def test_annual_leave_follows_cumulative_years_of_work(years, days):
    got, cited = annual_leave_days(years)
    assert got == days
    assert cited[0].label_zh.startswith("职工带薪年休假条例 第")


def test_an_open_ended_contract_is_owed_after_ten_years_or_two_fixed_terms():
    assert open_ended_due(consecutive_fixed_terms=1, years_of_service=4).outcome == Outcome.NOT_REGULATED
    two = open_ended_due(consecutive_fixed_terms=2, years_of_service=4)
    assert two.outcome == Outcome.WARNING
    assert [c.label_zh for c in two.citations] == ["劳动合同法 第十四条第二款第（三）项"]
    ten = open_ended_due(consecutive_fixed_terms=1, years_of_service=10)
    assert [c.label_zh for c in ten.citations] == ["劳动合同法 第十四条第二款第（一）项"]


def test_no_probation_is_cited_to_the_paragraph_that_forbids_it():
    decision = probation(
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 2, 28),
        probation_ends_on=date(2026, 1, 15),
        earlier_contract=False,
    )
    assert decision.outcome == Outcome.REFUSED
    assert decision.citations[0].text_zh.startswith(
        "以完成一定工作任务为期限的劳动合同或者劳动合同期限不满三个月的"
    )


def test_severance_matches_hand_computed_figures():
    from decimal import Decimal as D

    from auxpolice.rules.evaluators.labour_law import severance

    wage, average = D("6000"), D("8000")
    three_years_four_months = severance(
        started_on=date(2022, 3, 1),
        ended_on=date(2025, 6, 30),
        monthly_wage=wage,
        local_average_monthly=average,
    )
    assert (three_years_four_months.months, three_years_four_months.amount) == (D("3.5"), D("21000.00"))
    five_months = severance(
        started_on=date(2025, 2, 1),
        ended_on=date(2025, 6, 30),
        monthly_wage=wage,
        local_average_monthly=average,
    )
    assert (five_months.months, five_months.amount) == (D("0.5"), D("3000.00"))
    high = severance(
        started_on=date(2020, 1, 1),
        ended_on=date(2024, 12, 31),
        monthly_wage=D("30000"),
        local_average_monthly=average,
    )
    assert (high.months, high.base, high.amount, high.capped) == (D("5"), D("24000"), D("120000.00"), True)
    assert "劳动合同法 第四十七条第二款" in [c.label_zh for c in high.citations]
    long_high = severance(
        started_on=date(2011, 1, 1),
        ended_on=date(2024, 12, 31),
        monthly_wage=D("30000"),
        local_average_monthly=average,
    )
    assert (long_high.months, long_high.amount) == (D("12"), D("288000.00"))  # 14 years, at most 12 count
    long_plain = severance(
        started_on=date(2011, 1, 1),
        ended_on=date(2024, 12, 31),
        monthly_wage=wage,
        local_average_monthly=average,
    )
    assert long_plain.months == D("14")  # below the cap, every year counts


def test_the_rules_browser_shows_the_national_law_beneath_the_five_texts(client, county_officer):
    from django.urls import reverse

    from tests.conftest import client_for

    client_for(client, county_officer)
    page = client.get(reverse("rules_index")).content.decode()
    assert (
        "中华人民共和国劳动合同法" in page
        and "第十九条" in page
        and "同一用人单位与同一劳动者只能约定一次试用期" in page
    )
    assert "职工带薪年休假条例" in page and "中华人民共和国劳动法" in page


def test_overtime_rates_and_the_minimum_working_age_cite_the_labour_law():
    from auxpolice.rules import national
    from auxpolice.rules.citations import Citation

    labels = {kind: Citation.parse(ref).label_zh for kind, ref in national.OVERTIME_REFS.items()}
    assert labels["holiday"] == "劳动法 第四十四条第（三）项"
    assert "百分之三百" in Citation.parse(national.OVERTIME_REFS["holiday"]).text_zh
    assert Citation.parse("labour_law:art15.p1").label_zh == national.MINIMUM_WORKING_AGE_ARTICLE
