import io
import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

SICHUAN_36 = {
    "question": "eligibility",
    "jurisdiction": "sichuan",
    "date": "2026-06-01",
    "category": "service",
    "birth_date": "1990-06-01",
    "education": "high_school",
}


def test_api_answers_eligibility_with_outcome_and_citations(api, county_officer):
    api.force_authenticate(county_officer)
    response = api.post("/api/v1/rules/evaluate/", SICHUAN_36, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "refused"
    assert body["citations"] == [
        {
            "ref": "sichuan:art18(3)",
            "jurisdiction": "sichuan",
            "instrument": "四川省办法",
            "article": 18,
            "paragraph": None,
            "clause": 3,
            "label_zh": "四川省办法 第十八条第（三）项",
            "text_zh": "年满18周岁、不超过35周岁，急需的专业技术、专门技能人员可以适当放宽年龄限制；",
        }
    ]


def test_api_derives_birth_date_from_the_id_number(api, county_officer):
    api.force_authenticate(county_officer)
    payload = {k: v for k, v in SICHUAN_36.items() if k != "birth_date"} | {"id_number": "11010519491231002X"}
    body = api.post("/api/v1/rules/evaluate/", payload, format="json").json()
    assert body["data"]["age"] == 76


def test_api_invalid_id_number_is_a_400_naming_the_field(api, county_officer):
    api.force_authenticate(county_officer)
    payload = {k: v for k, v in SICHUAN_36.items() if k != "birth_date"} | {"id_number": "110105194912310021"}
    response = api.post("/api/v1/rules/evaluate/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"id_number": ["身份证号码校验位不正确，请核对后重新输入。"]}


def test_api_duty_question(api, county_officer):
    api.force_authenticate(county_officer)
    body = api.post(
        "/api/v1/rules/evaluate/",
        {
            "question": "duty",
            "jurisdiction": "hangzhou",
            "date": "2026-06-01",
            "category": "service",
            "duty": "criminal_coercive_measures",
        },
        format="json",
    ).json()
    assert body["outcome"] == "refused" and body["citations"][0]["ref"] == "hangzhou:art7(2)"


def test_api_stages_question(api, county_officer):
    api.force_authenticate(county_officer)
    body = api.post(
        "/api/v1/rules/evaluate/",
        {"question": "stages", "jurisdiction": "inner_mongolia", "date": "2026-06-01"},
        format="json",
    ).json()
    assert body["data"]["stages"][2] == "written_exam_physical_test_interview"


def test_api_nantong_after_its_end_date_is_refused_clearly(api, county_officer):
    api.force_authenticate(county_officer)
    response = api.post(
        "/api/v1/rules/evaluate/",
        {"question": "stages", "jurisdiction": "nantong", "date": "2028-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "no_rules_in_force"
    assert "2027-12-31" in response.json()["error"]["message"]


def test_api_unknown_question_names_the_field(api, county_officer):
    api.force_authenticate(county_officer)
    response = api.post(
        "/api/v1/rules/evaluate/", {"question": "horoscope", "jurisdiction": "sichuan"}, format="json"
    )
    assert response.status_code == 400 and list(response.json()["error"]["fields"]) == ["question"]


def test_api_missing_fields_are_listed(api, county_officer):
    api.force_authenticate(county_officer)
    response = api.post(
        "/api/v1/rules/evaluate/", {"question": "eligibility", "jurisdiction": "sichuan"}, format="json"
    )
    assert response.status_code == 400
    assert {"category", "education"} <= set(response.json()["error"]["fields"])


def test_applicants_cannot_use_the_rules_api(api, applicant):
    api.force_authenticate(applicant)
    assert api.post("/api/v1/rules/evaluate/", SICHUAN_36, format="json").status_code == 403


def test_command_prints_the_decision_as_json(tmp_path):
    question = tmp_path / "q.json"
    question.write_text(json.dumps(SICHUAN_36), encoding="utf-8")
    out = io.StringIO()
    call_command("rules_evaluate", "--json", str(question), stdout=out)
    answer = json.loads(out.getvalue())
    assert answer["outcome"] == "refused" and answer["citations"][0]["ref"] == "sichuan:art18(3)"


def test_command_reports_bad_input_without_a_traceback(tmp_path):
    question = tmp_path / "q.json"
    question.write_text(json.dumps({"question": "duty", "jurisdiction": "sichuan"}), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("rules_evaluate", "--json", str(question))
    assert "category" in str(error.value) and "duty" in str(error.value)
