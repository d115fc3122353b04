"""What may be issued or used: weapons never; restraint tools, vehicles and drones only as the text allows."""

from ..decision import Decision, Finding, Outcome
from ..registry import RulePack, Status
from . import duty
from .common import BadQuestion, not_covered

ITEMS = (
    "weapon",
    "police_instrument",
    "restraint_instrument",
    "vehicle",
    "boat",
    "drone",
    "robot",
    "duty_gear",
    "protective_gear",
    "work_id",
    "uniform",
    "insignia",
)
VEHICLE_WORDS = {"vehicle": "vehicles", "boat": "boats", "drone": "drones", "robot": "police_robots"}


def evaluate(
    pack: RulePack,
    *,
    item: str,
    category: str = "service",
    emergency: bool | None = None,
    under_police_command: bool | None = None,
    under_police_lead: bool | None = None,
    settings: dict | None = None,
) -> Decision:
    if item not in ITEMS:
        raise BadQuestion(f"未知的装备类别：{item}；可选：{', '.join(ITEMS)}", field="item")
    settings = settings or {}
    if item in ("weapon", "police_instrument"):
        return Decision.combine([_weapons(pack, item, settings)], data={"item": item})
    if item == "restraint_instrument":
        return Decision.combine(
            [_restraint(pack, category, emergency, under_police_command, under_police_lead)],
            data={"item": item},
        )
    if item in VEHICLE_WORDS:
        return Decision.combine([_vehicles(pack, item, category)], data={"item": item})
    code = "equipment.duty_and_protective_gear" if item.endswith("_gear") else "equipment.id_uniform_insignia"
    rule = pack.rule(code)
    if rule.status != Status.ENFORCED:
        return Decision.combine([not_covered(pack, code)], data={"item": item})
    return Decision.combine(
        [Finding(code, Outcome.ALLOWED, "可以配发。", rule.citations)], data={"item": item}
    )


def _weapons(pack, item, settings) -> Finding:
    rule = pack.rule("equipment.weapons")
    if rule.status == Status.ENFORCED:
        if item == "weapon" or rule.data.get("also_police_instruments") is False:
            return Finding(
                rule.code,
                Outcome.REFUSED,
                "警务辅助人员不得配备、使用武器" + ("和警械。" if item != "weapon" else "。"),
                rule.citations,
            )
        return not_covered(pack, rule.code, detail="规定只禁止武器，对其他警械（约束性警械除外）未作规定。")
    if item == "weapon" and settings.get("weapons_forbidden", True):
        # The text is silent; the product never issues weapons to auxiliaries (agency setting, not overridable
        # here).
        return Finding(
            rule.code,
            Outcome.REFUSED,
            f"{pack.short_zh}未就武器作出规定；按机构设置，辅警一律不配发武器。",
            setting="weapons_forbidden",
        )
    return not_covered(pack, rule.code, setting="police_instruments")


def _restraint(pack, category, emergency, command, lead) -> Finding:
    rule = pack.rule("equipment.restraint_instruments_assist")
    if rule.status != Status.ENFORCED:
        return not_covered(pack, rule.code, setting="restraint_instruments")
    allowed = rule.data["allowed"]
    if allowed is False:
        return Finding(
            rule.code, Outcome.REFUSED, "警务辅助人员不得配备、使用警械（含约束性警械）。", rule.citations
        )
    if rule.data.get("category") and category != rule.data["category"]:
        return Finding(rule.code, Outcome.REFUSED, "只有勤务辅警可以协助使用约束性警械。", rule.citations)
    # Keep the literal wording: p001 says command AND lead, Sichuan command OR lead.
    needs_both = allowed.endswith("command_and_lead")
    supervised = (command and lead) if needs_both else (command or lead)
    condition = "在人民警察的指挥" + ("和" if needs_both else "或者") + "带领下"
    if emergency is None or (command is None and lead is None):
        return Finding(
            rule.code, Outcome.WARNING, f"仅限紧急情况下{condition}协助使用约束性警械。", rule.citations
        )
    if emergency and supervised:
        return Finding(
            rule.code, Outcome.ALLOWED, f"紧急情况下{condition}协助使用约束性警械。", rule.citations
        )
    return Finding(
        rule.code, Outcome.REFUSED, f"只能在紧急情况下{condition}协助使用约束性警械。", rule.citations
    )


CATEGORY_ZH = {"service": "勤务", "civilian": "文职"}


def _catalogue_grant(pack, item, category) -> Finding | None:
    """The same text's duty catalogue may name the equipment as a duty of one category (Sichuan art 9(2):
    文职 无人机操控): one catalogue per text answers both the duty and the equipment question."""
    granting = [entry for entry in duty.catalogue(pack) if VEHICLE_WORDS[item] in entry.grants]
    if not granting:
        return None
    mine = [entry for entry in granting if entry.category == category]
    if mine:
        return Finding(
            "duties_allowed",
            Outcome.ALLOWED,
            f"可以操控、使用：属于{CATEGORY_ZH[category]}辅警的职责（{mine[0].summary_zh}）。",
            tuple(entry.citation for entry in mine),
        )
    who = "、".join(dict.fromkeys(CATEGORY_ZH[entry.category] for entry in granting))
    return not_covered(
        pack,
        "duties_allowed",
        detail=f"规定只将此类装备列为{who}辅警的职责，对其他辅警未作规定。",
    )


def _vehicles(pack, item, category) -> Finding:
    rule = pack.rule("equipment.vehicles")
    if rule.status != Status.ENFORCED or VEHICLE_WORDS[item] not in rule.data.get("includes", []):
        granted = _catalogue_grant(pack, item, category)
        if granted is not None:
            return granted
    if rule.status != Status.ENFORCED:
        return not_covered(pack, rule.code, setting="vehicles")
    if VEHICLE_WORDS[item] not in rule.data.get("includes", []):
        return not_covered(pack, rule.code, detail=f"规定未提及此类装备（{item}）。")
    granted_to = rule.data.get("category")
    if granted_to and category != granted_to:
        # A grant is for whom the text names: the other category is not given it (the text is silent on them).
        return not_covered(
            pack,
            rule.code,
            detail=f"规定只允许{CATEGORY_ZH[granted_to]}辅警驾驶、使用此类装备，对其他辅警未作规定。",
        )
    conditions = {
        "under_police_command_or_lead_with_matching_licence": "须在人民警察指挥或带领下，并持有相应驾驶资格",
        "under_police_command": "须在人民警察指挥下",
        "per_regulations": "按照有关规定",
    }[rule.data["allowed"]]
    return Finding(rule.code, Outcome.ALLOWED, f"可以驾驶、使用，{conditions}。", rule.citations)
