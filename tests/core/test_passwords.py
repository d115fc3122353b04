import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from auxpolice.core.models import User


@pytest.mark.parametrize(
    "password, ok",
    [
        ("Auxpolice-2026!", True),
        ("auxpolice2026", False),
        ("Abc-1234", False),
        ("ALLUPPER123!", True),
    ],
)
def test_back_office_passwords_need_length_and_three_kinds_of_character(password, ok):
    officer = User(username="o", role="officer")
    if ok:
        validate_password(password, officer)
    else:
        with pytest.raises(ValidationError):
            validate_password(password, officer)


def test_applicants_need_length_not_composition():
    applicant = User(username="a", role="applicant")
    validate_password("my cat sleeps all day", applicant)
    with pytest.raises(ValidationError):
        validate_password("Sh0rt!pass", applicant)
