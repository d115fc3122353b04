"""National labour law beneath the five texts (劳动合同法), applied in every jurisdiction.

The local texts say auxiliaries sign labour contracts "依法"; where they say more (Sichuan: a first contract
has a probation) both apply, and the stricter wins because both must be met."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from ..citations import Citation
from ..decision import Decision, Finding, Outcome

LCL = "labour_contract_law"


MONTHS_ZH = {1: "一", 2: "二", 6: "六"}


def _cite(ref: str) -> tuple[Citation, ...]:
    return (Citation.parse(f"{LCL}:{ref}"),)


def _months_reached(starts_on: date, last_day: date, months: int) -> bool:
    """True when the period from `starts_on` to `last_day` (both included) lasts `months` months or more."""
    return last_day + timedelta(days=1) >= starts_on + relativedelta(months=months)


def probation_limit_months(starts_on: date, ends_on: date | None) -> int:
    """The longest probation art 19 allows (0: none may be agreed); `ends_on` None is an open-ended
    contract (six months, like three years or more)."""
    if ends_on is None:
        return 6
    if not _months_reached(starts_on, ends_on, 3):
        return 0
    if not _months_reached(starts_on, ends_on, 12):
        return 1
    if not _months_reached(starts_on, ends_on, 36):
        return 2
    return 6


def probation(
    *, starts_on: date, ends_on: date | None, probation_ends_on: date | None, earlier_contract: bool
) -> Decision:
    """A probation agreed in a fixed-term contract: its length by the term, and only once per employer (a
    renewal or a rehire by the same employer gets none)."""
    if probation_ends_on is None:
        return Decision.combine([])
    findings = []
    if earlier_contract:
        findings.append(
            Finding(
                "national.probation.once",
                Outcome.REFUSED,
                "同一用人单位与同一劳动者只能约定一次试用期：续订或再次聘用的劳动合同不得约定试用期。",
                _cite("art19.p2"),
            )
        )
    limit = probation_limit_months(starts_on, ends_on)
    if limit == 0:
        findings.append(
            Finding(
                "national.probation.short_contract",
                Outcome.REFUSED,
                "劳动合同期限不满三个月的，不得约定试用期。",
                _cite("art19.p3"),
            )
        )
    elif probation_ends_on > (last_day := starts_on + relativedelta(months=limit) - timedelta(days=1)):
        findings.append(
            Finding(
                "national.probation.length",
                Outcome.REFUSED,
                f"该劳动合同期限的试用期不得超过{MONTHS_ZH[limit]}个月（最迟至 {last_day:%Y-%m-%d}）。",
                _cite("art19.p1"),
            )
        )
    if not findings:
        findings.append(
            Finding(
                "national.probation", Outcome.ALLOWED, "试用期符合劳动合同法的期限规定。", _cite("art19.p1")
            )
        )
    return Decision.combine(findings, data={"limit_months": limit})


def open_ended_due(*, consecutive_fixed_terms: int, years_of_service: int) -> Decision:
    """Whether a renewal must offer an open-ended contract (art 14(2)): after ten years' continuous service
    with the employer, or on renewing after two consecutive fixed-term contracts, an open-ended contract is
    owed when the person asks for or agrees to a renewal, unless the person asks for a fixed term. Whether the
    person has an art 39 or art 40(1)/(2) ground against them is for the officer (the system records none)."""
    findings = []
    if years_of_service >= 10:
        findings.append(
            Finding(
                "national.open_ended.ten_years",
                Outcome.WARNING,
                f"已在本单位连续工作满十年（{years_of_service}年）：本人提出或者同意续订的，除本人提出订立固定期限"
                "劳动合同外，应当订立无固定期限劳动合同。",
                _cite("art14.p2(1)"),
            )
        )
    if consecutive_fixed_terms >= 2:
        findings.append(
            Finding(
                "national.open_ended.two_terms",
                Outcome.WARNING,
                f"已连续订立{consecutive_fixed_terms}次固定期限劳动合同：续订时，除本人提出订立固定期限劳动合同外，"
                "应当订立无固定期限劳动合同（本人有第三十九条或第四十条第一项、第二项情形的除外）。",
                _cite("art14.p2(3)"),
            )
        )
    return Decision.combine(findings)


def renewal_term(
    *,
    consecutive_fixed_terms: int,
    years_of_service: int,
    open_ended: bool,
    requested_fixed_term: bool,
    exception: str = "",
) -> Decision:
    """A renewal's term against art 14(2): where an open-ended contract is owed, a fixed term is refused
    unless the person asked for one. The art 39 / art 40(1)(2) exception lifts only the two-terms ground."""
    owed = open_ended_due(
        consecutive_fixed_terms=0 if exception.strip() else consecutive_fixed_terms,
        years_of_service=years_of_service,
    )
    if open_ended or requested_fixed_term or not owed.findings:
        reason = (
            "订立无固定期限劳动合同。"
            if open_ended
            else "劳动者本人提出订立固定期限劳动合同。"
            if owed.findings
            else "未出现应当订立无固定期限劳动合同的情形。"
        )
        return Decision.combine(
            [Finding("national.renewal_term", Outcome.ALLOWED, reason, owed.citations or _cite("art14.p2"))]
        )
    return Decision.combine(
        [
            Finding(
                "national.renewal_term.open_ended_owed",
                Outcome.REFUSED,
                "应当订立无固定期限劳动合同：劳动者未提出订立固定期限劳动合同的，不得续订固定期限劳动合同。",
                owed.citations,
            )
        ]
    )


TEMPORARY_POST_MONTHS = 6


def dispatch(*, kind: str, post: str, starts_on: date, ends_on: date | None) -> Decision:
    """Dispatch (劳务派遣) only on a temporary, auxiliary or substitute post (art 66(1)); a temporary post
    lasts at most six months (art 66(2)). Whether the local text allows dispatch at all is the pack's."""
    if kind != "labour_dispatch":
        return Decision.combine([])
    if post not in ("temporary", "auxiliary", "substitute"):
        return Decision.combine(
            [
                Finding(
                    "national.dispatch.post",
                    Outcome.REFUSED,
                    "劳务派遣用工只能在临时性、辅助性或者替代性的工作岗位上实施：请注明岗位性质。",
                    _cite("art66.p1"),
                )
            ]
        )
    if post == "temporary" and (
        ends_on is None or _months_reached(starts_on, ends_on - timedelta(days=1), TEMPORARY_POST_MONTHS)
    ):
        return Decision.combine(
            [
                Finding(
                    "national.dispatch.temporary",
                    Outcome.REFUSED,
                    "临时性工作岗位是指存续时间不超过六个月的岗位：派遣期限超过六个月的，不是临时性岗位。",
                    _cite("art66.p2"),
                )
            ]
        )
    return Decision.combine(
        [Finding("national.dispatch", Outcome.ALLOWED, "派遣岗位符合劳务派遣的岗位范围。", _cite("art66.p1"))]
    )


