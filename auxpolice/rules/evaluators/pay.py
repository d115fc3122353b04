"""Pay: which statistic a scale is held against and how, the tier pay gap, who must approve a scale, and what
social insurance, housing fund and accident insurance the text requires. Data and small evaluators; the
compensation app does the arithmetic."""

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from ..citations import Citation
from ..decision import Decision, Finding, Outcome
from ..registry import RulePack, Status
from .common import not_covered

STATISTIC_ZH = {
    "prior_year_local_urban_per_capita_disposable_income": "上一年度本地城镇居民人均可支配收入",
    "prior_year_local_average_wage_on_duty_employees": "当地在岗职工上年度平均工资",
}
INSURANCE_ZH = {
    "pension": "基本养老保险",
    "medical": "基本医疗保险",
    "medical_with_maternity": "医疗（生育）保险",
    "maternity": "生育保险",
    "unemployment": "失业保险",
    "work_injury": "工伤保险",
}
# Who the text says sets or approves the pay standard, beyond the police organ itself.
APPROVERS_ZH = {
    "p001": "同级人民政府核定",
    "inner_mongolia": "盟行政公署、设区的市和旗县级人民政府核定",
    "nantong": "人力资源和社会保障部门会同公安、财政部门核定薪酬总量",
}


@dataclass(frozen=True)
class FloorRule:
    statistic: str | None  # the statistic the text names, or None where it names none
    measure: str  # "guaranteed": each person's standard pay; "average": the average over the people paid
    binding: bool  # a floor (below is refused) or a reference (below is a warning)
    citations: tuple[Citation, ...]


def floor_rule(pack: RulePack) -> FloorRule:
    rule = pack.rule("pay")
    if rule.status != Status.ENFORCED:
        return FloorRule(None, "average", False, ())
    floor = rule.data.get("floor")
    if floor:
        measure = "average" if floor["rule"].startswith("average") else "guaranteed"
        return FloorRule(floor["statistic"], measure, True, _precise(floor.get("cite"), rule))
    if rule.data.get("reference_statistic"):
        return FloorRule(
            rule.data["reference_statistic"],
            "average",
            False,
            _precise(rule.data.get("reference_cite"), rule),
        )
    return FloorRule(None, "average", False, rule.citations)


def _precise(ref: str | None, rule) -> tuple[Citation, ...]:
    """The paragraph that decides where the pack names it (Nantong art 7(3) sets the floor, 7(1) the
    approval), else the rule's citations."""
    return (Citation.parse(ref),) if ref else rule.citations


def floor_check(pack: RulePack, *, pay: Decimal, statistic: Decimal | None, source: str = "") -> Decision:
    """The scale's annual pay on the text's measure, against the statistic the officer entered."""
    rule = floor_rule(pack)
    if rule.statistic is None:
        pay_rule = pack.rule("pay")
        if pay_rule.status in (Status.UNKNOWN, Status.SILENT):
            return Decision.combine([not_covered(pack, "pay")])
        return Decision.combine(
            [
                Finding(
                    "pay",
                    Outcome.ALLOWED,
                    f"{pack.short_zh}未规定以统计数据为下限的薪酬标准。",
                    rule.citations,
                )
            ],
            data={"pay": str(pay)},
        )
    name = STATISTIC_ZH[rule.statistic]
    data = {
        "pay": str(pay),
        "statistic": str(statistic) if statistic is not None else None,
        "statistic_name": name,
    }
    if statistic is None:
        return Decision.combine(
            [
                Finding(
                    "pay.statistic_missing",
                    Outcome.REFUSED,
                    f"请先录入{name}（含来源和年度），才能核对薪酬标准。",
                    rule.citations,
                )
            ],
            data=data,
        )
    measure = "平均工资" if rule.measure == "average" else "总体薪酬标准（不含五险一金）"
    numbers = f"{measure} {pay:,.2f} 元/年，{name} {statistic:,.2f} 元/年{f'（{source}）' if source else ''}"
    if pay >= statistic:
        return Decision.combine(
            [Finding("pay", Outcome.ALLOWED, f"{numbers}：不低于基准。", rule.citations)], data=data
        )
    if rule.binding:
        return Decision.combine(
            [Finding("pay.floor", Outcome.REFUSED, f"{numbers}：低于规定的下限。", rule.citations)], data=data
        )
    return Decision.combine(
        [
            Finding(
                "pay.reference", Outcome.WARNING, f"{numbers}：低于参照标准（参照，非下限）。", rule.citations
            )
        ],
        data=data,
    )


