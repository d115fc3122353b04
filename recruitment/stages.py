"""What each recruitment stage code (from the rules layer) means to the back office."""

from django.utils.translation import gettext_lazy as _

from auxpolice.rules.evaluators.stages import STAGE_ZH

PORTAL_STAGES = frozenset({"announcement", "registration"})
REVIEW = frozenset({"qualification_review", "registration_and_qualification_review"})
SCORED = frozenset({"exam", "written_exam", "interview", "written_exam_physical_test_interview"})
PASS_FAIL = frozenset({"physical_test", "medical_exam", "vetting"})
SENSITIVE = frozenset({"medical_exam", "vetting"})
PUBLICITY = "publicity"
HIRE = "hire"
KNOWN = REVIEW | SCORED | PASS_FAIL | {PUBLICITY}

# Practice defaults for a scored stage, each changeable per announcement (the texts set none).
DEFAULT_PASS_LINE = "60"
DEFAULT_RATIO_BEFORE_LAST = 3  # candidates per place called to the next scored stage
DEFAULT_RATIO_LAST = 1


def label(stage: str) -> str:
    if stage == HIRE:
        return str(_("Hire"))
    return STAGE_ZH.get(stage, stage)


def kind(stage: str) -> str:
    if stage in REVIEW:
        return "review"
    if stage in SCORED:
        return "scored"
    if stage in PASS_FAIL:
        return "pass_fail"
    if stage == PUBLICITY:
        return "publicity"
    return "hire"


def next_stage(stages: list[str], stage: str) -> str:
    index = stages.index(stage)
    return stages[index + 1] if index + 1 < len(stages) else HIRE


def default_stage_settings(stages: list[str]) -> dict:
    scored = [s for s in stages if s in SCORED]
    weight = round(100 / len(scored), 2) if scored else 0
    return {
        s: {
            "weight": str(weight),
            "pass_line": DEFAULT_PASS_LINE,
            "ratio": DEFAULT_RATIO_LAST if s == scored[-1] else DEFAULT_RATIO_BEFORE_LAST,
        }
        for s in scored
    }
