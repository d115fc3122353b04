"""Each submission keeps the eligibility decision it was accepted on, with its citations, on a row of its own
(not on the application row a ranking rewrites); a resubmission adds one and keeps the first; the office sees
the latest; the retention purge removes them with the rest of the applicant's data."""

import pytest
from django.urls import reverse

from auxpolice.core.errors import DomainError
from recruitment.models import Application, EligibilityDecision
from recruitment.services import portal, review
from tests.conftest import client_for
from tests.recruitment.builders import (
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
    declaration_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def position(wuhou, county_officer):
    return announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer).positions.get()


def test_a_resubmission_adds_its_decision_and_keeps_the_first(position, county_officer, client):
    applicant = applicant_with_profile(education="high_school")
    application = apply(applicant, position)
    [first] = EligibilityDecision.objects.filter(application=application)
    assert first.decision["findings"] and first.decision == application.eligibility
    review.review_decide(
        actor=county_officer, application=application, decision="return", reason="请补充学历证书"
    )
    profile = applicant.applicant_profile
    portal.profile_save(
        user=applicant,
        full_name=profile.full_name,
        id_number=profile.id_number,
        phone=profile.phone,
        education="bachelor",
    )

    portal.application_resubmit(
        user=applicant, application=application, declaration=declaration_for(position)
    )

    decisions = list(EligibilityDecision.objects.filter(application=application).order_by("decided_at", "pk"))
    assert [d.pk for d in decisions][0] == first.pk and len(decisions) == 2
    assert decisions[0].decision == first.decision  # never changed
    latest = Application.objects.get(pk=application.pk).eligibility
    assert latest == decisions[1].decision and latest != first.decision  # the education finding moved
    client_for(client, county_officer)
    page = client.get(reverse("application_detail", args=[application.pk])).content.decode()
    assert latest["findings"][0]["message"] in page


def test_a_refused_resubmission_adds_no_decision(position, county_officer):
    applicant = applicant_with_profile()
    application = apply(applicant, position)
    with pytest.raises(DomainError) as refused:
        portal.application_resubmit(
            user=applicant, application=application, declaration=declaration_for(position)
        )
    assert refused.value.code == "not_returned"
    assert EligibilityDecision.objects.filter(application=application).count() == 1
