"""Posting prerequisites, termination grounds, items returned on separation, health checks, pay floors."""

from decimal import Decimal

from ..citations import Citation
from ..decision import Decision, Finding, Outcome
from ..registry import RulePack, Status
from . import pay as pay_rules
from .common import BadQuestion, not_covered


def posting(pack: RulePack, *, passed_pre_service_training: bool) -> Decision:
    rule = pack.rule("training")
    clause = rule.data.get("posting_requires_passed_pre_service") if rule.status == Status.ENFORCED else None
    if clause:  # the paragraph that makes passing the pre-service training a condition of posting
        cited = (Citation.parse(clause),)
        if passed_pre_service_training:
            return Decision.combine(
                [Finding(rule.code, Outcome.ALLOWED, "已通过岗前培训，可以上岗。", cited)]
            )
        return Decision.combine(
            [Finding(rule.code, Outcome.REFUSED, "未经岗前培训或者培训不合格的，不得上岗。", cited)]
        )
    if rule.status == Status.UNKNOWN:
        return Decision.combine([not_covered(pack, rule.code)])
    return Decision.combine(
        [
            Finding(
                rule.code,
                Outcome.NOT_REGULATED,
                f"{pack.short_zh}未把通过岗前培训规定为上岗前提。",
                rule.citations,
                setting="posting_requires_pre_service",
            )
        ]
    )


CONTRACT_ITEM_ZH = {
    "rights_duties": "双方权利义务",
    "job_requirements": "岗位要求",
    "working_conditions": "工作条件",
    "probation": "试用期",
    "term": "合同期限",
    "pay": "薪酬待遇",
    "termination_grounds": "解除情形",
    "breach_liability": "违约责任",
}


def contract(
    pack: RulePack, *, kind: str, stated: tuple[str, ...], has_probation: bool, first_contract: bool
) -> Decision:
    """A labour contract about to be signed: its kind, the contents the text requires, probation."""
    rule = pack.rule("contract")
    if rule.status != Status.ENFORCED:
        return Decision.combine([not_covered(pack, "contract", setting="contract")])
    findings = []
    if kind not in rule.data["kinds"]:
        findings.append(
            Finding(
                "contract.kind",
                Outcome.REFUSED,
                "本辖区辅警用工须签订劳动合同，不采用劳务派遣。"
                if kind == "labour_dispatch"
                else f"本辖区不采用 {kind} 用工方式。",
                rule.citations,
            )
        )
    missing = [item for item in rule.data.get("must_state", []) if item not in stated]
    if missing:
        findings.append(
            Finding(
                "contract.must_state",
                Outcome.REFUSED,
                "劳动合同应当载明：" + "、".join(CONTRACT_ITEM_ZH[item] for item in missing) + "。",
                rule.citations,
            )
        )
    if rule.data.get("probation") == "required" and first_contract and not has_probation:
        findings.append(
            Finding("contract.probation", Outcome.REFUSED, "首次签订劳动合同应当约定试用期。", rule.citations)
        )
    if not findings:
        findings.append(
            Finding("contract", Outcome.ALLOWED, "劳动合同符合规定的形式和内容要求。", rule.citations)
        )
    return Decision.combine(
        findings, data={"must_state": rule.data.get("must_state", []), "kinds": rule.data["kinds"]}
    )


# National law beneath every text: the employer may end a labour contract on these grounds whatever the local
# text lists (劳动合同法 第三十六条, 第三十九条, 第四十条). The ground's code is its article.
NATIONAL_GROUNDS = (
    "labour_contract_law:art36",
    *(f"labour_contract_law:art39({n})" for n in range(1, 7)),
    *(f"labour_contract_law:art40({n})" for n in range(1, 4)),
)


def _national_ground(ground: str) -> Decision | None:
    if ground not in NATIONAL_GROUNDS:
        return None
    citation = Citation.parse(ground)
    return Decision.combine(
        [
            Finding(
                "national.termination",
                Outcome.ALLOWED,
                f"依据劳动合同法解除：{citation.text_zh.rstrip('；。')}。",
                (citation,),
            )
        ]
    )


def _national_choices() -> list[tuple[str, str]]:
    return [
        (ground, f"{Citation.parse(ground).label_zh}：{Citation.parse(ground).text_zh.rstrip('；。')}")
        for ground in NATIONAL_GROUNDS
    ]


