"""Tiers (层级) and the annual assessment (年度考核): what each text prescribes, and what the agency decides
where it is silent. Services read the scheme from here; nothing about grading is decided elsewhere."""

from dataclasses import dataclass

from ..citations import Citation
from ..registry import RulePack, Status
from ..settings_registry import parse_grade_band

# The words each text uses for its dimensions (the codes are matrix.yaml's).
DIMENSION_ZH = {
    "political_thinking": "政治思想",
    "discipline_and_style": "纪律作风",
    "performance": "工作绩效",
    "education_training": "教育培训",
    "political_quality": "思想政治素质",
    "professional_ability": "业务能力",
    "work_style": "工作作风",
    "law_abidance": "遵纪守法",
    "duty_performance": "履职情况",
    "work_results": "工作绩效",
    "discipline": "遵章守纪",
    "work_ability": "工作能力",
}

# Consequence kinds, and which of a text's "uses" (考核结果作为……的依据) make the result their basis.
PROMOTION, DEMOTION, PAY, RENEWAL = "promotion", "demotion", "pay", "renewal"
USES_TO_KINDS = {
    "tier_promotion": {PROMOTION},
    "tier_change": {PROMOTION, DEMOTION},
    "tier_management": {PROMOTION, DEMOTION},
    "pay": {PAY},
    "pay_link": {PAY},
    "pay_adjustment": {PAY},
    "contract_renewal": {RENEWAL},
    "contract_renewal_or_termination": {RENEWAL},
    "renewal_or_dismissal": {RENEWAL},
    "rewards_penalties": set(),  # rewards and penalties are decided case by case (personnel conduct records)
}

BY_ASSESSMENT, BY_SELECTION, INITIAL = "by_assessment", "by_selection", "initial"


class SchemeMissing(Exception):
    """An agency setting the text leaves to the agency has not been set."""

    def __init__(self, message: str, setting: str):
        super().__init__(message)
        self.setting = setting


@dataclass(frozen=True)
class Dimension:
    code: str
    label: str


@dataclass(frozen=True)
class AssessmentScheme:
    dimensions: tuple[Dimension, ...]
    dimensions_citations: tuple[Citation, ...]  # empty where an agency setting supplies them
    grades: tuple[str, ...]  # best first
    top_grade_percent: int | None
    appeal_days: int | None
    training_exam_citations: tuple[Citation, ...]  # Hangzhou art 14.2: training exam scores count
    consequence_kinds: frozenset[str]
    basis_citations: tuple[Citation, ...]  # the article that makes the result the basis of consequences
    promotion_grades: frozenset[str]
    demotion_grades: frozenset[str]
    non_renewal_grades: frozenset[str]
    silent_note: str
    grade_bands: tuple[
        tuple[str, int, int], ...
    ] = ()  # (grade, lowest, highest average score)  # what the text leaves to the agency, said plainly

    @property
    def dimensions_basis(self) -> str:
        if self.dimensions_citations:
            return "；".join(c.label_zh for c in self.dimensions_citations)
        return "机构设置 assessment_dimensions（规定未列考核内容）"

    @property
    def basis_label(self) -> str:
        if self.basis_citations:
            return "；".join(c.label_zh for c in self.basis_citations)
        return "机构设置（规定未将考核结果规定为依据）"


def tiers(settings: dict) -> list[str]:
    """The agency's tiers, lowest first. Every text requires tiers and none names them."""
    names = [name for name in settings.get("tiers", []) if name]
    if not names:
        raise SchemeMissing(
            "规定要求实行层级化管理，但层级名称和数量由公安机关确定：请先在机构设置 tiers "
            "中列出层级（由低到高）。",
            "tiers",
        )
    return names


def tier_citations(pack: RulePack) -> tuple[Citation, ...]:
    rule = pack.rule("tiers")
    return rule.citations if rule.status == Status.ENFORCED else ()


def no_command_between_tiers(pack: RulePack) -> tuple[Citation, ...]:
    """Where the text says tiers carry no command (p001 art 26, Nantong art 11), its articles; else ()."""
    rule = pack.rule("tiers")
    if rule.status == Status.ENFORCED and rule.data.get("no_command_between_tiers"):
        return tuple(c for c in rule.citations if c.article in (26, 11))
    return ()


