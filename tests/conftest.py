import os
import uuid
import warnings
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from auxpolice.core.object_storage import backup_storage_setting, default_storage_setting
from tests.factories import AgencyFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SQLITE_WARNING = (
    "TESTS ARE RUNNING ON SQLITE: PostgreSQL-only tests (row locks, constraints) are SKIPPED. "
    "Set DATABASE_URL=postgres://... (scripts/test does when PostgreSQL answers on 127.0.0.1:5432)."
)


def pytest_report_header(config):
    db = settings.DATABASES["default"]
    redis = os.environ.get("TEST_REDIS_URL") or "none (Redis tests skipped)"
    return [f"database: {db['ENGINE']} {db.get('NAME')}", f"redis for tests: {redis}"]


def pytest_configure(config):
    # Persistent connections outlive live-server and worker threads and block dropping the test database.
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A read replica as Django tests one: a second connection to the test database (TEST MIRROR). The
    # router uses it only where a test asks (DATABASE_REPLICAS = ["replica"]: tests/core/test_replicas).
    default = settings.DATABASES["default"]
    settings.DATABASES.setdefault(
        "replica", {**default, "TEST": {**default.get("TEST", {}), "MIRROR": "default"}}
    )
    if not settings.DATABASE_VENDOR_IS_POSTGRES:
        warnings.warn(SQLITE_WARNING, stacklevel=1)


def pytest_terminal_summary(terminalreporter):
    if not settings.DATABASE_VENDOR_IS_POSTGRES:
        terminalreporter.write_sep("!", SQLITE_WARNING, red=True, bold=True)


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL")
    skip_redis = pytest.mark.skip(reason="needs Redis (TEST_REDIS_URL)")
    for item in items:
        if "postgres" in item.keywords and not settings.DATABASE_VENDOR_IS_POSTGRES:
            item.add_marker(skip_pg)
        if "redis" in item.keywords and not os.environ.get("TEST_REDIS_URL"):
            item.add_marker(skip_redis)


# --- the agency tree most tests share: Sichuan province > Chengdu > Wuhou / Jinjiang, and Hangzhou


@pytest.fixture
def sichuan(db):
    return AgencyFactory(
        code="510000", name="四川省公安厅", level="province", jurisdiction="sichuan", parent=None
    )


@pytest.fixture
def chengdu(sichuan):
    return AgencyFactory(code="510100", name="成都市公安局", level="prefecture", parent=sichuan)


@pytest.fixture
def wuhou(chengdu):
    return AgencyFactory(code="510107", name="武侯区分局", level="county", parent=chengdu)


@pytest.fixture
def jinjiang(chengdu):
    return AgencyFactory(code="510104", name="锦江区分局", level="county", parent=chengdu)


@pytest.fixture
def hangzhou(db):
    return AgencyFactory(
        code="330100", name="杭州市公安局", level="prefecture", jurisdiction="hangzhou", parent=None
    )


# --- personas


@pytest.fixture
def county_officer(wuhou):
    return UserFactory(username="county_officer", role="officer", agency=wuhou)


@pytest.fixture
def other_county_officer(jinjiang):
    return UserFactory(username="other_county_officer", role="officer", agency=jinjiang)


@pytest.fixture
def city_officer(chengdu):
    return UserFactory(username="city_officer", role="officer", agency=chengdu)


@pytest.fixture
def supervisor(chengdu):
    return UserFactory(username="supervisor", role="supervisor", agency=chengdu)


@pytest.fixture
def auditor(sichuan):
    return UserFactory(username="auditor", role="auditor", agency=sichuan)


@pytest.fixture
def sysadmin(db):
    return UserFactory(username="sysadmin", role="sysadmin", agency=None, is_staff=True, is_superuser=True)


@pytest.fixture
def applicant(db):
    return UserFactory(username="applicant", role="applicant", agency=None)


@pytest.fixture
def outsider(hangzhou):
    return UserFactory(username="outsider", role="officer", agency=hangzhou)


class VerifiedAPIClient(APIClient):
    """force_authenticate as a back-office script would: with a token (issued only with the second factor)."""

    def force_authenticate(self, user=None, token=None):
        if user is not None and token is None and user.is_back_office:
            from auxpolice.core.api_tokens import token_issue

            token, _secret = token_issue(user=user, name="tests", scope="write")
        super().force_authenticate(user, token)


@pytest.fixture
def api():
    return VerifiedAPIClient()


def client_for(client, user):
    """Log the client in; back-office users also pass the second factor (tests of it log in without)."""
    client.force_login(user)
    if user.is_back_office:
        from tests.otp import verify_client

        verify_client(client, user)
    return client


@pytest.fixture(autouse=True)
def clock(request):
    """`@pytest.mark.today("2026-11-02")` runs the test (and its fixtures) on that day from 09:00 Beijing
    time, the clock ticking; the test moves it on with `clock.shift(timedelta(days=8))`. Unmarked: None."""
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield None
        return
    import time_machine

    start = datetime.fromisoformat(marker.args[0]).replace(hour=9, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(start, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 at production strength costs ~0.3 s per user; tests don't test the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Uploads: on the S3 server this run starts (moto's server mode), each test under a prefix of its own;
# TEST_STORAGE=filesystem runs the suite on the local folder instead, as the embedded default does.
TEST_STORAGE = os.environ.get("TEST_STORAGE", "s3")
TEST_BUCKET = "auxpolice-test"


@pytest.fixture(scope="session")
def s3_server():
    """The S3 variables of a running S3 server with an empty bucket (None with TEST_STORAGE=filesystem)."""
    if TEST_STORAGE == "filesystem":
        yield None
        return
    import logging

    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {
        "STORAGE_BACKEND": "s3",
        "S3_ENDPOINT_URL": f"http://{host}:{port}",
        "S3_BUCKET": TEST_BUCKET,
        "S3_BACKUP_BUCKET": f"{TEST_BUCKET}-backups",
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
        "S3_REGION": "us-east-1",
    }
    client = boto3.client(
        "s3",
        endpoint_url=env["S3_ENDPOINT_URL"],
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    for bucket in (TEST_BUCKET, env["S3_BACKUP_BUCKET"]):
        client.create_bucket(Bucket=bucket)
    yield env
    server.stop()


@pytest.fixture(autouse=True)
def _uploads(request, settings, tmp_path, monkeypatch):
    """Each test's files in a place of their own. On S3, nothing may land in the local media folder: every
    code path must go through the storage API. The environment carries the storage to worker processes."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    if TEST_STORAGE == "filesystem" or request.node.get_closest_marker("filesystem_storage"):
        monkeypatch.setenv("STORAGE_BACKEND", "filesystem")
        monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
        backups = str(tmp_path / "backups")
        monkeypatch.setenv("BACKUP_ROOT", backups)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": default_storage_setting({}),
            "backups": backup_storage_setting({}, local_folder=backups),
        }
        yield
        return
    env = request.getfixturevalue("s3_server") | {"S3_PREFIX": f"t-{uuid.uuid4().hex}"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": default_storage_setting(env),
        "backups": backup_storage_setting(env, local_folder=str(tmp_path / "backups")),
    }
    yield
    assert not settings.MEDIA_ROOT.exists(), "a code path wrote to the local media folder, not the storage"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Transactional tests fill the cache (agency settings are cached outside transactions); the next
    # test's agencies may reuse the same paths.
    from django.core.cache import cache

    cache.clear()
