"""Rotating the field encryption key: live rows move to the new key; older rows and history still read."""

import base64
from datetime import date

from django.core.management import call_command
from django.db.models import TextField
from django.db.models.functions import Cast

from auxpolice.core import crypto
from personnel.models import AuxiliaryOfficer
from personnel.services import auxiliary_create
from tests.factories import QuotaFactory
from tests.recruitment.builders import id_number


def _stored(pk):
    return AuxiliaryOfficer.objects.filter(pk=pk).annotate(raw=Cast("id_number", TextField())).values_list(
        "raw", flat=True).get()


def test_rotation_re_encrypts_live_rows_under_the_new_key(settings, county_officer, wuhou, capsys):
    old = base64.b64encode(b"o" * 32).decode()
    new = base64.b64encode(b"n" * 32).decode()
    settings.FIELD_ENCRYPTION_KEYS = f"k1:{old}"
    crypto.encryption_keys.cache_clear()
    QuotaFactory(agency=wuhou, approved_total=2)
    number = id_number(date(1991, 2, 3))
    person = auxiliary_create(actor=county_officer, agency=wuhou, full_name="王明", id_number=number,
                              category="service", hired_on=date(2026, 1, 5))
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
