"""The recruitment stages in the order each text lists them, and when they may be simplified."""

from ..citations import Citation
from ..decision import Decision, Finding, Outcome
from ..registry import RulePack, Status
from .common import not_covered

STAGE_ZH = {
    "announcement": "发布招聘公告",
    "registration": "报名",
    "qualification_review": "资格审查",
    "registration_and_qualification_review": "报名与资格审查",
    "written_exam": "笔试",
    "interview": "面试",
    "exam": "考试",
    "written_exam_physical_test_interview": "笔试、体能测试与面试",
    "physical_test": "体能测试",
    "medical_exam": "体检",
    "vetting": "考察",
    "publicity": "公示",
}
EXAM_STAGES = {"written_exam", "interview", "exam", "written_exam_physical_test_interview"}


def evaluate(
    pack: RulePack,
    *,
    simplify: tuple[str, ...] = (),
    agreements: tuple[str, ...] = (),
    stated_in_announcement: bool = False,
    default_stages: tuple[str, ...] = (),
) -> Decision:
    """`simplify`: stages to leave out or merge; `agreements`: consents held (e.g. "same_level_hr")."""
    rule = pack.rule("recruitment_steps")
    if rule.status != Status.ENFORCED:
        finding = not_covered(pack, rule.code, setting="recruitment_stages")
        return Decision.combine([finding], data={"stages": list(default_stages), "source": "agency_setting"})
    stages = list(rule.data["steps"])
    data = {"stages": stages, "labels_zh": [STAGE_ZH[s] for s in stages], "source": "rules"}
    findings = [
        Finding(
            rule.code,
            Outcome.ALLOWED,
            "招聘按以下环节依次进行：" + "、".join(data["labels_zh"]) + "。",
            rule.citations[:1],
        )
    ]
    if "publicity" not in stages:
        findings.append(
            Finding(
                rule.code + ".publicity",
                Outcome.NOT_REGULATED,
                "所提供的条文未列公示环节；是否公示及公示期由机构设置决定。",
                rule.citations[:1],
                setting="publicity_working_days",
            )
        )
    if simplify:
        findings.append(_simplification(pack, rule, simplify, agreements, stated_in_announcement))
        data["simplify"] = list(simplify)
    return Decision.combine(findings, data=data)


def _simplification(pack, rule, simplify, agreements, stated) -> Finding:
    unknown = [s for s in simplify if s not in rule.data["steps"]]
    if unknown:
        return Finding(
            rule.code + ".simplification",
            Outcome.REFUSED,
            f"本辖区招聘程序中没有这些环节：{', '.join(unknown)}。",
            rule.citations[:1],
        )
    if rule.data.get("exam_required") and set(simplify) & EXAM_STAGES:
        return Finding(
            rule.code + ".simplification",
            Outcome.REFUSED,
            "招聘辅警实行凡进必考，不得省略考试环节。",
            rule.citations[1:] or rule.citations,
        )
    spec = rule.data.get("simplification")
    if not spec:
        return Finding(
            rule.code + ".simplification",
            Outcome.NOT_REGULATED,
            f"{pack.short_zh}未规定简化招聘程序的条件；不作简化，或由机构依其他依据决定。",
            rule.citations[:1],
        )
    # the paragraph that allows simplifying names itself in the pack (Sichuan art 21(2), p001 art 13(3))
    citations = (Citation.parse(spec["cite"]),) if spec.get("cite") else rule.citations
    if spec["requires"] == "same_level_hr_agreement":
        if "same_level_hr" in agreements:
            return Finding(
                rule.code + ".simplification",
                Outcome.ALLOWED,
                "已取得同级人力资源社会保障部门同意，可以适当简化程序。",
                citations,
            )
        return Finding(
            rule.code + ".simplification",
            Outcome.NEEDS_APPROVAL,
            "简化程序须商同级人力资源社会保障部门同意，仅限专业性较强的岗位和急需紧缺人才。",
            citations,
        )
    if spec["requires"] == "stated_in_announcement":
        if stated:
            return Finding(
                rule.code + ".simplification",
                Outcome.ALLOWED,
                "已在招聘公告中说明调整的招聘条件和程序。",
                citations,
            )
        return Finding(
            rule.code + ".simplification",
            Outcome.REFUSED,
            "调整招聘条件和程序须在招聘公告中说明，且限于艰苦边远地区、特殊岗位和急需紧缺人才。",
            citations,
        )
    return Finding(rule.code + ".simplification", Outcome.NOT_REGULATED, "规定未明确简化条件。", citations)
