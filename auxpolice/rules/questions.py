"""Ask the engine directly: one input schema per question, shared by the API and `rules_evaluate`.

{"question": "eligibility", "jurisdiction": "sichuan", "date": "2026-06-01", "category": "service",
 "birth_date": "1990-06-02", "education": "high_school"}
"""

from datetime import date
from decimal import Decimal

from rest_framework import serializers

from .decision import Decision, Finding, Outcome
from .evaluators import duty, eligibility, equipment, labour_law, organisation, stages, topics, working_life
from .idnumber import parse_id_number
from .registry import JURISDICTIONS, pack_for

AGENCY_LEVELS = ("province", "prefecture", "county", "station", "internal_unit")


class Question(serializers.Serializer):
    question = serializers.CharField()
    jurisdiction = serializers.ChoiceField(choices=JURISDICTIONS)
    date = serializers.DateField(
        help_text="The day the rules are asked for; today if omitted.", required=False
    )


class RelaxationInput(serializers.Serializer):
    what = serializers.ChoiceField(choices=["age", "education"])
    group = serializers.CharField()
    max_age = serializers.IntegerField(required=False, allow_null=True, min_value=16, max_value=70)
    min_education = serializers.ChoiceField(
        choices=list(eligibility.EDUCATION_RANK), required=False, allow_null=True
    )


def _codes():
    return serializers.ListField(child=serializers.CharField(), required=False, default=list)


class EligibilityInput(Question):
    category = serializers.ChoiceField(choices=eligibility.CATEGORIES)
    reference_date = serializers.DateField(
        required=False, help_text="Registration deadline; defaults to `date`."
    )
    birth_date = serializers.DateField(required=False)
    id_number = serializers.CharField(
        required=False, help_text="GB 11643 number; birth date is derived from it."
    )
    nationality = serializers.CharField(default="CN")
    education = serializers.ChoiceField(choices=list(eligibility.EDUCATION_RANK))
    disqualifications = _codes()
    statuses = _codes()
    relaxations = RelaxationInput(many=True, required=False, default=list)
    approvals = _codes()
    position_max_age = serializers.IntegerField(required=False, allow_null=True, min_value=16, max_value=70)
    position_min_education = serializers.ChoiceField(choices=list(eligibility.EDUCATION_RANK), required=False)
    targeted_groups = _codes()
    settings = serializers.DictField(required=False, default=dict)

    def validate(self, data):
        if not data.get("birth_date") and not data.get("id_number"):
            raise serializers.ValidationError({"birth_date": "Give birth_date or id_number."})
        return data


class DutyInput(Question):
    category = serializers.ChoiceField(choices=eligibility.CATEGORIES)
    duty = serializers.CharField()
    settings = serializers.DictField(required=False, default=dict)


class StagesInput(Question):
    simplify = _codes()
    agreements = _codes()
    stated_in_announcement = serializers.BooleanField(default=False)


class RecruiterInput(Question):
    agency_level = serializers.ChoiceField(choices=AGENCY_LEVELS)


class ApprovalChainInput(Question):
    kind = serializers.ChoiceField(choices=["quota", "plan"])
    agency_level = serializers.ChoiceField(choices=AGENCY_LEVELS)


class EquipmentInput(Question):
    item = serializers.ChoiceField(choices=equipment.ITEMS)
    category = serializers.ChoiceField(choices=eligibility.CATEGORIES, default="service")
    emergency = serializers.BooleanField(required=False, allow_null=True, default=None)
    under_police_command = serializers.BooleanField(required=False, allow_null=True, default=None)
    under_police_lead = serializers.BooleanField(required=False, allow_null=True, default=None)


class PostingInput(Question):
    passed_pre_service_training = serializers.BooleanField()


class TerminationInput(Question):
    ground = serializers.CharField()
    contract_grounds = _codes()


class PayFloorInput(Question):
    pay = serializers.DecimalField(max_digits=12, decimal_places=2)
    statistic = serializers.DecimalField(max_digits=12, decimal_places=2)
    statistic_name = serializers.CharField()


class PlainInput(Question):
    pass


