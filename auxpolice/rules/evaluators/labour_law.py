"""National labour law beneath the five texts (劳动合同法), applied in every jurisdiction.

The local texts say auxiliaries sign labour contracts "依法"; where they say more (Sichuan: a first contract
has a probation) both apply, and the stricter wins because both must be met."""

from datetime import date, timedelta

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


def probation_limit_months(starts_on: date, ends_on: date) -> int:
    """The longest probation art 19 allows for a fixed-term contract (0: none may be agreed)."""
    if not _months_reached(starts_on, ends_on, 3):
        return 0
    if not _months_reached(starts_on, ends_on, 12):
        return 1
    if not _months_reached(starts_on, ends_on, 36):
        return 2
    return 6


def probation(
    *, starts_on: date, ends_on: date, probation_ends_on: date | None, earlier_contract: bool
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
