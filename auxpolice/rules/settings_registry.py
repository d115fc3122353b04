"""Agency settings: what an agency decides where its jurisdiction's text is silent.

Each key says what it fills in; evaluators receive the merged settings of an agency and its
superiors (nearest wins) and cite the setting instead of an article.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# A chain step written as "action:body:level", e.g. "approve:government:same"; steps run in list order.
CHAIN_ACTIONS = ("propose", "consent", "review", "approve", "file")
CHAIN_BODIES = ("police", "staffing_office", "finance", "government", "hr_department")
CHAIN_LEVELS = ("same", "superior", "region")


def parse_chain_step(text: str) -> dict:
    parts = [part.strip() for part in text.split(":")]
    if (
        len(parts) != 3
        or parts[0] not in CHAIN_ACTIONS
        or parts[1] not in CHAIN_BODIES
        or parts[2] not in CHAIN_LEVELS
    ):
        raise ValueError(text)
    return {"action": parts[0], "body": parts[1], "level": parts[2]}


def parse_grade_band(text: str) -> tuple[str, int, int]:
    """ "优秀:90-100" → ("优秀", 90, 100): the grade and the lowest and highest average score it may have."""
    grade, _sep, band = text.replace("：", ":").partition(":")
    low, _dash, high = band.replace("–", "-").replace("~", "-").partition("-")
    try:
        lowest, highest = int(low), int(high)
    except ValueError:
        raise ValueError(text) from None
    if not grade.strip() or not 0 <= lowest <= highest <= 100:
        raise ValueError(text)
    return grade.strip(), lowest, highest


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: type  # int, bool, list
    label: object
    minimum: int | None = None
    maximum: int | None = None


SPECS = {
    spec.key: spec
    for spec in [
        SettingSpec("min_age", int, _("Minimum age of applicants"), 16, 30),
        SettingSpec("max_age", int, _("Maximum age of applicants"), 18, 60),
        SettingSpec("require_prc_nationality", bool, _("Applicants must hold PRC nationality")),
        SettingSpec("min_education_civilian", str, _("Minimum education, civilian posts")),
        SettingSpec("min_education_service", str, _("Minimum education, service posts")),
        SettingSpec("disqualifications", list, _("Additional disqualification codes")),
        SettingSpec(
            "forbidden_duties", list, _("Duties auxiliaries may not do (where the text defers elsewhere)")
        ),
        SettingSpec("recruitment_stages", list, _("Recruitment stages (where the text lists none)")),
        SettingSpec("publicity_working_days", int, _("Publicity period in working days"), 1, 30),
        SettingSpec("termination_grounds", list, _("Termination grounds (where the text lists none)")),
        SettingSpec("max_contract_years", int, _("Longest term of one labour contract, in years"), 1, 10),
        # 劳动合同法 第二十条 sets the floor: never below 80 % of the agreed wage.
        SettingSpec(
            "probation_pay_percent",
            int,
            _("Pay during probation, percent of the agreed pay (80–100)"),
            80,
            100,
        ),
        SettingSpec(
            "annual_leave_carry_over_days",
            int,
            _("Unused annual leave days carried into the next year"),
            0,
            15,
        ),
        SettingSpec("health_check_months", int, _("Months between health checks"), 1, 36),
        SettingSpec("posting_requires_pre_service", bool, _("Posting requires passed pre-service training")),
        SettingSpec("quota_approval_chain", list, _("Quota approval chain (where the text prescribes none)")),
        SettingSpec(
            "plan_approval_chain", list, _("Recruitment plan approval chain (where the text prescribes none)")
        ),
        SettingSpec("tiers", list, _("Tiers, lowest first (the texts leave names and number to the agency)")),
        SettingSpec(
            "tier_promotion_modes", list, _("Ways of promotion between tiers (where the text names none)")
        ),
        SettingSpec("assessment_dimensions", list, _("Assessment dimensions (where the text names none)")),
        SettingSpec("assessment_grades", list, _("Assessment grades, best first")),
        SettingSpec(
            "assessment_top_grade_percent",
            int,
            _("Most people who may get the top grade, in percent"),
            1,
            100,
        ),
        SettingSpec(
            "assessment_appeal_days", int, _("Days to appeal after an assessment is published"), 1, 90
        ),
        SettingSpec(
            "assessment_grade_bands",
            list,
            _("Score band of each grade, e.g. 优秀:90-100 (the average of the dimension scores)"),
        ),
        SettingSpec("promotion_grades", list, _("Grades that propose promotion by one tier")),
        SettingSpec("demotion_grades", list, _("Grades that propose demotion by one tier")),
        SettingSpec("non_renewal_grades", list, _("Grades that recommend not renewing the contract")),
        # At least six months: history and access logs are kept that long (MLPS), and purged rows take theirs
        # along.
        SettingSpec(
            "applicant_retention_days",
            int,
            _("Days to keep unsuccessful applicants' personal data"),
            184,
            3650,
        ),
    ]
}


def value_words(key: str, value) -> str:
    """A setting's value as an officer reads it: labels instead of codes, lists joined with 、."""
    from .evaluators.eligibility import EDUCATION_ZH
    from .evaluators.organisation import ACTION_ZH, BODY_ZH, LEVEL_OF_BODY_ZH
    from .evaluators.stages import STAGE_ZH

    def chain_step(text: str) -> str:
        try:
            step = parse_chain_step(text)
        except ValueError:
            return text
        return f"{LEVEL_OF_BODY_ZH[step['level']]}{BODY_ZH[step['body']]}{ACTION_ZH[step['action']]}"

    words = {
        "recruitment_stages": lambda code: STAGE_ZH.get(code, code),
        "quota_approval_chain": chain_step,
        "plan_approval_chain": chain_step,
    }.get(key, lambda item: EDUCATION_ZH.get(item, item) if key.startswith("min_education") else item)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return " → ".join(map(words, value)) if key.endswith("_chain") else "、".join(map(words, value))
    return str(words(value)) if isinstance(value, str) else str(value)
