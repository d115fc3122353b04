"""Duty assignments: the jurisdiction's catalogue per category, and the duties no auxiliary may do."""

from dataclasses import dataclass
from functools import cache

from ..citations import Citation
from ..decision import Decision, Finding, Outcome
from ..registry import RulePack, Status, all_packs
from .common import BadQuestion, not_covered, require_choice
from .eligibility import CATEGORIES

# Sichuan tags service duties by how police supervise them (sichuan:art10 vs art11).
SUPERVISION_MODES = {
    "service_led_by_police": "led_by_police",
    "service_under_organisation": "under_police_organisation",
    "service_enforcement_assist": "led_by_police",
}


@dataclass(frozen=True)
class CatalogueItem:
    code: str
    category: str
    group: str
    citation: Citation
    summary_zh: str
    open_ended: bool  # a 其他 / 等 item: the agency names the concrete duty and its basis
    grants: tuple[str, ...] = ()  # equipment the duty itself names (Sichuan art 9(2): 无人机操控)


def catalogue(pack: RulePack) -> list[CatalogueItem]:
    rule = pack.rule("duties_allowed")
    if rule.status != Status.ENFORCED:
        return []
    items = []
    for group, spec in rule.data.items():
        if not isinstance(spec, dict) or "items" not in spec:
            continue
        category = "civilian" if group.startswith("civilian") else "service"
        for item in spec["items"]:
            items.append(
                CatalogueItem(
                    code=item["code"],
                    category=category,
                    group=group,
                    citation=Citation.parse(item["cite"]),
                    summary_zh=item["summary_zh"],
                    open_ended=item["summary_zh"] == "其他",
                    grants=tuple(item.get("grants", ())),
                )
            )
    return items


def forbidden(pack: RulePack) -> dict[str, Citation]:
    rule = pack.rule("duties_forbidden")
    if rule.status != Status.ENFORCED or not isinstance(rule.data, list):
        return {}
    return {item["code"]: Citation.parse(item["cite"]) for item in rule.data}


@cache
def forbidden_vocabulary() -> frozenset[str]:
    """Every forbidden-duty code any text lists: a question about one of them is a fair question in every
    jurisdiction, answered by that jurisdiction's text, its silence or its agency setting."""
    return frozenset(
        code for versions in all_packs().values() for pack in versions for code in forbidden(pack)
    )


def evaluate(pack: RulePack, *, category: str, duty: str, settings: dict | None = None) -> Decision:
    require_choice(category, CATEGORIES, "category")
    settings = settings or {}
    banned = forbidden(pack)
    if duty in banned:
        citation = banned[duty]
        return Decision.combine(
            [
                Finding(
                    "duties_forbidden",
                    Outcome.REFUSED,
                    f"警务辅助人员不得从事此项工作：{citation.text_zh.rstrip('；。')}。",
                    (citation,),
                )
            ],
            data={"duty": duty},
        )
    if duty in settings.get("forbidden_duties", ()):
        return Decision.combine(
            [
                Finding(
                    "duties_forbidden",
                    Outcome.REFUSED,
                    "机构设置将此项工作列为警务辅助人员不得从事的工作。",
                    setting="forbidden_duties",
                )
            ],
            data={"duty": duty},
        )

    items = {item.code: item for item in catalogue(pack)}
    item = items.get(duty)
    if item is None and duty in forbidden_vocabulary():
        # Another text forbids it; this one does not list it (Nantong art 10 defers to a provincial text not
        # provided): the agency setting decides, and it does not forbid it.
        rule = pack.rule("duties_forbidden")
        return Decision.combine(
            [
                not_covered(
                    pack,
                    "duties_forbidden",
                    setting="forbidden_duties",
                    detail=(rule.note or "本规定未列明此项禁止事项") + "机构设置未将此项列为禁止。",
                )
            ],
            data={"duty": duty},
        )
    if item is None:
        if not items:
            return Decision.combine(
                [not_covered(pack, "duties_allowed", setting="duty_catalogue")], data={"duty": duty}
            )
        known = sorted(items) + sorted(banned)
        raise BadQuestion(
            f"{pack.short_zh}的岗位职责目录中没有 {duty}；可选：{', '.join(known)}", field="duty"
        )
    data = {
        "duty": duty,
        "group": item.group,
        "summary_zh": item.summary_zh,
        "supervision": SUPERVISION_MODES.get(item.group),
    }
    if item.category != category:
        label = {"civilian": "文职", "service": "勤务"}
        return Decision.combine(
            [
                Finding(
                    "duties_allowed",
                    Outcome.REFUSED,
                    f"此项工作属于{label[item.category]}辅警的职责，不能安排给{label[category]}辅警。",
                    (item.citation,),
                )
            ],
            data=data,
        )
    findings = [Finding("duties_allowed", Outcome.ALLOWED, f"属于{item.summary_zh}。", (item.citation,))]
    if item.open_ended:
        findings.append(
            Finding(
                "duties_allowed.other",
                Outcome.WARNING,
                "“其他”项：须写明具体工作内容及其依据。",
                (item.citation,),
            )
        )
    return Decision.combine(findings, data=data)