def termination_grounds_offered(
    pack: RulePack, *, contract_grounds: tuple[str, ...] = (), settings: dict | None = None
) -> list[tuple[str, str]]:
    """The grounds an officer may choose from, with their wording: the text's list, else the contract's
    own grounds (p001, Inner Mongolia), else the agency setting."""
    rule = pack.rule("termination_grounds")
    if rule.status == Status.ENFORCED and isinstance(rule.data, list):
        local = [(item["code"], Citation.parse(item["cite"]).text_zh.rstrip("；。")) for item in rule.data]
    elif rule.status == Status.ENFORCED:
        local = [(ground, ground) for ground in contract_grounds]
    else:
        local = [(ground, ground) for ground in (settings or {}).get("termination_grounds", [])]
    return local + _national_choices()


def termination(
    pack: RulePack, *, ground: str, contract_grounds: tuple[str, ...] = (), settings: dict | None = None
) -> Decision:
    rule = pack.rule("termination_grounds")
    national = _national_ground(ground)
    if national is not None:
        return national
    if rule.status in (Status.SILENT, Status.UNKNOWN):
        configured = (settings or {}).get("termination_grounds", [])
        if ground in configured:
            return Decision.combine(
                [
                    Finding(
                        rule.code,
                        Outcome.ALLOWED,
                        "依据机构设置的解除情形解除。",
                        setting="termination_grounds",
                    )
                ]
            )
        # Silence is not a no: the text neither lists nor refuses; the ground is simply not one the agency
        # set or the law names, so nothing allows it (the action stops; the answer stays not_regulated or
        # unknown).
        return Decision.combine(
            [
                not_covered(
                    pack,
                    rule.code,
                    setting="termination_grounds",
                    detail=f"{ground} 既不在机构设置的解除情形中，也不是劳动合同法规定的解除情形。",
                )
            ]
        )
    if isinstance(rule.data, list):
        grounds = {item["code"]: Citation.parse(item["cite"]) for item in rule.data}
        if ground in grounds:
            citation = grounds[ground]
            return Decision.combine(
                [
                    Finding(
                        f"termination_grounds.{ground}",
                        Outcome.ALLOWED,
                        f"解除依据：{citation.text_zh.rstrip('；。')}。",
                        (citation,),
                    )
                ]
            )
        return Decision.combine(
            [
                Finding(
                    rule.code,
                    Outcome.REFUSED,
                    f"{ground} 不是规定的解除劳动合同情形；可选：{', '.join(grounds)}。",
                    rule.citations,
                )
            ]
        )
    # Grounds stated in the contract (p001 art16) or legal/contractual grounds (Inner Mongolia art40).
    if ground in contract_grounds or ground.startswith("law:"):
        return Decision.combine(
            [Finding(rule.code, Outcome.ALLOWED, "依据劳动合同约定或者法律规定的情形解除。", rule.citations)]
        )
    return Decision.combine(
        [
            Finding(
                rule.code, Outcome.REFUSED, "解除须依据劳动合同约定的情形或者法律规定的情形。", rule.citations
            )
        ]
    )


def separation_returns(pack: RulePack) -> Decision:
    rule = pack.rule("separation_returns")
    if rule.status != Status.ENFORCED:
        return Decision.combine([not_covered(pack, rule.code, setting="separation_items")])
    return Decision.combine(
        [Finding(rule.code, Outcome.ALLOWED, "离职时应当交回配发的物品。", rule.citations)],
        data={"items": rule.data["items"], "duty_of": rule.data["duty_of"]},
    )


def health_checks(pack: RulePack) -> Decision:
    rule = pack.rule("health_checks")
    if rule.status != Status.ENFORCED:
        return Decision.combine([not_covered(pack, rule.code, setting="health_check_months")])
    return Decision.combine(
        [Finding(rule.code, Outcome.ALLOWED, "应当组织健康检查。", rule.citations)],
        data={"frequency": rule.data["frequency"], "health_record": bool(rule.data.get("health_record"))},
    )


def pay_floor(pack: RulePack, *, pay: Decimal, statistic: Decimal, statistic_name: str) -> Decision:
    """The pay-floor question: the same check the pay scale page makes (pay.floor_check), after making sure
    the statistic asked about is the one the text names."""
    expected = pay_rules.floor_rule(pack).statistic
    if expected and statistic_name != expected:
        raise BadQuestion(
            f"{pack.short_zh}以 {expected} 为基准，而不是 {statistic_name}。", field="statistic_name"
        )
    return pay_rules.floor_check(pack, pay=pay, statistic=statistic)