class TopicInput(Question):
    code = serializers.CharField(help_text="A rule code of matrix.yaml, e.g. assessment, conduct.recusal")


# National law beneath the five texts (rules/national.py): asked with a jurisdiction like every question
# (the local text is in force that day), answered from the national articles, which apply in every one.
class ProbationInput(Question):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, help_text="Empty: open-ended.")
    probation_ends_on = serializers.DateField(required=False, allow_null=True)
    earlier_contract = serializers.BooleanField(
        default=False, help_text="An earlier contract with the same employer (renewal or rehire)."
    )


class RenewalTermInput(Question):
    consecutive_fixed_terms = serializers.IntegerField(min_value=0, max_value=50)
    years_of_service = serializers.IntegerField(min_value=0, max_value=60)
    open_ended = serializers.BooleanField(default=False)
    requested_fixed_term = serializers.BooleanField(default=False)
    exception = serializers.CharField(required=False, default="", allow_blank=True)


class SeveranceInput(Question):
    ground = serializers.ChoiceField(choices=list(labour_law.SEVERANCE_GROUNDS))
    started_on = serializers.DateField()
    ended_on = serializers.DateField()
    monthly_wage = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal(0))
    local_average_monthly = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=Decimal(0)
    )

    def validate(self, data):
        if data["ended_on"] < data["started_on"]:
            raise serializers.ValidationError({"ended_on": "The contract ends after it starts."})
        return data


class AnnualLeaveInput(Question):
    cumulative_years = serializers.IntegerField(min_value=0, max_value=60)


class DispatchInput(Question):
    post = serializers.ChoiceField(choices=["", "temporary", "auxiliary", "substitute"], allow_blank=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)


class ProbationPayInput(Question):
    percent = serializers.IntegerField(min_value=0, max_value=100)


def _severance(_pack, data) -> Decision:
    due = labour_law.severance_due(data["ground"])
    if not due.data.get("pays"):
        return due
    result = labour_law.severance(
        started_on=data["started_on"],
        ended_on=data["ended_on"],
        monthly_wage=data["monthly_wage"],
        local_average_monthly=data.get("local_average_monthly"),
    )
    finding = Finding(
        "national.severance",
        Outcome.ALLOWED,
        f"经济补偿 {result.months} 个月 × {result.base} = {result.amount} 元"
        + ("（按本地区职工月平均工资三倍封顶，年限最高十二年）" if result.capped else "")
        + "。",
        result.citations,
    )
    return Decision.combine(
        [*due.findings, finding],
        data={
            "months": str(result.months),
            "base": str(result.base),
            "amount": str(result.amount),
            "capped": result.capped,
        },
    )


def _annual_leave(_pack, data) -> Decision:
    days, cited = labour_law.annual_leave_days(data["cumulative_years"])
    return Decision.combine(
        [
            Finding(
                "national.annual_leave", Outcome.ALLOWED, f"每年带薪年休假 {days} 天（按工作日计算）。", cited
            )
        ],
        data={"days": days},
    )


NATIONAL_QUESTIONS = {
    "probation": (
        ProbationInput,
        lambda _pack, d: labour_law.probation(
            starts_on=d["starts_on"],
            ends_on=d.get("ends_on"),
            probation_ends_on=d.get("probation_ends_on"),
            earlier_contract=d["earlier_contract"],
        ),
    ),
    "renewal_term": (
        RenewalTermInput,
        lambda _pack, d: labour_law.renewal_term(
            consecutive_fixed_terms=d["consecutive_fixed_terms"],
            years_of_service=d["years_of_service"],
            open_ended=d["open_ended"],
            requested_fixed_term=d["requested_fixed_term"],
            exception=d["exception"],
        ),
    ),
    "severance": (SeveranceInput, _severance),
    "annual_leave": (AnnualLeaveInput, _annual_leave),
    "dispatch": (
        DispatchInput,
        lambda _pack, d: labour_law.dispatch(
            kind="labour_dispatch", post=d["post"], starts_on=d["starts_on"], ends_on=d.get("ends_on")
        ),
    ),
    "probation_pay": (ProbationPayInput, lambda _pack, d: labour_law.probation_pay(percent=d["percent"])),
}


