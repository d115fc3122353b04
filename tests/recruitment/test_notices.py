"""Applicant notices are stored as a kind and its facts; the words come from one template per kind."""

from pathlib import Path

import pytest
from django.template.loader import render_to_string

from recruitment.models import ApplicantNotice
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "recruitment" / "notices"


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.txt")))
def test_every_notice_template_gives_a_subject_line_and_a_text(template):
    facts = dict.fromkeys(
        [
            "announcement",
            "next_stage",
            "closes",
            "reason",
            "basis",
            "starts_on",
            "ends_on",
            "days",
            "resolution",
            "stage",
            "position",
            "hired_on",
            "probation_ends_on",
            "score",
            "total",
            "rank",
            "number",
            "note",
            "subject",
            "text",
        ],
        "x",
    )
    subject, _sep, text = render_to_string(f"recruitment/notices/{template}", facts).partition("\n")
    assert subject.strip() and text.strip()


def test_a_notice_keeps_its_kind_and_facts_not_finished_sentences(db, wuhou, county_officer):
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer)
    position = announcement.positions.get()
    apply(applicant_with_profile(), position)
    notice = ApplicantNotice.objects.get()
    assert (notice.kind, notice.title, notice.body) == ("submitted", "", "")
    assert notice.params == {
        "announcement": announcement.title,
        "position": f"{position.code} {position.title}",
    }
    assert notice.subject == f"报名已提交：{announcement.title}" and position.title in notice.text
