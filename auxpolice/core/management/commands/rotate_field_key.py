"""Re-encrypt every encrypted column of the live tables with the current key (the first of
FIELD_ENCRYPTION_KEYS) and cipher (FIELD_CIPHER), and rebuild the blind indexes of ID numbers when the HMAC
changed with the cipher.

Rotation: put the new key first, keep the old ones after it, run this command. Moving from AES-256-GCM to
SM4-GCM (or back) is the same: set FIELD_CIPHER, put a key of the right length first, run this command in a
maintenance window (lookups by ID number use the new HMAC from the moment the setting changes). History rows
are append-only (the audit guard refuses updates), so they keep the key they were written with: keep old keys
in the list for as long as history written under them is kept.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast

from auxpolice.core.crypto import EncryptedTextField, blind_index, current_key_tag, key_id_of
from auxpolice.rules.idnumber import InvalidIdNumber, canonical_id_number

CHUNK = 2000
# Blind-index columns of ID numbers: the column, its purpose and the part of the canonical number it indexes.
BLIND_INDEXES = {
    "id_number_index": ("id_number", slice(None)),
    "id_number_tail_index": ("id_number_tail", slice(-6, None)),
}


def encrypted_models():
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields and not model.__name__.startswith("Historical"):
            yield model, fields


class Command(BaseCommand):
    help = "Re-encrypt encrypted columns of live rows still under an older key."

    def handle(self, *args, **options):
        current = current_key_tag()
        for model, fields in encrypted_models():
            # The stored tokens, not the plaintext: a cast to plain text skips the field's decryption.
            tokens = {f"raw_{f.attname}": Cast(f.attname, models.TextField()) for f in fields}
            indexed = [c for c in BLIND_INDEXES if c in {f.attname for f in model._meta.concrete_fields}]
            columns = [f.attname for f in fields] + indexed
            changed, last = 0, 0
            while True:
                with transaction.atomic():
                    rows = list(
                        model.objects.select_for_update()
                        .filter(pk__gt=last)
                        .order_by("pk")
                        .annotate(**tokens)
                        .only("pk", *columns)[:CHUNK]
                    )
                    if not rows:
                        break
                    fresh = {row.pk: _indexes(row, indexed) for row in rows}
                    stale = [
                        row
                        for row in rows
                        if any(
                            getattr(row, f"raw_{f.attname}")
                            and key_id_of(getattr(row, f"raw_{f.attname}")) != current
                            for f in fields
                        )
                        or any(getattr(row, column) != fresh[row.pk][column] for column in indexed)
                    ]
                    for row in stale:
                        for column in indexed:
                            setattr(row, column, fresh[row.pk][column])
                    # No history row: the plaintext is unchanged, only its wrapping.
                    model.objects.bulk_update(stale, columns)
                    changed += len(stale)
                    last = rows[-1].pk
            self.stdout.write(f"{model._meta.label}: {changed} rows re-encrypted under key {current}")


def _indexes(row, columns: list[str]) -> dict[str, str]:
    try:
        value = canonical_id_number(row.id_number)
    except InvalidIdNumber:  # reported by check_identifiers; keep what is there
        return {column: getattr(row, column) for column in columns}
    return {
        column: blind_index(value[BLIND_INDEXES[column][1]], purpose=BLIND_INDEXES[column][0])
        for column in columns
    }
