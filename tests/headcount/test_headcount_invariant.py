import threading

import pytest
from django.db import IntegrityError, connection, transaction

from headcount.errors import QuotaExceeded
from headcount.models import Quota
from headcount.services import quotas
from tests.factories import QuotaFactory


@pytest.mark.django_db
def test_a_hire_takes_a_free_place_and_the_last_place_cannot_be_taken_twice(wuhou, county_officer):
    quota = QuotaFactory(agency=wuhou, approved_total=2, in_post_service=1)
    quotas.quota_take_place(quota_id=quota.pk, category="service", actor=county_officer)
    with pytest.raises(QuotaExceeded):
        quotas.quota_take_place(quota_id=quota.pk, category="service", actor=county_officer)
    assert Quota.objects.get(pk=quota.pk).in_post_service == 2


@pytest.mark.django_db
def test_a_split_quota_keeps_categories_apart(wuhou, county_officer):
    quota = QuotaFactory(
        agency=wuhou,
        approved_total=2,
        split_by_category=True,
        approved_civilian=1,
        approved_service=1,
        in_post_civilian=1,
    )
    with pytest.raises(QuotaExceeded):
        quotas.quota_take_place(quota_id=quota.pk, category="civilian", actor=county_officer)
    quotas.quota_take_place(quota_id=quota.pk, category="service", actor=county_officer)


@pytest.mark.django_db
def test_hire_from_a_reservation_moves_the_place_from_reserved_to_in_post(wuhou, county_officer):
    quota = QuotaFactory(agency=wuhou, approved_total=1, reserved_civilian=1)
    quotas.quota_take_place(
        quota_id=quota.pk, category="civilian", actor=county_officer, from_reservation=True
    )
    quota.refresh_from_db()
    assert (quota.reserved_civilian, quota.in_post_civilian) == (0, 1)


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_database_refuses_headcount_beyond_approval_even_bypassing_the_service(wuhou):
    quota = QuotaFactory(agency=wuhou, approved_total=1, in_post_service=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quota.objects.filter(pk=quota.pk).update(reserved_service=1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_parallel_hires_at_the_last_free_place_exactly_one_succeeds(wuhou, county_officer):
    quota = QuotaFactory(agency=wuhou, approved_total=5, in_post_service=4)
    attempts = 12
    barrier = threading.Barrier(attempts)
    outcomes: list[str] = []

    def hire():
        try:
            barrier.wait()
            quotas.quota_take_place(quota_id=quota.pk, category="service", actor=county_officer)
            outcomes.append("hired")
        except QuotaExceeded:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=hire) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["hired"] + ["refused"] * (attempts - 1)
    assert Quota.objects.get(pk=quota.pk).in_post_service == 5
