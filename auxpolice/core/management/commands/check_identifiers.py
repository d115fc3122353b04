"""Find stored resident ID numbers that are not in their one canonical spelling (see
`auxpolice.rules.idnumber.canonical_id_number`), and people who hold the same number under two spellings.

Rows written before identifiers were normalised on the way in may hold full-width or other-script digits;
their blind index then differs from the canonical one, so lookups, uniqueness and the rehire bar miss them.
This command only reports (which table, which row, the masked number, what is wrong); merging two records of
one person is an HR decision, not a script's.
"""

from collections import defaultdict

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from auxpolice.core.crypto import EncryptedTextField, Unreadable, blind_index
from auxpolice.rules.idnumber import InvalidIdNumber, canonical_id_number

CHUNK = 2000


def id_number_models():
    for model in apps.get_models():
        names = {f.name: f for f in model._meta.concrete_fields}
        if (
            isinstance(names.get("id_number"), EncryptedTextField)
            and "id_number_index" in names
            and not model.__name__.startswith("Historical")
        ):
            yield model


def findings_for(model) -> list[str]:
    findings: list[str] = []
    owners: dict[str, list[int]] = defaultdict(list)
    last = 0
    while True:
        rows = list(
            model.objects.filter(pk__gt=last)
            .exclude(id_number_index="")  # identified otherwise (a declared relation by name and birth date)
            .order_by("pk")
            .values_list("pk", "id_number", "id_number_index", "id_number_masked")[:CHUNK]
        )
        if not rows:
            break
        for pk, plain, index, masked in rows:
            where = f"{model._meta.label} #{pk} ({masked})"
            if isinstance(plain, Unreadable):
                findings.append(f"{where}: cannot be decrypted with the configured keys")
                continue
            try:
                canonical = canonical_id_number(plain)
            except InvalidIdNumber as error:
                findings.append(f"{where}: {error.message}")
                continue
            owners[canonical].append(pk)
            if plain != canonical:
                findings.append(f"{where}: stored as typed, not in canonical form")
            if index != blind_index(canonical, purpose="id_number"):
                findings.append(f"{where}: blind index does not match the canonical number")
        last = rows[-1][0]
    findings += [
        f"{model._meta.label}: rows {', '.join(f'#{pk}' for pk in pks)} hold the same ID number"
        for pks in owners.values()
        if len(pks) > 1
    ]
    return findings


class Command(BaseCommand):
    help = "Report stored resident ID numbers that are not canonical (exit status 1 if any)."

    def handle(self, *args, **options):
        total = 0
        for model in id_number_models():
            findings = findings_for(model)
            for line in findings:
                self.stdout.write(line)
            total += len(findings)
            self.stdout.write(f"{model._meta.label}: {len(findings)} finding(s)")
        if total:
            raise CommandError(f"{total} stored ID number(s) need attention")
