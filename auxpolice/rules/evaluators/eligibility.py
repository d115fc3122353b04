"""Applicant eligibility: nationality, age, education, relaxations, disqualifications, preferences.

Age is counted in full years on the reference date, which is the announcement's registration
deadline: every applicant is measured on the same day, and the deadline is published in advance.
Bounds are inclusive (以上, 不超过): a Sichuan applicant of 35 years and 364 days passes, 36 does not.
"""

from dataclasses import dataclass, field
from datetime import date

from ..citations import Citation
from ..decision import Decision, Finding, Outcome
from ..registry import RulePack, Status
from .common import BadQuestion, not_covered, require_choice

CATEGORIES = ("civilian", "service")
# 中专 (secondary vocational) ranks with 高中 (high school): the texts pair them (inner_mongolia:art21(3)).
EDUCATION_RANK = {
    "junior_secondary": 1,
    "high_school": 2,
    "secondary_vocational": 2,
    "junior_college": 3,
    "bachelor": 4,
    "master": 5,
    "doctorate": 6,
}
EDUCATION_ZH = {
    "junior_secondary": "初中",
    "high_school": "高中",
    "secondary_vocational": "中专",
    "junior_college": "大专",
    "bachelor": "本科",
    "master": "硕士研究生",
    "doctorate": "博士研究生",
}
APPROVAL_BY_CONDITION = {"approved_by_league_or_city_government": "league_city_government"}


@dataclass(frozen=True)
class Relaxation:
    """A relaxation stated in the announcement for one group (as the rules name the groups)."""

    what: str  # "age" | "education"
    group: str
    max_age: int | None = None
    min_education: str | None = None


@dataclass(frozen=True)
class Applicant:
    category: str
    reference_date: date
    birth_date: date
    nationality: str = "CN"
    education: str = "high_school"
    disqualifications: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    relaxations: tuple[Relaxation, ...] = ()
    approvals: tuple[str, ...] = ()
    position_max_age: int | None = None
    position_min_education: str | None = None
    targeted_groups: tuple[str, ...] = ()  # a targeted plan (定向招聘) admits only these groups
    settings: dict = field(default_factory=dict)  # agency settings for what the text leaves open


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def evaluate(pack: RulePack, applicant: Applicant) -> Decision:
    require_choice(applicant.category, CATEGORIES, "category")
    require_choice(applicant.education, tuple(EDUCATION_RANK), "education")
    age = age_on(applicant.birth_date, applicant.reference_date)
    findings = [
        _nationality(pack, applicant),
        *_age(pack, applicant, age),
        _education(pack, applicant),
        *_disqualifications(pack, applicant),
        *_targeted_plan(pack, applicant),
        *_preferences(pack, applicant),
    ]
    return Decision.combine(
        [f for f in findings if f is not None],
        data={
            "age": age,
            "reference_date": applicant.reference_date.isoformat(),
            "rule_version": pack.version,
        },
    )


def _nationality(pack, applicant) -> Finding:
    rule = pack.rule("eligibility.nationality_prc")
    if rule.status != Status.ENFORCED:
        if applicant.settings.get("require_prc_nationality") and applicant.nationality != "CN":
            return Finding(
                rule.code,
                Outcome.REFUSED,
                "机构设置要求具有中华人民共和国国籍。",
                setting="require_prc_nationality",
            )
        return not_covered(pack, rule.code, setting="require_prc_nationality")
    if applicant.nationality != "CN":
        return Finding(rule.code, Outcome.REFUSED, "应聘人员应当具有中华人民共和国国籍。", rule.citations)
    return Finding(rule.code, Outcome.ALLOWED, "具有中华人民共和国国籍。", rule.citations)


def _age(pack, applicant, age) -> list[Finding]:
    findings = []
    minimum = pack.rule("eligibility.min_age")
    if minimum.status == Status.ENFORCED:
        ok = age >= minimum.data["value"]
        findings.append(
            Finding(
                minimum.code,
                Outcome.ALLOWED if ok else Outcome.REFUSED,
                f"截至报名截止日{applicant.reference_date:%Y-%m-%d}年满{age}周岁"
                + ("。" if ok else f"，未满{minimum.data['value']}周岁。"),
                minimum.citations,
            )
        )
    elif "min_age" in applicant.settings:
        ok = age >= applicant.settings["min_age"]
        findings.append(
            Finding(
                minimum.code,
                Outcome.ALLOWED if ok else Outcome.REFUSED,
                f"机构设置的最低年龄为{applicant.settings['min_age']}周岁，报名人{age}周岁。",
                setting="min_age",
            )
        )
    else:
        findings.append(not_covered(pack, minimum.code, setting="min_age"))

    maximum = pack.rule("eligibility.max_age")
    statutory = maximum.data.get("value") if maximum.status == Status.ENFORCED and maximum.data else None
    if statutory is not None and age > statutory:
        findings.append(
            _relaxed_or_refused(
                pack,
                applicant,
                "age",
                maximum,
                refused=f"报名人{age}周岁，超过{statutory}周岁的年龄上限。",
                within=lambda r: r.max_age is None or age <= r.max_age,
            )
        )
    elif statutory is not None:
        findings.append(Finding(maximum.code, Outcome.ALLOWED, f"未超过{statutory}周岁。", maximum.citations))
    elif maximum.status == Status.UNKNOWN:
        findings.append(not_covered(pack, maximum.code))
    elif "max_age" in applicant.settings:
        limit = applicant.settings["max_age"]
        findings.append(
            Finding(
                maximum.code,
                Outcome.ALLOWED if age <= limit else Outcome.REFUSED,
                f"规定未设年龄上限；机构设置为{limit}周岁，报名人{age}周岁。",
                setting="max_age",
            )
        )
    else:
        findings.append(not_covered(pack, maximum.code, setting="max_age"))

    if applicant.position_max_age is not None and age > applicant.position_max_age:
        post = pack.rule("eligibility.post_specific_conditions")
        findings.append(
            _relaxed_or_refused(
                pack,
                applicant,
                "age",
                post,
                refused=f"报名人{age}周岁，超过招聘岗位要求的{applicant.position_max_age}周岁。",
                within=lambda r: r.max_age is None or age <= r.max_age,
            )
        )
    return findings