def tier_gap(pack: RulePack, tier_pays: list[tuple[str, Decimal]]) -> Decision:
    """Tier pay, lowest tier first. Nantong art 7.2 requires a gap between tiers; where a text only links
    tiers to pay, equal pay for different tiers is a warning."""
    rule = pack.rule("tiers")
    flat = [(low, high) for (low, low_pay), (high, high_pay) in pairwise(tier_pays) if high_pay <= low_pay]
    if not flat:
        return Decision.combine(
            [
                Finding(
                    "tiers.pay",
                    Outcome.ALLOWED,
                    "层级之间的工资待遇逐级提高。",
                    rule.citations if rule.status == Status.ENFORCED else (),
                )
            ]
        )
    pairs = "、".join(f"{high}不高于{low}" for low, high in flat)
    gap_ref = rule.data.get("tier_pay_gap_required") if rule.status == Status.ENFORCED else None
    if gap_ref:
        return Decision.combine(
            [
                Finding(
                    "tiers.pay_gap",
                    Outcome.REFUSED,
                    f"层级之间应当体现适当差距：{pairs}。",
                    (Citation.parse(gap_ref),),
                )
            ]
        )
    if rule.status == Status.ENFORCED and rule.data.get("linked_to_pay"):
        return Decision.combine(
            [Finding("tiers.pay_gap", Outcome.WARNING, f"层级与薪酬待遇挂钩，但{pairs}。", rule.citations)]
        )
    return Decision.combine(
        [Finding("tiers.pay_gap", Outcome.NOT_REGULATED, f"{pack.short_zh}未规定层级工资差距：{pairs}。")]
    )


def approver(pack: RulePack) -> tuple[str | None, tuple[Citation, ...]]:
    """The body outside the police organ whose approval (核定) the pay standard needs, where the text names
    one."""
    rule = pack.rule("pay")
    if rule.status == Status.ENFORCED and pack.jurisdiction in APPROVERS_ZH:
        return APPROVERS_ZH[pack.jurisdiction], _precise(rule.data.get("approval_cite"), rule)
    return None, ()


@dataclass(frozen=True)
class InsuranceRule:
    insurance: tuple[
        str, ...
    ]  # each item the text names; ("social_insurance",) where it names only the whole
    housing_fund: bool | None  # required, or None where the text is silent
    accident_insurance: str | None  # by_post_risk / high_risk_posts
    citations: tuple[Citation, ...]
    known: bool


def insurance_rule(pack: RulePack) -> InsuranceRule:
    rule = pack.rule("social_security")
    if rule.status != Status.ENFORCED:
        return InsuranceRule((), None, None, (), False)
    items = rule.data.get("insurance")
    items = tuple(items) if isinstance(items, list) else (items,)
    return InsuranceRule(
        items,
        True if rule.data.get("housing_fund") else None,
        rule.data.get("accident_insurance"),
        rule.citations,
        True,
    )


def overtime_citations(pack: RulePack) -> tuple[Citation, ...]:
    """Where the text says overtime is paid or compensated with leave (p001 art 35.2)."""
    rule = pack.rule("leave_and_overtime")
    if rule.status in (Status.ENFORCED, Status.INFORMATIONAL) and rule.data.get("overtime"):
        return tuple(c for c in rule.citations)
    return ()
