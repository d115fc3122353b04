"""Rotating the field encryption key: live rows move to the new key; older rows and history still read."""

import base64
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import TextField
from django.db.models.functions import Cast

from auxpolice.core import crypto
from personnel.models import AuxiliaryOfficer
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from tests.factories import QuotaFactory
from tests.recruitment.builders import id_number


def _stored(pk):
    return (
        AuxiliaryOfficer.objects.filter(pk=pk)
        .annotate(raw=Cast("id_number", TextField()))
        .values_list("raw", flat=True)
        .get()
    )


def test_rotation_re_encrypts_live_rows_under_the_new_key(settings, county_officer, wuhou, capsys):
    old = base64.b64encode(b"o" * 32).decode()
    new = base64.b64encode(b"n" * 32).decode()
    settings.FIELD_ENCRYPTION_KEYS = f"k1:{old}"
    crypto.encryption_keys.cache_clear()
    QuotaFactory(agency=wuhou, approved_total=2)
    number = id_number(date(1991, 2, 3))
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="王明", id_number=number, category="service", hired_on=date(2026, 1, 5)
        ),
    )
    assert crypto.key_id_of(_stored(person.pk)) == "k1"
    try:
        settings.FIELD_ENCRYPTION_KEYS = f"k2:{new},k1:{old}"
        crypto.encryption_keys.cache_clear()
        history_before = person.history.count()
        call_command("rotate_field_key")
        assert crypto.key_id_of(_stored(person.pk)) == "k2"
        assert AuxiliaryOfficer.objects.get(pk=person.pk).id_number == number
        assert person.history.count() == history_before
        assert person.history.earliest("history_date").id_number == number  # history still reads under k1
        assert "personnel.AuxiliaryOfficer: 1 rows" in capsys.readouterr().out
    finally:
        crypto.encryption_keys.cache_clear()


def _keys(settings, cipher: str, keys: str):
    settings.FIELD_CIPHER, settings.FIELD_ENCRYPTION_KEYS = cipher, keys
    crypto.encryption_keys.cache_clear()


def test_sm4_gcm_round_trips_records_the_cipher_in_the_key_id_and_detects_tampering(settings):
    sm4 = base64.b64encode(b"s" * 16).decode()
    try:
        _keys(settings, "sm4-gcm", f"g1:{sm4}")
        token = crypto.encrypt("11010519491231002X")
        assert crypto.key_id_of(token) == "g1.sm4" and crypto.decrypt(token) == "11010519491231002X"
        assert crypto.decrypt_bytes(crypto.encrypt_bytes(b"workbook")) == b"workbook"
        prefix, kid, body = token.split(":", 2)
        raw = bytearray(base64.b64decode(body))
        raw[-1] ^= 1
        with pytest.raises(crypto.DecryptionFailed):
            crypto.decrypt(f"{prefix}:{kid}:{base64.b64encode(bytes(raw)).decode()}")
        sm3 = crypto.blind_index("x", purpose="id_number")
        _keys(settings, "aes-256-gcm", f"a1:{base64.b64encode(b'a' * 32).decode()}")
        assert crypto.blind_index("x", purpose="id_number") != sm3 and len(sm3) == 64
    finally:
        crypto.encryption_keys.cache_clear()


def test_rotation_moves_live_rows_from_aes_to_sm4_and_rebuilds_the_blind_index(
    settings, county_officer, wuhou
):
    from auxpolice.core.errors import Conflict

    aes = base64.b64encode(b"a" * 32).decode()
    sm4 = base64.b64encode(b"s" * 16).decode()
    try:
        _keys(settings, "aes-256-gcm", f"a1:{aes}")
        QuotaFactory(agency=wuhou, approved_total=3)
        number = id_number(date(1991, 2, 3))
        person = auxiliary_create(
            actor=county_officer,
            agency=wuhou,
            person=NewAuxiliary(
                full_name="王明", id_number=number, category="service", hired_on=date(2026, 1, 5)
            ),
        )
        _keys(settings, "sm4-gcm", f"g1:{sm4},a1:{aes}")
        call_command("rotate_field_key")
        assert crypto.key_id_of(_stored(person.pk)) == "g1.sm4"
        moved = AuxiliaryOfficer.objects.get(pk=person.pk)
        assert moved.id_number == number and moved.id_number_index == crypto.blind_index(
            number, purpose="id_number"
        )
        with pytest.raises(Conflict):  # the same person is still found by the new index
            auxiliary_create(
                actor=county_officer,
                agency=wuhou,
                person=NewAuxiliary(
                    full_name="王明", id_number=number, category="service", hired_on=date(2026, 1, 5)
                ),
            )
        _keys(settings, "aes-256-gcm", f"a2:{base64.b64encode(b'b' * 32).decode()},g1:{sm4}")
        call_command("rotate_field_key")
        assert crypto.key_id_of(_stored(person.pk)) == "a2"
        assert AuxiliaryOfficer.objects.get(pk=person.pk).id_number == number
    finally:
        crypto.encryption_keys.cache_clear()
