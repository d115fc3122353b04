"""Names and phone numbers are written one way everywhere; the same checks in every form and the import."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from auxpolice.core.errors import DomainError
from auxpolice.core.people import canonical_contact_phone, canonical_mobile, canonical_name
from tests.conftest import client_for
from tests.recruitment.builders import applicant_with_profile, id_number


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("王五", "王五"),
        (" 欧阳 娜娜 ", "欧阳娜娜"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),  # bullet for the middle dot
        ("阿依古丽・买买提", "阿依古丽·买买提"),  # katakana middle dot
    ],
)
def test_a_chinese_name_is_stored_in_one_spelling(typed, stored):
    assert canonical_name(typed) == stored


@pytest.mark.parametrize("typed", ["", "王", "Wang Wu", "王5", "张" * 31, "·王五", "王五·", "王··五"])
def test_a_name_that_no_id_card_carries_is_refused(typed):
    with pytest.raises(DomainError) as refused:
        canonical_name(typed)
    assert refused.value.field == "full_name"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13800000000", "13800000000"),
        ("+86 138-0000-0000", "13800000000"),
        ("１３８００００００００", "13800000000"),
    ],
)
def test_a_mainland_mobile_number_is_stored_as_eleven_digits(typed, stored):
    assert canonical_mobile(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "12800000000", "1380000000", "138000000001", "02886303110"])
def test_anything_else_is_not_a_mobile_number(typed):
    with pytest.raises(DomainError):
        canonical_mobile(typed)


def test_a_family_contact_may_be_a_landline_with_its_area_code():
    assert canonical_contact_phone("028-86303110", field="emergency_phone") == "028-86303110"
    with pytest.raises(DomainError):
        canonical_contact_phone("86303110", field="emergency_phone")


@pytest.mark.django_db
def test_the_portal_profile_refuses_a_future_graduation_and_a_bad_phone_and_keeps_what_was_typed(client):
    user = applicant_with_profile()
    client_for(client, user)
    future = timezone.localdate() + timedelta(days=200)
    data = {
        "full_name": "王五",
        "id_number": id_number(date(1998, 5, 1)),
        "phone": "12345",
        "email": "",
        "education": "bachelor",
        "school": "四川大学",
        "major": "法学",
        "graduated_on": future.isoformat(),
    }
    page = client.post(reverse("portal_profile"), data)
    assert page.status_code == 400
    assert "phone" in page.context["form"].errors
    assert 'value="四川大学"' in page.content.decode()
    data["phone"] = "13900000000"
    page = client.post(reverse("portal_profile"), data)
    assert page.status_code == 400 and "graduated_on" in page.context["form"].errors
    assert f'value="{future:%Y-%m-%d}"' in page.content.decode()  # the typed date is still there, ISO
    user.applicant_profile.refresh_from_db()
    assert user.applicant_profile.phone == "13800000000" and user.applicant_profile.graduated_on is None
