"""A record with its history row and the rows that point at it: PostgreSQL writes them in one statement (the
portal's hot path), other databases through the ORM; both write the same rows, and a refused insert writes
none of them."""

import pytest
from django.db import IntegrityError, connection, transaction
from rest_framework.test import APIClient

from auxpolice.core import api_tokens, audit
from recruitment.models import ApplicantNotice, Application, EligibilityDecision
from recruitment.services import portal
from tests.recruitment.builders import (
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
    declaration_for,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the one-statement insert is PostgreSQL's"),
]

VARYING = {  # differ between two applicants, or by the moment of writing
    "id",
    "applicant_id",
    "full_name",
    "id_number",
    "id_number_index",
    "id_number_masked",
    "id_number_tail",
    "submitted_at",
    "updated_at",
    "declaration",  # its declared_at: compared without it below
}


def _row(obj, *, skip=()) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname not in skip}


@pytest.fixture
def position(wuhou, county_officer):
    return announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer).positions.get()


def test_one_statement_and_the_orm_write_the_same_application_history_decision_and_notice(
    position, monkeypatch
):
    fast = apply(applicant_with_profile(), position)
    monkeypatch.setattr(audit, "create_with_history", _through_the_orm)
    monkeypatch.setattr(portal, "create_with_history", _through_the_orm)
    slow = apply(applicant_with_profile(), position)
    fast, slow = Application.objects.get(pk=fast.pk), Application.objects.get(pk=slow.pk)
    assert _row(fast, skip=VARYING) == _row(slow, skip=VARYING) and fast.id_number != slow.id_number
    assert [a.declaration["answers"] for a in (fast, slow)] == [fast.declaration["answers"]] * 2
    histories = [a.history.get() for a in (fast, slow)]
    assert histories[0].history_type == histories[1].history_type == "+"
    assert [h.history_user_id for h in histories] == [fast.applicant_id, slow.applicant_id]
    skip = VARYING | {"history_id", "history_date", "history_user_id"}
    assert _row(histories[0], skip=skip) == _row(histories[1], skip=skip)
    for application, history in zip((fast, slow), histories, strict=True):  # each is its row as written
        kept = _row(history).keys() & _row(application).keys()  # history leaves out the encrypted number
        assert len(kept) > 20 and {n: getattr(history, n) for n in kept} == {
            n: getattr(application, n) for n in kept
        }
    decisions = [EligibilityDecision.objects.get(application=a) for a in (fast, slow)]
    assert decisions[0].decision == decisions[1].decision and decisions[0].decision["outcome"]
    notices = [ApplicantNotice.objects.get(application=a) for a in (fast, slow)]
    assert [n.event for n in notices] == [
        f"application:{fast.pk}:submitted",
        f"application:{slow.pk}:submitted",
    ]
    skip = {"id", "user_id", "application_id", "event", "created_at", "delivered_at"}
    assert _row(notices[0], skip=skip) == _row(notices[1], skip=skip)
    assert all(n.delivered_at for n in notices)  # delivery was queued after each write (eager here)
    assert [n.user_id for n in notices] == [fast.applicant_id, slow.applicant_id]


def _through_the_orm(record, actor, *, reason=None, children=None):
    audit._create_with_orm(record, actor, reason=reason, children=children)


def test_a_refused_application_writes_no_history_decision_or_notice(position):
    applicant = applicant_with_profile()
    apply(applicant, position)
    counts = [m.objects.count() for m in (Application, Application.history.model, EligibilityDecision)]
    notices = ApplicantNotice.objects.count()
    with pytest.raises(portal.Conflict):
        apply(applicant, position)
    assert [
        m.objects.count() for m in (Application, Application.history.model, EligibilityDecision)
    ] == counts
    assert ApplicantNotice.objects.count() == notices


def test_inside_a_transaction_a_refused_insert_leaves_the_transaction_usable(position):
    applicant = applicant_with_profile()
    apply(applicant, position)
    with transaction.atomic():
        with pytest.raises(portal.Conflict):
            apply(applicant, position)
        assert Application.objects.filter(applicant=applicant).count() == 1  # not "transaction aborted"


def test_an_application_through_a_token_names_the_token_in_its_history(position):
    applicant = applicant_with_profile()
    token, secret = api_tokens.token_issue(user=applicant, name="portal app", scope="write")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    response = client.post(
        "/api/v1/portal/applications/",
        {"position": position.pk, "declaration": declaration_for(position)},
        format="json",
    )
    assert response.status_code == 201, response.content
    history = Application.objects.get(pk=response.json()["id"]).history.get()
    assert (history.history_api_token_id, history.history_user_id) == (token.pk, applicant.pk)


def test_the_duplicate_is_caught_as_an_integrity_error_by_the_one_statement(position):
    applicant = applicant_with_profile()
    first = apply(applicant, position)
    again = Application.objects.get(pk=first.pk)
    again.pk = None
    with pytest.raises(IntegrityError):
        audit.create_with_history(again, applicant)
