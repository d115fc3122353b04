"""Lists, reports, exports and the workbench read from a replica where lag is harmless; writes, transactions
and a user's reads just after their own write stay on the primary (read-your-writes)."""

from datetime import date

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from auxpolice.core import replicas
from personnel.models import AuxiliaryOfficer
from tests.conftest import client_for
from tests.factories import QuotaFactory
from tests.personnel.test_records import hire

ROUTER = replicas.ReplicaRouter()


def reads_of(queries, table: str) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT") and table in q["sql"]]


@pytest.fixture
def with_replica(settings):
    settings.DATABASE_REPLICAS = ["replica"]


def test_without_replicas_every_read_goes_to_the_primary(settings):
    settings.DATABASE_REPLICAS = []
    with replicas.lagging_reads_allowed():
        assert ROUTER.db_for_read(AuxiliaryOfficer) == "default"


def test_reads_go_to_a_replica_only_where_the_request_allowed_lag(with_replica):
    assert ROUTER.db_for_read(AuxiliaryOfficer) == "default"
    with replicas.lagging_reads_allowed():
        assert ROUTER.db_for_read(AuxiliaryOfficer) == "replica"
        assert ROUTER.db_for_write(AuxiliaryOfficer) == "default"
    assert ROUTER.db_for_read(AuxiliaryOfficer) == "default"


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_reads_stay_on_the_primary(with_replica):
    with replicas.lagging_reads_allowed():
        with transaction.atomic():
            assert ROUTER.db_for_read(AuxiliaryOfficer) == "default"
        assert ROUTER.db_for_read(AuxiliaryOfficer) == "replica"


def test_migrations_run_on_the_primary_only(with_replica):
    assert ROUTER.allow_migrate("default", "personnel")
    assert not ROUTER.allow_migrate("replica", "personnel")


@pytest.fixture
def staffed(county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=10)
    for serial in range(1, 4):
        hire(county_officer, wuhou, serial=serial)


def list_page(client) -> tuple[list[str], list[str], int]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(reverse("auxiliary_list"))
    assert response.status_code == 200
    rows = len(response.context["page"].rows)
    return (
        reads_of(primary, "personnel_auxiliaryofficer"),
        reads_of(replica, "personnel_auxiliaryofficer"),
        rows,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_list_reads_from_the_replica_until_the_user_writes(with_replica, client, county_officer, staffed):
    client_for(client, county_officer)
    on_primary, on_replica, rows = list_page(client)
    assert rows == 3 and on_replica and not on_primary

    client.post(reverse("auxiliary_list"))  # any write path pins the user, whatever its outcome
    on_primary, on_replica, rows = list_page(client)
    assert rows == 3 and on_primary and not on_replica

    from django.core.cache import cache

    cache.delete(f"auxpolice:replica-pin:{county_officer.pk}")  # the pin's time is up
    on_primary, on_replica, _ = list_page(client)
    assert on_replica and not on_primary


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_one_users_write_does_not_pin_another_user(
    with_replica, client, county_officer, city_officer, staffed
):
    client_for(client, city_officer)
    client.post(reverse("auxiliary_list"))
    client_for(client, county_officer)
    _, on_replica, _ = list_page(client)
    assert on_replica


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_page_that_did_not_opt_in_reads_the_primary(with_replica, client, county_officer, staffed):
    person = AuxiliaryOfficer.objects.first()
    client_for(client, county_officer)
    with CaptureQueriesContext(connections["replica"]) as replica:
        response = client.get(reverse("auxiliary_detail", args=[person.pk]))
    assert response.status_code == 200 and not replica.captured_queries
    assert person.hired_on == date(2026, 5, 1)


def test_settings_name_one_replica_alias_per_url_each_a_test_mirror_of_the_primary():
    from tests.test_project import run_manage

    script = (
        "from django.conf import settings as s; "
        "print(s.DATABASE_REPLICAS, [s.DATABASES[a]['HOST'] for a in s.DATABASE_REPLICAS], "
        "[s.DATABASES[a]['TEST']['MIRROR'] for a in s.DATABASE_REPLICAS])"
    )
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env_extra={
            "DATABASE_URL": "postgres://u@db/x",
            "DATABASE_REPLICA_URLS": "postgres://u@r1/x,postgres://u@r2/x",
        },
    )
    assert result.stdout.strip() == "['replica1', 'replica2'] ['r1', 'r2'] ['default', 'default']", (
        result.stderr
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_an_api_list_reads_from_the_replica_until_its_token_user_writes(
    with_replica, api, county_officer, wuhou
):
    api.force_authenticate(county_officer)

    def agency_reads():
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as replica,
        ):
            response = api.get(reverse("api-agency-list"))
        assert response.status_code == 200 and response.json()["results"]
        return reads_of(primary, "core_agency"), reads_of(replica, "core_agency")

    on_primary, on_replica = agency_reads()
    assert on_replica and not on_primary
    api.post(reverse("api-agency-list"), {}, format="json")  # refused, but a write path all the same
    on_primary, on_replica = agency_reads()
    assert on_primary and not on_replica