PROBATION_PAY_MIN_PERCENT = 80


def probation_pay(*, percent: int) -> Decision:
    """Art 20: probation pay at least 80 % of the agreed wage (the agency's setting applies a percentage to
    the scale); the local minimum wage is checked on each payroll line."""
    if percent < PROBATION_PAY_MIN_PERCENT or percent > 100:
        return Decision.combine(
            [
                Finding(
                    "national.probation_pay",
                    Outcome.REFUSED,
                    "试用期工资不得低于劳动合同约定工资的百分之八十（可设 80–100）。",
                    _cite("art20"),
                )
            ]
        )
    return Decision.combine(
        [
            Finding(
                "national.probation_pay",
                Outcome.ALLOWED,
                f"试用期工资按约定工资的{percent}%。",
                _cite("art20"),
            )
        ]
    )


ALR = "annual_leave_regulation"


def annual_leave_days(cumulative_years: int) -> tuple[int, tuple[Citation, ...]]:
    """Paid annual leave a year by cumulative years of work (职工带薪年休假条例 art 3): none under one year
    (art 2 asks one year's continuous work), 5 days from 1 year, 10 from 10, 15 from 20. Public holidays and
    rest days do not count as leave days (art 3(2)): leave is counted in working days."""
    cited = (Citation.parse(f"{ALR}:art3.p1"),)
    if cumulative_years < 1:
        return 0, (Citation.parse(f"{ALR}:art2"),)
    if cumulative_years < 10:
        return 5, cited
    if cumulative_years < 20:
        return 10, cited
    return 15, cited


