"""Files no record waits for any more (uploaded workbooks whose import finished, or whose upload was cut off):
they hold personal data outside field encryption and retention, so an hourly job deletes them."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

GRACE = timedelta(days=1)


def purge(folder: str, *, keep: set[str], now=None) -> int:
    """Delete every file under `folder` not named in `keep` and older than a day; returns how many."""
    cutoff = (now or timezone.now()) - GRACE
    removed = 0
    for name in _stored_files(folder):
        if name not in keep and default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            removed += 1
    return removed


def _stored_files(folder: str):
    if not default_storage.exists(folder):
        return
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored_files(f"{folder}/{sub}")
