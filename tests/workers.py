"""A real Celery worker in a child process, on the test Redis and the test database."""

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from celery import Celery
from django.conf import settings
from django.core.cache.backends.redis import RedisCache

ROOT = Path(__file__).resolve().parent.parent


def test_database_url() -> str:
    db = settings.DATABASES["default"]
    if settings.DATABASE_VENDOR_IS_POSTGRES:
        user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        return f"postgres://{user}@{host}:{port}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


@contextmanager
def worker_process(redis_url: str, **extra_env: str):
    env = os.environ | {"REDIS_URL": redis_url, "DATABASE_URL": test_database_url()} | extra_env
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "auxpolice",
            "worker",
            "-P",
            "solo",
            "-c",
            "1",
            "-l",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--queues",
            ",".join(settings.WORKER_QUEUES),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def producer(redis_url: str) -> Celery:
    # Not the current app: the test process keeps running its own tasks eagerly. Routed as the app routes.
    app = Celery("auxpolice-test-producer", broker=redis_url, set_as_current=False)
    app.conf.task_routes = settings.CELERY_TASK_ROUTES
    app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE
    return app


def redis_cache(redis_url: str) -> RedisCache:
    """The cache the worker writes to (same backend and key format as the app with REDIS_URL set)."""
    return RedisCache(redis_url, {})


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()