def promotion_modes(pack: RulePack, settings: dict) -> tuple[set[str], tuple[Citation, ...]]:
    """How people move up: the text's named modes (Inner Mongolia art 36.1), else the agency setting,
    else by assessment only (every text that has an assessment makes it the basis of tier changes)."""
    rule = pack.rule("tiers")
    if rule.status == Status.ENFORCED and rule.data.get("promotion_modes"):
        return set(rule.data["promotion_modes"]), rule.citations
    return set(settings.get("tier_promotion_modes") or [BY_ASSESSMENT]), ()


def assessment_scheme(pack: RulePack, settings: dict) -> AssessmentScheme:
    """The scheme a cycle opened today is fixed to. Raises SchemeMissing for a setting the agency must
    make."""
    rule = pack.rule("assessment")
    silent = []
    if rule.status == Status.ENFORCED and rule.data.get("dimensions"):
        codes = rule.data["dimensions"]
        dimensions = tuple(Dimension(code, DIMENSION_ZH[code]) for code in codes)
        cited = tuple(c for c in rule.citations if c.ref != rule.data.get("training_exam_scores_count"))
        uses = set().union(*(USES_TO_KINDS[use] for use in rule.data.get("uses", [])))
    else:
        names = [name for name in settings.get("assessment_dimensions", []) if name]
        if not names:
            raise SchemeMissing(
                f"{pack.short_zh}未规定年度考核的内容：请先在机构设置 assessment_dimensions 中列出考核内容。",
                "assessment_dimensions",
            )
        dimensions = tuple(Dimension(f"d{index}", name) for index, name in enumerate(names, 1))
        cited = ()
        uses = {
            PROMOTION,
            DEMOTION,
        }  # tier changes by the agency's own rules (e.g. Nantong art 11: 层级评定和升降)
        silent.append("考核内容")
    grades = tuple(name for name in settings.get("assessment_grades", []) if name)
    if len(grades) < 2:
        raise SchemeMissing(
            "规定未规定考核等次：请先在机构设置 assessment_grades 中列出等次（由高到低，至少两个）。",
            "assessment_grades",
        )
    silent.append("考核等次及优秀比例")
    lists = {}
    for key in ("promotion_grades", "demotion_grades", "non_renewal_grades"):
        chosen = frozenset(settings.get(key) or [])
        unknown = chosen - set(grades)
        if unknown:
            raise SchemeMissing(
                f"机构设置 {key} 含有不在考核等次中的名称：{'、'.join(sorted(unknown))}。", key
            )
        lists[key] = chosen
    try:
        bands = tuple(parse_grade_band(text) for text in settings.get("assessment_grade_bands") or [])
    except ValueError as bad:
        raise SchemeMissing(
            f"机构设置 assessment_grade_bands 的写法有误：{bad}。", "assessment_grade_bands"
        ) from None
    if unknown := {grade for grade, _low, _high in bands} - set(grades):
        raise SchemeMissing(
            f"机构设置 assessment_grade_bands 含有不在考核等次中的名称：{'、'.join(sorted(unknown))}。",
            "assessment_grade_bands",
        )
    basis = pack.rule("termination_grounds.assessment_as_basis")
    exam_ref = rule.data.get("training_exam_scores_count") if rule.status == Status.ENFORCED else None
    return AssessmentScheme(
        dimensions=dimensions,
        dimensions_citations=cited,
        grades=grades,
        top_grade_percent=settings.get("assessment_top_grade_percent"),
        appeal_days=settings.get("assessment_appeal_days"),
        training_exam_citations=(Citation.parse(exam_ref),) if exam_ref else (),
        consequence_kinds=frozenset(uses),
        basis_citations=basis.citations if basis.status == Status.ENFORCED else tier_citations(pack)[:1],
        silent_note="、".join(silent) + "由公安机关确定（规定未作规定）。",
        grade_bands=bands,
        **lists,
    )
