"""Who may organise recruitment, and the approval chains for quotas and recruitment plans."""

from ..citations import Citation
from ..decision import Decision, Finding, Outcome
from ..registry import RulePack, Status
from .common import not_covered

LEVEL_ZH = {
    "province": "省级",
    "prefecture": "市（州、盟）级",
    "county": "县（区、旗）级",
    "station": "派出机构（所队）",
    "internal_unit": "内设机构（警种、部门）",
}


def _cited(ref: str | None, rule) -> tuple[Citation, ...]:
    """The paragraph that decides where the pack names it, else the rule's citations."""
    return (Citation.parse(ref),) if ref else rule.citations


def may_organise_recruitment(pack: RulePack, *, agency_level: str) -> Decision:
    rule = pack.rule("recruiter")
    if rule.status != Status.ENFORCED:
        return Decision.combine([not_covered(pack, rule.code, setting="recruiting_levels")])
    if agency_level in rule.data["levels_allowed"]:
        return Decision.combine(
            [
                Finding(
                    rule.code,
                    Outcome.ALLOWED,
                    f"{LEVEL_ZH[agency_level]}公安机关可以组织招聘。",
                    _cited(rule.data.get("allowed_cite"), rule),
                )
            ]
        )
    return Decision.combine(
        [
            Finding(
                rule.code,
                Outcome.REFUSED,
                f"{LEVEL_ZH[agency_level]}不得自行组织警务辅助人员招聘。",
                _cited((rule.data.get("refused_cite") or {}).get(agency_level), rule),
            )
        ],
        data={"levels_allowed": rule.data["levels_allowed"]},
    )


BODY_ZH = {
    "police": "公安机关",
    "staffing_office": "机构编制部门",
    "finance": "财政部门",
    "government": "人民政府",
    "hr_department": "人力资源社会保障部门",
}
LEVEL_OF_BODY_ZH = {"same": "同级", "superior": "上一级", "region": "自治区"}
ACTION_ZH = {"propose": "提出", "consent": "同意", "review": "审核", "approve": "批准", "file": "备案"}


def may_redistribute_quota(pack: RulePack, *, agency_level: str) -> Decision:
    """Whether a superior police organ may move approved places between its subordinates."""
    rule = pack.rule("quota_approval")
    levels = (rule.data or {}).get("redistribution_levels") if rule.status == Status.ENFORCED else None
    if not levels:
        return Decision.combine(
            [
                Finding(
                    rule.code,
                    Outcome.REFUSED,
                    f"{pack.short_zh}未授权上级公安机关统筹调配用人额度；调整须按审批程序办理。",
                    rule.citations if rule.status == Status.ENFORCED else (),
                )
            ]
        )
    if agency_level not in levels:
        return Decision.combine(
            [
                Finding(
                    rule.code,
                    Outcome.REFUSED,
                    f"只有{'、'.join(LEVEL_ZH[level] for level in levels)}公安机关可以统筹调配用人额度。",
                    _cited(rule.data.get("redistribution_cite"), rule),
                )
            ]
        )
    return Decision.combine(
        [
            Finding(
                rule.code,
                Outcome.ALLOWED,
                "可以统筹调配本行政区域内核定的用人额度。",
                _cited(rule.data.get("redistribution_cite"), rule),
            )
        ]
    )


def recruitment_needs_approved_plan(pack: RulePack) -> Decision:
    """Whether recruitment may open only on an approved plan, and the article that says so."""
    rule = pack.rule("plan_approval")
    clause = (rule.data or {}).get("no_plan_no_hire") if rule.status == Status.ENFORCED else None
    if clause:
        return Decision.combine(
            [
                Finding(
                    rule.code,
                    Outcome.REFUSED,
                    "未经批准，不得无计划聘用警务辅助人员。",
                    (Citation.parse(clause["cite"]),),
                )
            ]
        )
    # Silent texts: the product still opens recruitment only on an approved plan (agency practice).
    return Decision.combine([not_covered(pack, rule.code, setting="plan_required")])


def step_label(step: dict) -> str:
    return f"{LEVEL_OF_BODY_ZH[step['level']]}{BODY_ZH[step['body']]}{ACTION_ZH[step['action']]}"


def approval_chain(pack: RulePack, *, kind: str, agency_level: str) -> Decision:
    """The ordered steps for a quota ('quota') or recruitment plan ('plan') of an agency at a level.

    Steps with the same number happen together (e.g. staffing office and finance review in parallel).
    Steps taken by police are approved in the system; the others are recorded with document numbers.
    """
    code = {"quota": "quota_approval", "plan": "plan_approval"}[kind]
    rule = pack.rule(code)
    allowed = (rule.data or {}).get("levels_allowed") if rule.status == Status.ENFORCED else None
    if allowed and agency_level not in allowed:
        return Decision.combine(
            [
                Finding(
                    code,
                    Outcome.REFUSED,
                    f"只有{'、'.join(LEVEL_ZH[level] for level in allowed)}公安机关可以制定招聘计划；"
                    f"{LEVEL_ZH[agency_level]}不得自行制定。",
                    (Citation.parse(rule.data["levels_cite"]),),
                )
            ],
            data={"steps": [], "levels_allowed": allowed},
        )
    chains = (rule.data or {}).get("chains") if rule.status == Status.ENFORCED else None
    steps = (chains or {}).get(agency_level) or (chains or {}).get("all")
    if not steps:
        if rule.status == Status.ENFORCED:
            finding = Finding(
                code,
                Outcome.NOT_REGULATED,
                f"{pack.short_zh}未列明{LEVEL_ZH[agency_level]}的审批程序，由机构设置。",
                _cited((rule.data or {}).get("rule_cite"), rule),
                setting=f"{kind}_approval_chain",
            )
        else:
            finding = not_covered(pack, code, setting=f"{kind}_approval_chain")
        return Decision.combine([finding], data={"steps": []})
    rendered = [
        step | {"label_zh": step_label(step), "inside_police": step["body"] == "police"} for step in steps
    ]
    citations = tuple(dict.fromkeys(Citation.parse(step["cite"]) for step in steps))
    return Decision.combine(
        [
            Finding(
                code,
                Outcome.NEEDS_APPROVAL,
                "审批程序：" + " → ".join(s["label_zh"] for s in rendered) + "。",
                citations,
            )
        ],
        data={"steps": rendered},
    )
