import base64

import pytest

from auxpolice.core import crypto

ID = "11010519491231002X"


@pytest.fixture
def keys(settings):
    def use(encryption: str, hmac_key: str = base64.b64encode(b"h" * 32).decode()):
        settings.FIELD_ENCRYPTION_KEYS = encryption
        settings.FIELD_HMAC_KEY = hmac_key
        crypto.encryption_keys.cache_clear()
        crypto.hmac_key.cache_clear()

    yield use
    crypto.encryption_keys.cache_clear()
    crypto.hmac_key.cache_clear()


def key(kid: str, byte: bytes) -> str:
    return f"{kid}:{base64.b64encode(byte * 32).decode()}"


def test_round_trip_and_no_plaintext_in_the_ciphertext(keys):
    keys(key("2026a", b"a"))
    token = crypto.encrypt(ID)
    assert ID not in token and "19491231" not in token
    assert crypto.decrypt(token) == ID
    assert crypto.encrypt(ID) != token  # a fresh nonce every time


def test_rotation_new_key_encrypts_old_key_still_decrypts(keys):
    keys(key("old", b"o"))
    old_token = crypto.encrypt(ID)
    keys(",".join([key("new", b"n"), key("old", b"o")]))
    assert crypto.key_id_of(crypto.encrypt(ID)) == "new"
    assert crypto.decrypt(old_token) == ID


def test_a_retired_key_cannot_decrypt(keys):
    keys(key("old", b"o"))
    old_token = crypto.encrypt(ID)
    keys(key("new", b"n"))
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt(old_token)


def test_tampering_is_detected(keys):
    keys(key("k", b"k"))
    prefix, kid, body = crypto.encrypt(ID).split(":", 2)
    raw = bytearray(base64.b64decode(body))
    raw[-1] ^= 1
    with pytest.raises(crypto.DecryptionFailed):
        crypto.decrypt(f"{prefix}:{kid}:{base64.b64encode(bytes(raw)).decode()}")


def test_blind_index_is_stable_keyed_and_purpose_bound(keys):
    keys(key("k", b"k"))
    first = crypto.blind_index(ID, purpose="id_number")
    assert first == crypto.blind_index(ID, purpose="id_number")
    assert first != crypto.blind_index(ID, purpose="phone")
    assert ID not in first
    keys(key("k", b"k"), base64.b64encode(b"z" * 32).decode())
    assert crypto.blind_index(ID, purpose="id_number") != first


def test_bad_key_configuration_is_refused(keys):
    from django.core.exceptions import ImproperlyConfigured

    keys("k:" + base64.b64encode(b"short").decode())
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt(ID)


def test_production_profile_refuses_to_start_without_field_keys():
    from tests.test_project import run_manage

    result = run_manage(
        "check",
        env_extra={
            "AUXPOLICE_PROFILE": "production",
            "SECRET_KEY": "x" * 60,
            "FIELD_ENCRYPTION_KEYS": "",
            "FIELD_HMAC_KEY": "",
        },
    )
    assert result.returncode != 0 and "FIELD_ENCRYPTION_KEYS" in result.stderr


def test_encrypted_field_stores_ciphertext_and_reads_plain_text(keys):
    keys(key("k", b"k"))
    field = crypto.EncryptedTextField()
    stored = field.get_prep_value(ID)
    assert stored.startswith("enc1:k:") and ID not in stored
    assert field.get_prep_value(stored) == stored  # already encrypted values are not encrypted twice
    assert field.from_db_value(stored, None, None) == ID
    assert field.get_prep_value("") == "" and field.from_db_value(None, None, None) is None


def test_a_typed_value_that_looks_like_ciphertext_is_encrypted_and_round_trips_as_typed(
    db, county_officer, wuhou
):
    from datetime import date

    from django.db import connection

    from personnel.models import HealthCheck
    from personnel.services import conduct
    from tests.factories import QuotaFactory
    from tests.personnel.test_records import hire

    QuotaFactory(agency=wuhou, approved_total=2)
    person = hire(county_officer, wuhou)
    typed = "enc1:dev:AAAAAAAAAAAAAAAAAAAAAAAA"
    check = conduct.health_check_record(
        actor=county_officer, officer=person, checked_on=date(2026, 3, 1), fit_for_duty=True, findings=typed
    )
    assert HealthCheck.objects.get(pk=check.pk).findings == typed
    with connection.cursor() as cursor:
        cursor.execute("SELECT findings FROM personnel_healthcheck WHERE id = %s", [check.pk])
        stored = cursor.fetchone()[0]
    assert stored != typed and crypto.decrypt(stored) == typed


def test_a_row_that_cannot_be_decrypted_is_shown_as_such_and_the_page_still_answers(
    client, county_officer, wuhou
):
    from datetime import date

    from django.contrib.auth.models import Permission
    from django.urls import reverse

    from personnel.models import HealthCheck
    from personnel.services import conduct
    from tests.conftest import client_for
    from tests.factories import QuotaFactory
    from tests.personnel.test_records import hire

    QuotaFactory(agency=wuhou, approved_total=2)
    person = hire(county_officer, wuhou)
    for findings in ("血压正常", "视力正常"):
        conduct.health_check_record(
            actor=county_officer,
            officer=person,
            checked_on=date(2026, 3, 1),
            fit_for_duty=True,
            findings=findings,
        )
    damaged = HealthCheck.objects.filter(officer=person).first()
    HealthCheck.objects.filter(pk=damaged.pk).update(findings=crypto.Ciphertext("enc1:dev:AAAA"))
    assert isinstance(HealthCheck.objects.get(pk=damaged.pk).findings, crypto.Unreadable)
    county_officer.user_permissions.add(Permission.objects.get(codename="view_health_records"))
    response = client_for(client, type(county_officer).objects.get(pk=county_officer.pk)).get(
        reverse("person_records", args=[person.pk, "health"])
    )
    page = response.content.decode()
    assert response.status_code == 200 and "enc1:dev" not in page
    assert str(crypto.Unreadable("x")) in page and ("血压正常" in page or "视力正常" in page)
