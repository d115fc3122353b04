"""A Celery worker on the bench database for the figures that need real worker processes (a batch run's slices
in parallel): started for the measurement, stopped after it."""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def celery_worker(processes: int):
    """`processes` worker processes (prefork, as in docker-compose) on this process's database and broker."""
    from django.conf import settings

    from auxpolice.celery import app

    with app.connection_for_write() as connection:  # nothing left over from an earlier, interrupted run
        for queue in settings.WORKER_QUEUES:
            connection.default_channel.queue_purge(queue)
    command = [
        str(Path(sys.executable).parent / "celery"),
        "-A",
        "auxpolice",
        "worker",
        "--concurrency",
        str(processes),
        "--loglevel",
        "WARNING",
        "--without-gossip",
        "--without-mingle",
        "--queues",
        ",".join(settings.WORKER_QUEUES),
        "--hostname",
        f"bench-{os.getpid()}@%h",
    ]
    # The banner goes to stdout (silenced); warnings and errors to stderr, shown.
    worker = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1.0):
            if time.monotonic() > deadline or worker.poll() is not None:
                raise RuntimeError("the bench's Celery worker did not start")
        yield
    finally:
        worker.terminate()
        worker.wait(timeout=60)