# The grounds on which a contract ends, as art 46 sorts them: (pays severance, article, wording).
SEVERANCE_GROUNDS = {
    "art46_1": (True, "art46(1)", "劳动者依照第三十八条解除劳动合同"),
    "art46_2": (True, "art46(2)", "用人单位提出、双方协商一致解除劳动合同（第三十六条）"),
    "art46_3": (True, "art46(3)", "用人单位依照第四十条解除劳动合同"),
    "art46_4": (True, "art46(4)", "用人单位依照第四十一条第一款裁减人员"),
    "art46_5": (True, "art46(5)", "固定期限劳动合同期满终止，用人单位未以维持或者提高约定条件续订"),
    "art46_6": (True, "art46(6)", "依照第四十四条第四项、第五项终止劳动合同"),
    "renewal_refused": (False, "art46(5)", "用人单位维持或者提高约定条件续订，劳动者不同意续订"),
    "none": (False, "art46", "不属于第四十六条规定的情形（如本人辞职、依照第三十九条解除）"),
}


def severance_due(ground: str) -> Decision:
    """Whether the way a contract ends pays severance (art 46)."""
    if ground not in SEVERANCE_GROUNDS:
        return Decision.combine(
            [
                Finding(
                    "national.severance.ground",
                    Outcome.REFUSED,
                    "请选择劳动合同解除或者终止的情形。",
                    _cite("art46"),
                )
            ]
        )
    pays, ref, wording = SEVERANCE_GROUNDS[ground]
    return Decision.combine(
        [
            Finding(
                "national.severance.due" if pays else "national.severance.none",
                Outcome.ALLOWED,  # the law answers both ways; data says which
                f"{wording}：{'应当支付经济补偿' if pays else '不支付经济补偿'}。",
                _cite(ref),
            )
        ],
        data={"pays": pays},
    )


@dataclass(frozen=True)
class Severance:
    """经济补偿 (art 47): months of pay owed, the monthly base, the amount, and the articles."""

    months: Decimal
    base: Decimal
    amount: Decimal
    capped: bool
    citations: tuple[Citation, ...]


def severance(
    *, started_on: date, ended_on: date, monthly_wage: Decimal, local_average_monthly: Decimal | None
) -> Severance:
    """One month's pay per full year of service; six months or more of a further year count as a year, less
    than six months as half a month. Above three times the local average monthly wage (上年度职工月平均工资,
    published by the city), the base is three times that average and at most twelve years count.
    `monthly_wage` is the average of the last twelve months (art 47(3))."""
    served = relativedelta(ended_on + timedelta(days=1), started_on)
    months = Decimal(served.years)
    if served.months >= 6:
        months += 1
    elif served.months or served.days:
        months += Decimal("0.5")
    cited = [Citation.parse(f"{LCL}:art47.p1"), Citation.parse(f"{LCL}:art47.p3")]
    base, capped = monthly_wage, False
    if local_average_monthly is not None and monthly_wage > 3 * local_average_monthly:
        base, capped = 3 * local_average_monthly, True
        months = min(months, Decimal(12))
        cited.insert(1, Citation.parse(f"{LCL}:art47.p2"))
    amount = (base * months).quantize(Decimal("0.01"))
    return Severance(months, base, amount, capped, tuple(cited))
