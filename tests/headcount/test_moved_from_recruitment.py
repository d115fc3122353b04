"""Moving quotas, requests, plans and approval steps from recruitment to headcount (#16) keeps a bureau's
data: rows, history, content types (history links, permissions granted on them) and the audit guard."""

import os

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from auxpolice.core.models import Agency, User
from headcount.models import Quota

BEFORE = [("headcount", None)]  # with it: recruitment 0007 and personnel 0005, which depend on it


# Migrating every app back and forth takes minutes (Django renders the project state once per migration): a
# quarter of CI's budget on the 2-core VMs of 2026-12-02. The move shipped in #16; run it with SLOW_TESTS=1
# whenever a migration of headcount, recruitment or personnel changes.
@pytest.mark.skipif(os.environ.get("SLOW_TESTS") != "1", reason="slow: set SLOW_TESTS=1")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_rows_history_content_types_and_grants(wuhou):
    # given: a database as it was before the move, holding a quota, its history and a grant on quotas
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([("recruitment", "0006_retention")]).apps
    old_quota = old.get_model("recruitment", "Quota").objects.create(
        agency_id=wuhou.pk, year=2026, approved_total=5
    )
    old.get_model("recruitment", "HistoricalQuota").objects.create(
        id=old_quota.pk,
        agency_id=wuhou.pk,
        year=2026,
        approved_total=5,
        history_type="+",
        history_date="2026-01-05T08:00:00+08:00",
    )
    content_types = old.get_model("contenttypes", "ContentType")
    quota_type = content_types.objects.get(app_label="recruitment", model="quota")
    officer = User.objects.create(username="grantee", role="officer", agency=wuhou)
    permission = old.get_model("auth", "Permission").objects.get(
        content_type=quota_type, codename="view_quota"
    )
    old.get_model("core", "User").objects.get(pk=officer.pk).user_permissions.add(permission.pk)

    # when: the move runs
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    # then
    quota = Quota.objects.get(pk=old_quota.pk)
    assert (quota.agency, quota.approved_total, quota.history.count()) == (
        Agency.objects.get(pk=wuhou.pk),
        5,
        1,
    )
    moved = content_types.objects.get(pk=quota_type.pk)
    assert moved.app_label == "headcount"
    assert not content_types.objects.filter(app_label="recruitment", model="quota").exists()
    assert User.objects.get(pk=officer.pk).has_perm("headcount.view_quota")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_guard' "
            "AND tgrelid = 'recruitment_historicalquota'::regclass"
        )
        assert cursor.fetchone()[0] == 1
