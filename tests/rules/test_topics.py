import pytest

from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import topics
from auxpolice.rules.evaluators.common import BadQuestion


@pytest.mark.parametrize(
    "jurisdiction, dimensions, cite",
    [
        (
            "hangzhou",
            ["political_thinking", "discipline_and_style", "performance", "education_training"],
            "hangzhou:art15.p1",
        ),
        (
            "sichuan",
            ["duty_performance", "work_results", "discipline", "education_training"],
            "sichuan:art25",
        ),
        (
            "inner_mongolia",
            ["political_quality", "work_ability", "work_style", "performance", "law_abidance"],
            "inner_mongolia:art36.p2",
        ),
        (
            "p001",
            ["political_quality", "professional_ability", "work_style", "performance", "law_abidance"],
            "p001:art28.p1",
        ),
    ],
)
def test_assessment_dimensions_are_the_cited_ones(pack, jurisdiction, dimensions, cite):
    assert topics.assessment_dimensions(pack(jurisdiction)) == dimensions
    assert cite in [c.ref for c in topics.topic(pack(jurisdiction), code="assessment").citations]


def test_nantong_prescribes_no_assessment_dimensions(pack):
    assert topics.assessment_dimensions(pack("nantong")) == []
    assert topics.topic(pack("nantong"), code="assessment").outcome == Outcome.NOT_REGULATED


def test_recusal_grounds_in_p001(pack):
    decision = topics.topic(pack("p001"), code="conduct.recusal")
    assert decision.data["values"]["grounds"] == [
        "party_or_near_relative",
        "interest_in_case",
        "other_relationship",
    ]
    assert [c.ref for c in decision.citations] == ["p001:art30.p1", "p001:art30.p2"]


def test_suspension_during_investigation_is_p001_only(pack):
    assert (
        topics.topic(pack("p001"), code="conduct.suspension_during_investigation").outcome == Outcome.ALLOWED
    )
    assert (
        topics.topic(pack("sichuan"), code="conduct.suspension_during_investigation").outcome
        == Outcome.NOT_REGULATED
    )
    assert (
        topics.topic(pack("hangzhou"), code="conduct.suspension_during_investigation").outcome
        == Outcome.UNKNOWN
    )


def test_informational_topics_say_so(pack):
    decision = topics.topic(pack("sichuan"), code="career.police_recruitment_from_auxiliaries")
    assert decision.data["status"] == "informational" and "仅供参考" in decision.findings[0].message


def test_unknown_topic_code_is_an_input_error(pack):
    with pytest.raises(BadQuestion):
        topics.topic(pack("sichuan"), code="astrology")
