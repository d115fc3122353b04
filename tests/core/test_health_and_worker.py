import os

import pytest

from auxpolice.core.tasks import HEARTBEAT_KEY, beat_heartbeat
from tests.workers import producer, redis_cache, wait_for, worker_process


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok" and response.json()["cache"] == "ok"


@pytest.mark.django_db
def test_healthz_shows_when_beat_last_ran(client):
    stamp = beat_heartbeat.delay().get()
    assert client.get("/healthz").json()["beat_last_seen"] == stamp


@pytest.mark.redis
@pytest.mark.django_db
def test_a_task_runs_on_a_real_worker_process_through_redis():
    url = os.environ["TEST_REDIS_URL"]
    shared_cache = redis_cache(url)
    shared_cache.delete(HEARTBEAT_KEY)
    with worker_process(url):
        producer(url).send_task("auxpolice.core.tasks.beat_heartbeat")
        stamp = wait_for(lambda: shared_cache.get(HEARTBEAT_KEY))
    assert stamp is not None
