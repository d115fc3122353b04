"""One person, one ID number: every spelling of the same number is the same person, and digits of other
scripts are refused, wherever a number enters (portal, back office, import, API, search)."""

import pytest
from django.core.management import CommandError, call_command

from auxpolice.core.crypto import blind_index
from auxpolice.core.errors import Conflict
from auxpolice.rules.idnumber import InvalidIdNumber, canonical_id_number, parse_id_number
from personnel import selectors as personnel_selectors
from personnel.models import AuxiliaryOfficer, ImportStatus
from recruitment.services import portal
from tests.factories import QuotaFactory, UserFactory
from tests.personnel.test_import import good_row, workbook
from tests.personnel.test_records import hire, id_number

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def full_width(number: str, first: int = 18) -> str:
    return number[:first].translate(FULL_WIDTH) + number[first:]


def test_full_width_digits_spaces_and_lower_case_x_give_the_one_canonical_number():
    number = "11010519491231002X"
    for spelling in (
        full_width(number),
        full_width(number, 6),
        "110105 19491231 002x",
        "１１０１０５１９４９１２３１００２ｘ",
    ):
        assert canonical_id_number(spelling) == number
        assert parse_id_number(spelling).value == number


@pytest.mark.parametrize(
    "spelling",
    [
        "11010519491231002X".translate(ARABIC_INDIC),
        "٥١" + "010519491231002X",
        "११०१०५१९४९१२३१००२X",  # Devanagari
    ],
)
def test_digits_of_other_scripts_are_refused_with_a_clear_message(spelling):
    with pytest.raises(InvalidIdNumber) as error:
        parse_id_number(spelling)
    assert "阿拉伯数字0–9" in str(error.value.message) and error.value.field == "id_number"


def test_back_office_cannot_enter_the_same_person_twice_under_a_full_width_spelling(county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=10)
    hire(county_officer, wuhou, serial=7)
    with pytest.raises(Conflict):
        hire(county_officer, wuhou, serial=7, id_number=full_width(id_number(7), 10))
    assert AuxiliaryOfficer.objects.count() == 1


def test_an_import_with_three_spellings_of_one_person_imports_nobody(start, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=10)
    rows = [good_row(1), good_row(1), good_row(1)]
    rows[1][1] = full_width(rows[1][1])
    rows[2][1] = full_width(rows[2][1], 4)
    job = start(actor=county_officer, agency=wuhou, upload=workbook(rows))
    assert job.status == ImportStatus.FAILED and AuxiliaryOfficer.objects.count() == 0
    assert [
        (e["row"], "Same ID number as row 2" in e["message"] or "第2行" in e["message"]) for e in job.errors
    ] == [(3, True), (4, True)]


def test_an_import_refuses_a_person_already_on_file_under_another_spelling(start, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=10)
    hire(county_officer, wuhou, serial=1)
    row = good_row(1)
    row[1] = full_width(row[1], 8)
    job = start(actor=county_officer, agency=wuhou, upload=workbook([row]))
    assert job.status == ImportStatus.FAILED and AuxiliaryOfficer.objects.count() == 1


def test_portal_full_width_leading_digits_are_already_registered(db):
    number = id_number(3)
    first, second = UserFactory(role="applicant", agency=None), UserFactory(role="applicant", agency=None)
    fields = dict(full_name="李四", phone="13800000000", education="junior_college")
    portal.profile_save(user=first, id_number=number, **fields)
    with pytest.raises(Conflict):
        portal.profile_save(user=second, id_number=full_width(number, 6), **fields)


def test_portal_stores_the_canonical_spelling(db):
    user = UserFactory(role="applicant", agency=None)
    profile = portal.profile_save(
        user=user,
        full_name="李四",
        id_number=full_width(id_number(4)),
        phone="13800000000",
        education="junior_college",
    )
    profile.refresh_from_db()
    assert profile.id_number == id_number(4) and profile.id_number_index == blind_index(
        id_number(4), purpose="id_number"
    )


def test_personnel_search_by_full_width_last_digits_finds_the_person(county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=10)
    person = hire(county_officer, wuhou, serial=5)
    found = personnel_selectors.auxiliary_filtered_for(
        user=county_officer, filters={"q": full_width(person.id_number[-4:])}
    )
    assert list(found.values_list("pk", flat=True)) == [person.pk]


def test_data_check_reports_rows_stored_in_a_non_canonical_spelling(county_officer, wuhou, capsys):
    QuotaFactory(agency=wuhou, approved_total=10)
    clean = hire(county_officer, wuhou, serial=1)
    call_command("check_identifiers")
    typed = full_width(id_number(2), 6)
    # A row as the old code wrote it: plaintext as typed, blind index of that spelling.
    AuxiliaryOfficer.objects.filter(pk=clean.pk).update(
        id_number=typed, id_number_index=blind_index(typed, purpose="id_number")
    )
    with pytest.raises(CommandError, match="need attention"):
        call_command("check_identifiers")
    output = capsys.readouterr().out
    assert f"personnel.AuxiliaryOfficer #{clean.pk}" in output and "canonical" in output


def test_the_profile_does_not_say_a_number_is_registered_and_stops_a_walk_through_numbers(db):
    from auxpolice.core.throttle import Throttled

    owner, prober = UserFactory(role="applicant", agency=None), UserFactory(role="applicant", agency=None)
    fields = dict(full_name="李四", phone="13800000000", education="junior_college")
    portal.profile_save(user=owner, id_number=id_number(3), **fields)
    with pytest.raises(Conflict) as error:
        portal.profile_save(user=prober, id_number=id_number(3), **fields)
    assert "registered" not in str(error.value.message) and "注册" not in str(error.value.message)
    for serial in range(4, 3 + portal.PROFILE_SAVES_PER_HOUR):
        portal.profile_save(user=prober, id_number=id_number(serial), **fields)
    with pytest.raises(Throttled):
        portal.profile_save(user=prober, id_number=id_number(99), **fields)
