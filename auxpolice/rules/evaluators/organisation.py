"""Who may organise recruitment, and the approval chains for quotas and recruitment plans."""

from ..decision import Decision, Finding, Outcome
from ..registry import RulePack, Status
from .common import not_covered

LEVEL_ZH = {"province": "省级", "prefecture": "市（州、盟）级", "county": "县（区、旗）级",
            "station": "派出机构（所队）", "internal_unit": "内设机构（警种、部门）"}


def may_organise_recruitment(pack: RulePack, *, agency_level: str) -> Decision:
    rule = pack.rule("recruiter")
    if rule.status != Status.ENFORCED:
        return Decision.combine([not_covered(pack, rule.code, setting="recruiting_levels")])
    if agency_level in rule.data["levels_allowed"]:
        return Decision.combine([Finding(rule.code, Outcome.ALLOWED, f"{LEVEL_ZH[agency_level]}公安机关可以组织招聘。", rule.citations)])
    return Decision.combine([Finding(
        rule.code, Outcome.REFUSED, f"{LEVEL_ZH[agency_level]}不得自行组织警务辅助人员招聘。", rule.citations,
    )], data={"levels_allowed": rule.data["levels_allowed"]})


def approval_chain(pack: RulePack, *, kind: str) -> Decision:
    """The chain as the text states it (structured data with citations); kind is 'quota' or 'plan'."""
    code = {"quota": "quota_approval", "plan": "plan_approval"}[kind]
    rule = pack.rule(code)
    if rule.status != Status.ENFORCED:
        return Decision.combine([not_covered(pack, code, setting=f"{kind}_approval_chain")])
    return Decision.combine([Finding(code, Outcome.NEEDS_APPROVAL, "按规定的审批链报批。", rule.citations)],
                            data={"chain": rule.data})
