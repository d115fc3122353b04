"""Malformed API input found by fuzzing answers 400 with the one error shape, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000


def post_raw(api, url, body: str):
    return api.post(url, data=body, content_type="application/json")


def assert_structured_400(response):
    assert response.status_code == 400, response.content[:200]
    assert set(response.json()["error"]) >= {"status", "code", "message", "fields"}


@pytest.mark.parametrize("body", ["[]", '["admin", "x"]', "1", '"text"', "null"])
def test_a_token_request_whose_body_is_not_an_object_is_a_400(api, body):
    assert_structured_400(post_raw(api, "/api/v1/auth/token/", body))


@pytest.mark.parametrize("url", ["/api/v1/auth/token/", "/api/v1/rules/evaluate/", "/api/v1/quota-requests/"])
def test_json_nested_100000_deep_is_a_400(api, county_officer, url):
    api.force_authenticate(county_officer)
    assert_structured_400(post_raw(api, url, DEEP))


@pytest.mark.parametrize("question", [{}, [], 7, None])
def test_a_question_that_is_not_a_name_is_a_400(api, county_officer, question):
    api.force_authenticate(county_officer)
    response = api.post(
        "/api/v1/rules/evaluate/", {"question": question, "jurisdiction": "sichuan"}, format="json"
    )
    assert_structured_400(response)
    assert "question" in response.json()["error"]["fields"]


def test_a_quota_request_beyond_any_column_is_a_400_on_its_field(api, county_officer, wuhou):
    api.force_authenticate(county_officer)
    response = api.post(
        "/api/v1/quota-requests/",
        {"agency": wuhou.pk, "year": 2026, "total": 9999999999999, "reason": "扩编"},
        format="json",
    )
    assert_structured_400(response)
    assert "total" in response.json()["error"]["fields"]
    response = api.post(
        "/api/v1/quota-requests/",
        {"agency": 99999999999999999999, "year": 2026, "total": 3, "reason": "扩编"},
        format="json",
    )
    assert_structured_400(response)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"declaration": {}}, "position"),
        ({"position": "abc", "declaration": {}}, "position"),
        ({"position": 0, "declaration": {}}, "position"),
        ({"position": 1}, "declaration"),
        ({"position": 1, "declaration": {"x": "perhaps"}}, "declaration"),
        ([], None),
    ],
)
def test_a_malformed_application_is_a_400_on_its_field_and_the_next_one_is_judged_afresh(api, body, field):
    """The apply endpoint validates with a serializer built once per process: one request's errors never
    reach the next."""
    from tests.recruitment.builders import applicant_with_profile

    api.force_authenticate(applicant_with_profile())
    response = api.post("/api/v1/portal/applications/", body, format="json")
    assert_structured_400(response)
    if field:
        assert list(response.json()["error"]["fields"]) == [field]
    clean = api.post("/api/v1/portal/applications/", {"position": 999999, "declaration": {}}, format="json")
    assert clean.status_code == 400 and clean.json()["error"]["fields"] == {"position": ["没有该岗位。"]}
