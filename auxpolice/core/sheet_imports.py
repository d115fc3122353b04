"""Workbooks of results uploaded on a page and recorded in Celery, all rows or none.

An app registers a handler per kind in its AppConfig.ready(): `handler(job, upload, progress) -> (recorded,
errors)`, where `upload` is the decrypted workbook and `errors` row-level dicts (row, column, message).
Reading and checking happen in the worker, never in the web request; the page polls the job. Core imports no
app.
"""

import io
import logging
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from . import leftovers
from .audit import authored
from .crypto import decrypt_bytes
from .errors import DomainError
from .models import SheetImport, SheetImportStatus

logger = logging.getLogger(__name__)
HANDLERS: dict[str, Callable] = {}


def register(kind: str, handler: Callable) -> None:
    HANDLERS[kind] = handler


def run(job_id: int) -> SheetImport:
    job = SheetImport.objects.select_related("uploaded_by", "agency").get(pk=job_id)
    if job.status in (SheetImportStatus.DONE, SheetImportStatus.FAILED):
        return job  # a redelivered task: the import already ran
    job.status, job.job_beat = SheetImportStatus.RUNNING, timezone.now()
    authored(job, job.uploaded_by)
    job.save(update_fields=["status", "job_beat"])

    def progress(done: int, total: int) -> None:
        SheetImport.record_progress(job.pk, job_done=done, job_total=total)

    try:
        with job.workbook.open("rb") as stored:
            upload = io.BytesIO(decrypt_bytes(stored.read()))
        recorded, errors = HANDLERS[job.kind](job, upload, progress)
    except DomainError as error:
        recorded, errors = 0, [{"row": None, "column": "", "message": str(error.message)}]
    except Exception:
        logger.exception("sheet import %s failed", job.pk)
        recorded, errors = (
            0,
            [
                {
                    "row": None,
                    "column": "",
                    "message": _(
                        "The import stopped on an unexpected error; nothing was written. Try again, or tell "
                        "the system "
                        "administrator."
                    ),
                }
            ],
        )
    return _finish(job, recorded, errors)


def _finish(job: SheetImport, recorded: int, errors: list[dict]) -> SheetImport:
    job.status = SheetImportStatus.FAILED if errors else SheetImportStatus.DONE
    job.recorded, job.errors = (0, errors[:500]) if errors else (recorded, [])
    if job.workbook:
        job.workbook.delete(save=False)  # the report stays; the personal data in the file goes
    authored(job, job.uploaded_by)
    job.save(update_fields=["status", "recorded", "errors", "workbook"])
    return job


def purge_leftover_files(now=None) -> int:
    """Beat, hourly: files of finished imports (a delete cut off) and of uploads no import waits for."""
    return leftovers.purge_uploads(
        SheetImport,
        finished=[SheetImportStatus.DONE, SheetImportStatus.FAILED],
        folder="sheet-imports",
        now=now,
    )
