from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from auxpolice.core.errors import Conflict
from auxpolice.rules.idnumber import InvalidIdNumber, check_character
from headcount.errors import QuotaExceeded
from headcount.models import Quota
from personnel.models import AuxiliaryOfficer
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from tests.conftest import client_for
from tests.factories import QuotaFactory, numbered_name

pytestmark = pytest.mark.django_db


def id_number(serial: int, born: str = "19950315") -> str:
    first17 = f"510107{born}{serial:03d}"
    return first17 + check_character(first17)


def hire(actor, agency, serial=1, **extra):
    person = {
        "full_name": "张伟",
        "id_number": id_number(serial),
        "category": "service",
        "hired_on": date(2026, 5, 1),
    } | {k: v for k, v in extra.items() if k in NewAuxiliary.__dataclass_fields__}
    others = {k: v for k, v in extra.items() if k not in NewAuxiliary.__dataclass_fields__}
    return auxiliary_create(actor=actor, agency=agency, person=NewAuxiliary(**person), **others)


def test_creating_a_record_takes_a_quota_place_and_derives_birth_date_and_sex(county_officer, wuhou):
    quota = QuotaFactory(agency=wuhou, approved_total=3)
    person = hire(county_officer, wuhou)
    assert (person.birth_date, person.sex) == (date(1995, 3, 15), "male")
    assert person.id_number_masked == id_number(1)[:3] + "*" * 11 + id_number(1)[-4:]
    assert Quota.objects.get(pk=quota.pk).in_post_service == 1
    assert person.history.get().history_user == county_officer


def test_no_record_beyond_the_approved_quota(county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=1)
    hire(county_officer, wuhou, serial=1)
    with pytest.raises(QuotaExceeded):
        hire(county_officer, wuhou, serial=3)
    assert AuxiliaryOfficer.objects.count() == 1


def test_an_invalid_id_number_is_refused_and_nothing_is_written(county_officer, wuhou):
    QuotaFactory(agency=wuhou)
    with pytest.raises(InvalidIdNumber):
        valid = id_number(1)
        hire(county_officer, wuhou, id_number=valid[:-1] + ("1" if valid[-1] != "1" else "2"))
    assert not AuxiliaryOfficer.objects.exists()
    assert Quota.objects.get(agency=wuhou).in_post == 0


def test_the_same_person_cannot_have_two_records(county_officer, wuhou, jinjiang, other_county_officer):
    QuotaFactory(agency=wuhou)
    QuotaFactory(agency=jinjiang)
    hire(county_officer, wuhou, serial=5)
    with pytest.raises(Conflict) as refused:
        hire(other_county_officer, jinjiang, serial=5)
    assert refused.value.field == "id_number"
    assert Quota.objects.get(agency=jinjiang).in_post == 0


@pytest.mark.postgres
def test_the_database_holds_no_plain_id_number_in_records_or_history(county_officer, wuhou):
    QuotaFactory(agency=wuhou)
    plain = id_number(7)
    hire(county_officer, wuhou, serial=7)
    with connection.cursor() as cursor:
        for table in ("personnel_auxiliaryofficer", "personnel_historicalauxiliaryofficer"):
            cursor.execute(f"SELECT * FROM {table}")
            dump = repr(cursor.fetchall())
            assert plain not in dump and plain[6:14] + plain[14:17] not in dump
    assert AuxiliaryOfficer.objects.get().id_number == plain


def test_list_is_scoped_masked_and_keyset_paginated(
    client, county_officer, city_officer, wuhou, jinjiang, other_county_officer
):
    QuotaFactory(agency=wuhou, approved_total=30)
    QuotaFactory(agency=jinjiang, approved_total=30)
    for serial in range(1, 24):
        hire(county_officer, wuhou, serial=serial * 2)
    hire(other_county_officer, jinjiang, serial=99)
    response = client_for(client, county_officer).get(reverse("auxiliary_list"))
    page = response.context["page"]
    assert len(page.rows) == 20 and page.next_cursor
    assert {row.agency.name for row in page.rows} == {"武侯区分局"}
    body = response.content.decode()
    newest = id_number(46)
    assert newest not in body and newest[-4:] in body
    second = client.get(reverse("auxiliary_list"), {"after": page.next_cursor}).context["page"]
    assert len(second.rows) == 3 and second.next_cursor is None
    city = (
        client_for(client, city_officer)
        .get(reverse("auxiliary_list"), {"q": id_number(99)[-4:]})
        .context["page"]
    )
    assert [row.agency.name for row in city.rows] == ["锦江区分局"]