def _education(pack, applicant) -> Finding:
    rule = pack.rule("eligibility.education")
    if rule.status != Status.ENFORCED:
        required = applicant.settings.get(f"min_education_{applicant.category}")
        if required and EDUCATION_RANK[applicant.education] < EDUCATION_RANK[required]:
            return Finding(
                rule.code,
                Outcome.REFUSED,
                f"机构设置要求{EDUCATION_ZH[required]}以上学历。",
                setting=f"min_education_{applicant.category}",
            )
        return not_covered(pack, rule.code, setting=f"min_education_{applicant.category}")
    required = rule.data[applicant.category]
    if (
        applicant.position_min_education
        and EDUCATION_RANK[applicant.position_min_education] > EDUCATION_RANK[required]
    ):
        required = applicant.position_min_education
    have = EDUCATION_RANK[applicant.education]
    if have >= EDUCATION_RANK[required]:
        return Finding(
            rule.code,
            Outcome.ALLOWED,
            f"学历{EDUCATION_ZH[applicant.education]}，符合{EDUCATION_ZH[required]}以上的要求。",
            rule.citations,
        )
    return _relaxed_or_refused(
        pack,
        applicant,
        "education",
        rule,
        refused=f"学历{EDUCATION_ZH[applicant.education]}，低于{EDUCATION_ZH[required]}以上的要求。",
        within=lambda r: r.min_education is not None and have >= EDUCATION_RANK[r.min_education],
    )


def _relaxation_rules(pack):
    """(rule, relaxation data) pairs that allow relaxing something."""
    found = []
    general = pack.rule("eligibility.education_relaxation")
    if general.status == Status.ENFORCED and general.data:
        found.append((general, general.data))
    maximum = pack.rule("eligibility.max_age")
    if maximum.status == Status.ENFORCED and maximum.data and maximum.data.get("relaxation"):
        found.append((maximum, maximum.data["relaxation"]))
    return found


def _relaxed_or_refused(pack, applicant, what, base_rule, *, refused, within) -> Finding:
    code = base_rule.code
    for rule, data in _relaxation_rules(pack):
        if what not in data["what"]:
            continue
        for stated in applicant.relaxations:
            kind = data["groups"].get(stated.group)
            if stated.what != what or kind is None:
                continue
            if kind == "person" and stated.group not in applicant.statuses:
                continue
            floor = data.get("floor")
            if (
                what == "education"
                and floor
                and stated.min_education
                and EDUCATION_RANK[stated.min_education] < EDUCATION_RANK[floor]
            ):
                return Finding(
                    code,
                    Outcome.REFUSED,
                    f"{refused}公告放宽后的学历低于规定允许的最低限度（{EDUCATION_ZH[floor]}）。",
                    rule.citations,
                )
            if not within(stated):
                continue
            approval = APPROVAL_BY_CONDITION.get(data["condition"])
            citations = base_rule.citations + rule.citations
            if approval and approval not in applicant.approvals:
                return Finding(
                    code,
                    Outcome.NEEDS_APPROVAL,
                    f"{refused}公告所述放宽须经盟行政公署、设区的市以上人民政府批准，尚无批准记录。",
                    citations,
                )
            return Finding(
                code, Outcome.ALLOWED, f"{refused.rstrip('。')}，但适用招聘公告载明的放宽条件。", citations
            )
    hint = ""
    if any(what in data["what"] for _rule, data in _relaxation_rules(pack)):
        hint = "规定允许对特定人员或岗位放宽，但须在招聘公告中载明，本公告未载明适用于该报名人的放宽。"
    return Finding(code, Outcome.REFUSED, refused + hint, base_rule.citations)