def _eligibility(pack, data) -> Decision:
    birth = data.get("birth_date")
    if data.get("id_number"):
        birth = parse_id_number(data["id_number"]).birth_date
    applicant = eligibility.Applicant(
        category=data["category"],
        reference_date=data.get("reference_date") or data["date"],
        birth_date=birth,
        nationality=data["nationality"],
        education=data["education"],
        disqualifications=tuple(data["disqualifications"]),
        statuses=tuple(data["statuses"]),
        relaxations=tuple(eligibility.Relaxation(**r) for r in data["relaxations"]),
        approvals=tuple(data["approvals"]),
        position_max_age=data.get("position_max_age"),
        position_min_education=data.get("position_min_education"),
        targeted_groups=tuple(data["targeted_groups"]),
        settings=data["settings"],
    )
    return eligibility.evaluate(pack, applicant)


QUESTIONS = {
    "eligibility": (EligibilityInput, _eligibility),
    "duty": (
        DutyInput,
        lambda pack, d: duty.evaluate(pack, category=d["category"], duty=d["duty"], settings=d["settings"]),
    ),
    "stages": (
        StagesInput,
        lambda pack, d: stages.evaluate(
            pack,
            simplify=tuple(d["simplify"]),
            agreements=tuple(d["agreements"]),
            stated_in_announcement=d["stated_in_announcement"],
        ),
    ),
    "recruiter": (
        RecruiterInput,
        lambda pack, d: organisation.may_organise_recruitment(pack, agency_level=d["agency_level"]),
    ),
    "approval_chain": (
        ApprovalChainInput,
        lambda pack, d: organisation.approval_chain(pack, kind=d["kind"], agency_level=d["agency_level"]),
    ),
    "equipment": (
        EquipmentInput,
        lambda pack, d: equipment.evaluate(
            pack,
            item=d["item"],
            category=d["category"],
            emergency=d["emergency"],
            under_police_command=d["under_police_command"],
            under_police_lead=d["under_police_lead"],
        ),
    ),
    "posting": (
        PostingInput,
        lambda pack, d: working_life.posting(
            pack, passed_pre_service_training=d["passed_pre_service_training"]
        ),
    ),
    "termination": (
        TerminationInput,
        lambda pack, d: working_life.termination(
            pack, ground=d["ground"], contract_grounds=tuple(d["contract_grounds"])
        ),
    ),
    "separation": (PlainInput, lambda pack, d: working_life.separation_returns(pack)),
    "health_checks": (PlainInput, lambda pack, d: working_life.health_checks(pack)),
    "topic": (TopicInput, lambda pack, d: topics.topic(pack, code=d["code"])),
    "pay_floor": (
        PayFloorInput,
        lambda pack, d: working_life.pay_floor(
            pack, pay=Decimal(d["pay"]), statistic=Decimal(d["statistic"]), statistic_name=d["statistic_name"]
        ),
    ),
    **NATIONAL_QUESTIONS,
}


def ask(payload: dict, *, today: date | None = None) -> dict:
    """Validate a question, evaluate it and return the decision as JSON-ready data.

    Raises rest_framework ValidationError for malformed input and DomainError for refused questions
    (no rules in force, an invalid ID number); both name the field.
    """
    if not isinstance(payload, dict):
        raise serializers.ValidationError({"question": "The question must be a JSON object."})
    name = payload.get("question")
    if not isinstance(name, str) or name not in QUESTIONS:
        raise serializers.ValidationError(
            {"question": f"Unknown question {name!r}; one of: {', '.join(QUESTIONS)}."}
        )
    schema, handler = QUESTIONS[name]
    serializer = schema(data=payload)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    data.setdefault("date", today or date.today())
    pack = pack_for(data["jurisdiction"], data["date"])
    decision = handler(pack, data)
    return {
        "question": name,
        "jurisdiction": pack.jurisdiction,
        "date": data["date"].isoformat(),
        "rules": {"instrument_zh": pack.instrument_zh, "version": pack.version},
        **({"national": True} if name in NATIONAL_QUESTIONS else {}),
        **decision.as_dict(),
    }
