"""The keys DRF's token table held keep working: each becomes an API token (read and write, as they were),
named for where it came from and expiring after the default term; then the old rows are deleted."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("core", "ApiToken")
    now = timezone.now()
    expires = now + timedelta(days=settings.API_TOKEN_DEFAULT_DAYS)
    batch = []
    for old in Token.objects.all().iterator(chunk_size=2000):
        batch.append(
            ApiToken(
                user_id=old.user_id,
                name="migrated",
                prefix=old.key[:10],
                digest=hashlib.sha256(old.key.encode()).hexdigest(),
                scope="write",
                created_at=now,
                expires_at=expires,
            )
        )
        if len(batch) == 2000:
            ApiToken.objects.bulk_create(batch)
            batch = []
    ApiToken.objects.bulk_create(batch)
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_api_tokens"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
