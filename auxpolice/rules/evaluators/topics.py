"""What a jurisdiction says on a topic, as data with citations: assessment dimensions, tiers, social
insurance, contract contents, recusal, suspension and the rest. Callers read `data`; where the text is
silent the outcome says so and names the agency setting that decides."""

from ..decision import Decision, Finding, Outcome
from ..registry import RulePack, Status
from ..topics import TOPIC_ZH
from .common import BadQuestion, not_covered


def topic(pack: RulePack, *, code: str) -> Decision:
    if code not in TOPIC_ZH:
        raise BadQuestion(f"未知的规则代码：{code}；可选：{', '.join(TOPIC_ZH)}", field="code")
    rule = pack.rule(code)
    if rule.status in (Status.SILENT, Status.UNKNOWN):
        return Decision.combine([not_covered(pack, code, setting=code)], data={"code": code})
    wording = (
        "规定如下（系统执行）。"
        if rule.status == Status.ENFORCED
        else "规定如下（仅供参考，系统不据此办理）。"
    )
    return Decision.combine(
        [Finding(code, Outcome.ALLOWED, f"{TOPIC_ZH[code]}：{wording}", rule.citations)],
        data={"code": code, "status": rule.status, "values": rule.data, "note": rule.note},
    )


def assessment_dimensions(pack: RulePack) -> list[str]:
    """The dimensions an annual assessment scores, as the text names them (empty where silent)."""
    rule = pack.rule("assessment")
    return list(rule.data.get("dimensions", [])) if rule.status == Status.ENFORCED else []
