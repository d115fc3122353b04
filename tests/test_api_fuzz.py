"""Fuzz every operation of the OpenAPI schema (schemathesis, property-based): whatever a client sends, the API
answers without a 5xx. Bounded for CI (FUZZ_EXAMPLES per operation, derandomised so a failure reproduces):
10 each for the 139 operations; 25 took 16 minutes on the 2-core VMs of 2026-12-02, half of CI's budget.
Raise FUZZ_EXAMPLES locally for a longer run."""

import os

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient

from auxpolice.core.api_tokens import token_issue
from tests.factories import QuotaFactory, UserFactory

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
# Both what the schema allows and what it does not (wrong types, missing fields, out-of-range numbers).
schema.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
)


@pytest.fixture
def tokens(db, wuhou, county_officer):
    from tests.otp import device_for

    QuotaFactory(agency=wuhou, approved_total=5)
    device_for(county_officer)
    applicant = UserFactory(role="applicant", agency=None)
    return {
        "staff": token_issue(user=county_officer, name="fuzz", scope="write")[1],
        "applicant": token_issue(user=applicant, name="fuzz", scope="write")[1],
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_with_a_server_error(case, tokens):
    who = "applicant" if case.path.startswith("/api/v1/portal/") else "staff"
    request = case.as_transport_kwargs(base_url="http://testserver")
    client = APIClient(raise_request_exception=False)
    headers = {
        k: v for k, v in (request.get("headers") or {}).items() if k.lower() not in ("content-length",)
    }
    headers["Authorization"] = f"Token {tokens[who]}"
    body = request.get("json", request.get("data"))
    response = client.generic(
        request["method"],
        request["url"].removeprefix("http://testserver"),
        data=_encoded(body, headers),
        content_type=headers.pop("Content-Type", None) or "application/json",
        QUERY_STRING=_query(request.get("params")),
        **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()},
    )
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path}: {response.status_code}\n{case.as_curl_command()}"
    )


def _encoded(body, headers) -> bytes | str:
    import json

    if body is None:
        return ""
    if isinstance(body, (bytes, str)):
        return body
    return json.dumps(body)


def _query(params) -> str:
    from urllib.parse import urlencode

    return urlencode(params or {}, doseq=True)