def test_list_page_query_count_is_fixed(client, city_officer, wuhou, county_officer):
    QuotaFactory(agency=wuhou, approved_total=50)
    for serial in range(1, 31):
        hire(county_officer, wuhou, serial=serial * 3)
    client_for(client, city_officer)
    client.get(reverse("auxiliary_list"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("auxiliary_list"))
    assert len(queries) <= 8  # session, user, second-factor device, scope, agencies, page, count (+ slack)


@pytest.mark.parametrize("typed", ["full", "full_width", "last6", "last4", "name", "surname", "given_name"])
def test_the_list_finds_a_person_by_the_whole_id_number_its_last_digits_or_the_name(
    client, county_officer, wuhou, typed
):
    QuotaFactory(agency=wuhou, approved_total=10)
    person = hire(county_officer, wuhou, serial=41, full_name="欧阳娜娜")
    hire(county_officer, wuhou, serial=42)
    number = id_number(41)
    query = {
        "full": number,
        "full_width": number[:14] + "".join(chr(ord(c) + 0xFEE0) for c in number[14:]),
        "last6": number[-6:],
        "last4": number[-4:],
        "name": person.full_name,
        "surname": "欧阳",
        "given_name": "阳娜娜",  # from 3 characters, anywhere in the name
    }[typed]
    client_for(client, county_officer)
    page = client.get(reverse("auxiliary_list"), {"q": query})
    assert [p.pk for p in page.context["page"].rows] == [person.pk] and page.context["page"].matches == 1


def test_the_list_pages_back_as_well_as_forward_and_says_how_many_match(client, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=50)
    made = [hire(county_officer, wuhou, serial=serial) for serial in range(50, 75)]
    client_for(client, county_officer)
    first = client.get(reverse("auxiliary_list")).context["page"]
    assert first.matches == 25 and first.previous_cursor is None and len(first.rows) == 20
    second = client.get(reverse("auxiliary_list"), {"after": first.next_cursor}).context["page"]
    assert [p.pk for p in second.rows] == [p.pk for p in reversed(made[:5])] and second.next_cursor is None
    back = client.get(reverse("auxiliary_list"), {"before": second.previous_cursor}).context["page"]
    assert [p.pk for p in back.rows] == [p.pk for p in first.rows] and back.previous_cursor is None
    for sort in ("hired", "name"):
        forward = client.get(reverse("auxiliary_list"), {"sort": sort}).context["page"]
        onward = client.get(reverse("auxiliary_list"), {"sort": sort, "after": forward.next_cursor}).context[
            "page"
        ]
        again = client.get(
            reverse("auxiliary_list"), {"sort": sort, "before": onward.previous_cursor}
        ).context["page"]
        assert [p.pk for p in again.rows] == [p.pk for p in forward.rows]


def test_full_id_number_only_for_granted_staff_and_every_view_is_logged(client, county_officer, wuhou):
    from django.contrib.auth.models import Permission

    from personnel.models import SensitiveAccess

    QuotaFactory(agency=wuhou)
    person = hire(county_officer, wuhou, serial=31)
    client_for(client, county_officer)
    page = client.get(reverse("auxiliary_detail", args=[person.pk])).content.decode()
    assert id_number(31) not in page and person.id_number_masked in page
    assert client.post(reverse("id_number_reveal", args=[person.pk])).status_code == 403
    assert not SensitiveAccess.objects.exists()

    county_officer.user_permissions.add(Permission.objects.get(codename="view_full_id_number"))
    client_for(client, type(county_officer).objects.get(pk=county_officer.pk))
    revealed = client.post(
        reverse("id_number_reveal", args=[person.pk]), REMOTE_ADDR="10.1.2.3"
    ).content.decode()
    assert id_number(31) in revealed
    log = SensitiveAccess.objects.get()
    assert (log.user, log.officer, log.field, log.address) == (
        county_officer,
        person,
        "id_number",
        "10.1.2.3",
    )


def test_excel_export_follows_the_filters_and_scope_and_masks_ids(
    client, county_officer, city_officer, wuhou, jinjiang, other_county_officer
):
    import io

    from openpyxl import load_workbook

    QuotaFactory(agency=wuhou)
    QuotaFactory(agency=jinjiang)
    hire(county_officer, wuhou, serial=41, category="civilian")
    hire(county_officer, wuhou, serial=42)
    hire(other_county_officer, jinjiang, serial=43)
    response = client_for(client, county_officer).get(reverse("auxiliary_export"), {"category": "service"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 2 and rows[1][1] == id_number(42)[:3] + "*" * 11 + id_number(42)[-4:]
    assert id_number(42) not in repr(rows)


def test_details_change_with_history_and_a_disguised_photo_is_refused(county_officer, wuhou):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from auxpolice.core.errors import DomainError
    from personnel.services.auxiliaries import auxiliary_update

    QuotaFactory(agency=wuhou)
    person = hire(county_officer, wuhou, serial=61)
    auxiliary_update(
        actor=county_officer,
        officer=person,
        education="junior_college",
        emergency_contact="张母",
        emergency_phone="13900000000",
    )
    person.refresh_from_db()
    assert (person.education, person.emergency_contact) == ("junior_college", "张母")
    assert person.history.first().history_user == county_officer
    with pytest.raises(DomainError) as refused:
        auxiliary_update(
            actor=county_officer, officer=person, photo=SimpleUploadedFile("me.jpg", b"MZ\x90\x00binary")
        )
    assert refused.value.field == "photo"
    with pytest.raises(DomainError):
        auxiliary_update(actor=county_officer, officer=person, id_number="110105194912310021")


def test_photo_uploaded_on_the_page_is_served_only_within_scope(
    client, county_officer, other_county_officer, wuhou
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    QuotaFactory(agency=wuhou)
    person = hire(county_officer, wuhou, serial=71)
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 64
    response = client_for(client, county_officer).post(
        reverse("auxiliary_details_save", args=[person.pk]),
        {"post": "巡逻", "photo": SimpleUploadedFile("me.png", png)},
    )
    assert response.status_code == 302
    assert b"".join(client.get(reverse("auxiliary_photo", args=[person.pk])).streaming_content) == png
    assert (
        client_for(client, other_county_officer).get(reverse("auxiliary_photo", args=[person.pk])).status_code
        == 404
    )


@pytest.mark.parametrize(
    "sort, key",
    [
        ("name", lambda r: (r.full_name, r.id)),
        ("hired", lambda r: (-r.hired_on.toordinal(), -r.id)),
        ("newest", lambda r: -r.id),
    ],
)
def test_every_sort_pages_through_all_rows_once_in_order(client, county_officer, wuhou, sort, key):
    QuotaFactory(agency=wuhou, approved_total=30)
    for serial in range(1, 26):
        hire(
            county_officer,
            wuhou,
            serial=serial,
            full_name=numbered_name("人员", serial % 7),
            hired_on=date(2026, 1 + serial % 5, 1),
        )
    client_for(client, county_officer)
    seen, after = [], None
    while True:
        params = {"sort": sort} | ({"after": after} if after else {})
        page = client.get(reverse("auxiliary_list"), params).context["page"]
        seen += page.rows
        after = page.next_cursor
        if not after:
            break
    assert [r.id for r in seen] == [r.id for r in sorted(seen, key=key)]
    assert len({r.id for r in seen}) == 25