def _disqualifications(pack, applicant) -> list[Finding]:
    rule = pack.rule("disqualifications")
    if rule.status != Status.ENFORCED:
        custom = applicant.settings.get("disqualifications", ())
        hits = [code for code in applicant.disqualifications if code in custom]
        if hits:
            return [
                Finding(
                    f"disqualifications.{code}",
                    Outcome.REFUSED,
                    "属于机构设置的不得聘用情形。",
                    setting="disqualifications",
                )
                for code in hits
            ]
        return [not_covered(pack, rule.code, setting="disqualifications")]
    by_code = {item["code"]: item for item in rule.data}
    unknown = [code for code in applicant.disqualifications if code not in by_code]
    if unknown:
        raise BadQuestion(
            f"{pack.short_zh}没有这些不得聘用情形代码：{', '.join(unknown)}；可选：{', '.join(by_code)}",
            field="disqualifications",
        )
    findings = []
    for code in applicant.disqualifications:
        citation = Citation.parse(by_code[code]["cite"])
        findings.append(
            Finding(
                f"disqualifications.{code}",
                Outcome.REFUSED,
                f"存在不得聘用的情形：{citation.text_zh}",
                (citation,),
            )
        )
    return findings


def _targeted_plan(pack, applicant) -> list[Finding]:
    if not applicant.targeted_groups:
        return []
    rule = pack.rule("preferences.targeted_plans")
    if rule.status != Status.ENFORCED:
        return [
            Finding(
                "preferences.targeted_plans",
                Outcome.REFUSED,
                f"{pack.short_zh}未规定单列计划、定向招聘，不能以此限定报名人员。",
            )
        ]
    allowed = {item["code"] for item in pack.rule("preferences").data if item.get("targeted_plan_allowed")}
    illegal = [group for group in applicant.targeted_groups if group not in allowed]
    if illegal:
        return [
            Finding(
                rule.code,
                Outcome.REFUSED,
                f"定向招聘只能面向规定的人员类别，不能面向：{', '.join(illegal)}。",
                rule.citations,
            )
        ]
    if not set(applicant.targeted_groups) & set(applicant.statuses):
        return [
            Finding(
                rule.code,
                Outcome.REFUSED,
                "本岗位为单列计划、定向招聘，报名人不属于定向招聘的人员类别。",
                rule.citations,
            )
        ]
    return [Finding(rule.code, Outcome.ALLOWED, "属于定向招聘的人员类别。", rule.citations)]


def _preferences(pack, applicant) -> list[Finding]:
    rule = pack.rule("preferences")
    if rule.status != Status.ENFORCED:
        return []
    findings = []
    for item in rule.data:
        if item["code"] in applicant.statuses:
            citation = Citation.parse(item["cite"])
            wording = (
                "可以招聘（亲属招聘渠道）" if item.get("kind") == "relative_hiring" else "同等条件下优先聘用"
            )
            findings.append(
                Finding(f"preferences.{item['code']}", Outcome.ALLOWED, f"{wording}。", (citation,))
            )
    return findings


def relaxation_offered(pack, relaxation: Relaxation) -> Finding:
    """May an announcement state this relaxation at all? Only for the groups and items the text names."""
    if relaxation.what not in ("age", "education"):
        raise BadQuestion("放宽事项只能是 age 或 education。", field="relaxations")
    for rule, data in _relaxation_rules(pack):
        if relaxation.what in data["what"] and relaxation.group in data["groups"]:
            floor = data.get("floor")
            if (
                relaxation.what == "education"
                and floor
                and relaxation.min_education
                and EDUCATION_RANK[relaxation.min_education] < EDUCATION_RANK[floor]
            ):
                return Finding(
                    rule.code, Outcome.REFUSED, f"学历放宽不得低于{EDUCATION_ZH[floor]}。", rule.citations
                )
            return Finding(
                rule.code,
                Outcome.ALLOWED,
                "规定允许对该类人员或岗位放宽，须在招聘公告中载明。",
                rule.citations,
            )
    groups = sorted(
        {
            g
            for _rule, data in _relaxation_rules(pack)
            if relaxation.what in data["what"]
            for g in data["groups"]
        }
    )
    if groups:
        return Finding(
            "eligibility.education_relaxation",
            Outcome.REFUSED,
            f"{pack.short_zh}只允许对以下人员或岗位放宽：{'、'.join(groups)}。",
            tuple(c for _rule, data in _relaxation_rules(pack) for c in _rule.citations),
        )
    return Finding(
        "eligibility.education_relaxation",
        Outcome.REFUSED,
        f"{pack.short_zh}没有规定可以放宽{'年龄' if relaxation.what == 'age' else '学历'}条件。",
    )


def separation_bars(pack, separation_kinds) -> tuple[str, ...]:
    """Disqualification codes raised by how a person once left auxiliary work (e.g. dismissal), as the
    text's items mark them (`separations`); none where the text is silent."""
    rule = pack.rule("disqualifications")
    if rule.status != Status.ENFORCED:
        return ()
    kinds = set(separation_kinds)
    return tuple(sorted(item["code"] for item in rule.data if kinds & set(item.get("separations", ()))))
