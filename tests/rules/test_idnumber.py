from datetime import date

import pytest

from auxpolice.rules.idnumber import InvalidIdNumber, check_character, parse_id_number


def make(first17: str) -> str:
    return first17 + check_character(first17)


def test_valid_number_gives_birth_date_and_sex():
    parsed = parse_id_number("11010519491231002X")
    assert parsed.birth_date == date(1949, 12, 31) and parsed.sex == "female" and parsed.area_code == "110105"


def test_odd_sequence_digit_is_male_and_lowercase_x_is_accepted():
    number = make("51010719900602001")
    assert parse_id_number(number.lower()).sex == "male"


def test_masked_form_shows_only_the_ends():
    assert parse_id_number("11010519491231002X").masked == "110***********002X"


@pytest.mark.parametrize(
    "raw, message",
    [
        ("1101051949123100", "18位"),
        ("11010519491231002Y", "前17位"),
        ("110105194913310021", "出生日期"),
        ("11010519491231002" + "1", "校验位"),
        (make("51010730000101001"), "不合理"),
    ],
)
def test_malformed_numbers_are_refused_with_a_specific_reason(raw, message):
    with pytest.raises(InvalidIdNumber) as error:
        parse_id_number(raw, today=date(2026, 11, 22))
    assert message in str(error.value)
    assert error.value.field == "id_number"


@pytest.mark.parametrize("first6", ["000000", "990101", "510000"])
def test_an_area_code_that_is_no_county_is_refused(first6):
    with pytest.raises(InvalidIdNumber, match="行政区划"):
        parse_id_number(make(f"{first6}19900101001"))


def test_the_portal_refuses_a_profile_whose_number_makes_the_applicant_a_child(db):
    from auxpolice.core.errors import DomainError
    from recruitment.services import portal
    from tests.factories import UserFactory

    three_years_old = make(f"510107{date.today().year - 3}0101001")
    with pytest.raises(DomainError, match="第十五条") as error:
        portal.profile_save(
            user=UserFactory(role="applicant", agency=None),
            full_name="小明",
            id_number=three_years_old,
            phone="13800000000",
            education="junior_college",
        )
    assert error.value.field == "id_number"
