"""Files no record waits for any more (uploaded workbooks whose import finished, or whose upload was cut off):
they hold personal data outside field encryption and retention, so an hourly job deletes them."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

from auxpolice.core.object_storage import stored_files

GRACE = timedelta(days=1)


def purge_uploads(model, *, finished: list[str], folder: str, now=None) -> int:
    """For an import model with a `workbook` file and a `status`: drop the files of finished imports (a delete
    cut off), then every file under `folder` no waiting import names."""
    removed = 0
    for job in model.objects.filter(status__in=finished).exclude(workbook=""):
        job.workbook.delete(save=False)
        model.objects.filter(pk=job.pk).update(workbook="")  # a storage fact, not a business change
        removed += 1
    waiting = set(model.objects.exclude(workbook="").values_list("workbook", flat=True))
    return removed + purge(folder, keep=waiting, now=now)


def purge(folder: str, *, keep: set[str], now=None) -> int:
    """Delete every file under `folder` not named in `keep` and older than a day; returns how many."""
    cutoff = (now or timezone.now()) - GRACE
    removed = 0
    for name in stored_files(default_storage, folder):
        if name not in keep and default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            removed += 1
    return removed
