"""Import existing personnel and their contracts from an Excel workbook.

Every row is checked first (ID number, duplicates in the file and in the system, category, dates,
the contract rules, free quota places); one bad row refuses the whole file with a report naming each
row, column and reason, and nothing is written. A clean file is written in one transaction with bulk
inserts that keep history, and the quota counters move once per category under the row lock.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from io import BytesIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from simple_history.utils import bulk_create_with_history

from auxpolice.core import leftovers, people
from auxpolice.core.audit import authored
from auxpolice.core.crypto import FILE_MAGIC, blind_index, decrypt_bytes, encrypt
from auxpolice.core.errors import DomainError
from auxpolice.core.sheets import append_row, sheet_rows
from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import labour_law, working_life
from auxpolice.rules.idnumber import parse_id_number
from headcount.models import Quota

from ..models import AuxiliaryOfficer, ImportStatus, LaborContract, OfficerStatus, PersonnelImport
from .auxiliaries import id_number_tail_index
from .contracts import contract_term_check

logger = logging.getLogger(__name__)
COLUMNS = ["姓名", "公民身份号码", "类别", "入职日期", "岗位", "手机", "合同起始", "合同终止", "试用期截止"]
CATEGORY_BY_LABEL = {"文职": "civilian", "勤务": "service"}
PROGRESS_EVERY = 500
MAX_ROWS = 50_000  # said in the template's note
# The template's sample row: refused if left in, so it is never imported by mistake (the number is the one
# printed in GB 11643 as an example).
SAMPLE_MARK, SAMPLE_ID_NUMBER = "示例行（导入前请删除）", "11010519491231002X"
ALL_CONTENTS = (
    "rights_duties",
    "job_requirements",
    "working_conditions",
    "probation",
    "term",
    "pay",
    "termination_grounds",
    "breach_liability",
)


def template_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "人员导入"
    append_row(sheet, COLUMNS)
    append_row(
        sheet,
        [
            SAMPLE_MARK,
            SAMPLE_ID_NUMBER,
            "勤务",
            "2024-03-01",
            "巡逻防控",
            "13800000000",
            "2024-03-01",
            "2027-02-28",
            "2024-04-30",
        ],
    )
    sheet["K1"] = f"说明：第一行为表头，每个文件最多导入{MAX_ROWS}行。"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class Row:
    number: int
    full_name: str
    id_number: str
    category: str
    hired_on: date
    post: str
    phone: str
    starts_on: date
    ends_on: date
    probation_ends_on: date | None


def _checked(clean, value, column, number, errors):
    """The value as the forms would store it, or None with the form's message for that row and column."""
    try:
        return clean(str(value or ""))
    except DomainError as error:
        errors.append({"row": number, "column": column, "message": str(error.message)})
        return None


def _date(value, column, number, errors):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors.append({"row": number, "column": column, "message": _("Write the date as YYYY-MM-DD.")})
        return None


def _check(job: PersonnelImport) -> tuple[list[Row], list[dict]]:
    with job.workbook.open("rb") as stored:
        blob = stored.read()
    # Uploads from before files were encrypted at rest are read as they are.
    upload = BytesIO(decrypt_bytes(blob) if blob.startswith(FILE_MAGIC) else blob)
    raw = list(sheet_rows(upload, columns=len(COLUMNS), max_rows=MAX_ROWS))
    if not raw or raw[0][0] != 1 or [str(c or "").strip() for c in raw[0][1]] != COLUMNS:
        raise DomainError(
            _("The first row must be the template's header: %(columns)s.") % {"columns": "、".join(COLUMNS)},
            field="workbook",
        )
    body = raw[1:]
    job.total_rows = len(body)
    job.save(update_fields=["total_rows"])
    errors: list[dict] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for index, values in body:
        name, number, category, hired, post, phone, starts, ends, probation = values[: len(COLUMNS)]
        before = len(errors)
        if str(name or "").strip() == SAMPLE_MARK or str(number or "").strip() == SAMPLE_ID_NUMBER:
            errors.append(
                {
                    "row": index,
                    "column": "姓名",
                    "message": _("This is the template's sample row: delete it."),
                }
            )
            continue
        name = _checked(people.canonical_name, name, "姓名", index, errors)
        phone = _checked(partial(people.canonical_mobile, required=False), phone, "手机", index, errors)
        try:
            parsed = parse_id_number(str(number or ""))
        except DomainError as error:
            errors.append({"row": index, "column": "公民身份号码", "message": str(error.message)})
            parsed = None
        if parsed and parsed.value in seen:
            errors.append(
                {
                    "row": index,
                    "column": "公民身份号码",
                    "message": _("Same ID number as row %(row)s.") % {"row": seen[parsed.value]},
                }
            )
        elif parsed:
            seen[parsed.value] = index
        if str(category or "").strip() not in CATEGORY_BY_LABEL:
            errors.append({"row": index, "column": "类别", "message": _("Write 文职 or 勤务.")})
        dates = [
            _date(v, c, index, errors)
            for v, c in ((hired, "入职日期"), (starts, "合同起始"), (ends, "合同终止"))
        ]
        probation_on = _date(probation, "试用期截止", index, errors) if probation not in (None, "") else None
        if len(errors) == before and parsed is not None:
            rows.append(
                Row(
                    index,
                    name,
                    parsed.value,
                    CATEGORY_BY_LABEL[str(category).strip()],
                    dates[0],
                    str(post or "").strip(),
                    phone,
                    dates[1],
                    dates[2],
                    probation_on,
                )
            )
        if index % PROGRESS_EVERY == 0:
            job.processed_rows, job.job_beat = index - 1, timezone.now()
            job.save(update_fields=["processed_rows", "job_beat"])
    indexes = {blind_index(r.id_number, purpose="id_number"): r for r in rows}
    for existing in AuxiliaryOfficer.objects.filter(id_number_index__in=list(indexes)).values_list(
        "id_number_index", flat=True
    ):
        errors.append(
            {
                "row": indexes[existing].number,
                "column": "公民身份号码",
                "message": _("A personnel record with this resident ID number already exists."),
            }
        )
    return rows, errors


def _check_rules(job, rows, errors) -> None:
    from auxpolice.rules.registry import NoRulesInForce, pack_for

    for row in rows:
        if row.ends_on <= row.starts_on:
            errors.append(
                {
                    "row": row.number,
                    "column": "合同终止",
                    "message": _("The contract must end after it starts."),
                }
            )
            continue
        try:
            pack = pack_for(job.agency.jurisdiction, row.starts_on)
        except NoRulesInForce as error:
            errors.append({"row": row.number, "column": "合同起始", "message": str(error.message)})
            continue
        try:
            contract_term_check(job.agency, row.starts_on, row.ends_on)
        except DomainError as error:
            errors.append({"row": row.number, "column": "合同终止", "message": str(error.message)})
        probation = labour_law.probation(
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            probation_ends_on=row.probation_ends_on,
            earlier_contract=False,
        )
        for finding in probation.refusals:
            cite = "；".join(c.label_zh for c in finding.citations)
            errors.append(
                {"row": row.number, "column": "试用期截止", "message": f"{finding.message}（{cite}）"}
            )
        decision = working_life.contract(
            pack,
            kind="employment",
            stated=ALL_CONTENTS,
            has_probation=row.probation_ends_on is not None,
            first_contract=True,
        )
        if decision.outcome == Outcome.REFUSED:
            finding = decision.refusals[0]
            cite = "；".join(c.label_zh for c in finding.citations)
            errors.append(
                {"row": row.number, "column": "试用期截止", "message": f"{finding.message}（{cite}）"}
            )


def run(job_id: int) -> PersonnelImport:
    job = PersonnelImport.objects.select_related("agency", "uploaded_by").get(pk=job_id)
    if job.status in (ImportStatus.DONE, ImportStatus.FAILED):
        return job  # a redelivered task: the import already ran
    job.status, job.job_beat = ImportStatus.RUNNING, timezone.now()
    job.save(update_fields=["status", "job_beat"])
    try:
        rows, errors = _check(job)
        _check_rules(job, rows, errors)
        if errors:
            return _finish(
                job, ImportStatus.FAILED, sorted(errors, key=lambda e: (e["row"] or 0, e["column"]))
            )
        _write(job, rows)
    except DomainError as error:
        return _finish(job, ImportStatus.FAILED, [{"row": None, "column": "", "message": str(error.message)}])
    except Exception:
        # Never left "running": the officer sees that it failed, the file is gone, the trace is in the log.
        logger.exception("personnel import %s failed", job.pk)
        return _finish(
            job,
            ImportStatus.FAILED,
            [
                {
                    "row": None,  # the whole file, not one row
                    "column": "",
                    "message": _(
                        "The import stopped on an unexpected error; nothing was written. Try again, or tell "
                        "the system "
                        "administrator."
                    ),
                }
            ],
        )
    return _finish(job, ImportStatus.DONE, [])


@transaction.atomic
def _write(job: PersonnelImport, rows: list[Row]) -> None:
    by_year: dict[int, dict[str, int]] = {}
    for row in rows:
        by_year.setdefault(row.hired_on.year, {"civilian": 0, "service": 0})[row.category] += 1
    quotas = {
        q.year: q for q in Quota.objects.select_for_update().filter(agency=job.agency, year__in=list(by_year))
    }
    for year, wanted in by_year.items():
        quota = quotas.get(year)
        if quota is None or quota.version == 0:
            raise DomainError(
                _("%(agency)s has no approved quota for %(year)s.")
                % {"agency": job.agency.name, "year": year}
            )
        for category, count in wanted.items():
            if count > quota.vacant_in(category) or sum(wanted.values()) > quota.vacant:
                raise DomainError(
                    _("The file needs %(count)s %(category)s places in %(year)s; only %(vacant)s are free.")
                    % {
                        "count": count,
                        "category": category,
                        "year": year,
                        "vacant": quota.vacant_in(category),
                    }
                )
        quota.in_post_civilian += wanted["civilian"]
        quota.in_post_service += wanted["service"]
        authored(quota, job.uploaded_by)
        quota.save(update_fields=["in_post_civilian", "in_post_service"])
    today = timezone.localdate()
    officers = []
    for row in rows:
        parsed = parse_id_number(row.id_number)
        officers.append(
            AuxiliaryOfficer(
                agency=job.agency,
                quota=quotas[row.hired_on.year],
                full_name=row.full_name,
                id_number=encrypt(parsed.value),
                id_number_index=blind_index(parsed.value, purpose="id_number"),
                id_number_tail_index=id_number_tail_index(parsed.value),
                id_number_masked=parsed.masked,
                birth_date=parsed.birth_date,
                sex=parsed.sex,
                category=row.category,
                post=row.post,
                phone=row.phone,
                hired_on=row.hired_on,
                created_by=job.uploaded_by,
                status=OfficerStatus.PROBATION
                if row.probation_ends_on and row.probation_ends_on >= today
                else OfficerStatus.IN_POST,
            )
        )
    officers = bulk_create_with_history(
        officers, AuxiliaryOfficer, batch_size=2000, default_user=job.uploaded_by
    )
    contracts = [
        LaborContract(
            officer=person,
            responsible_agency=job.agency,
            employer_name=job.agency.name,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            probation_ends_on=row.probation_ends_on,
            stated_items=list(ALL_CONTENTS),
        )
        for person, row in zip(officers, rows, strict=True)
    ]
    bulk_create_with_history(contracts, LaborContract, batch_size=2000, default_user=job.uploaded_by)


def _finish(job: PersonnelImport, status: str, errors: list[dict]) -> PersonnelImport:
    job.status, job.errors, job.processed_rows = status, errors, job.total_rows
    authored(job, job.uploaded_by)
    if job.workbook:
        job.workbook.delete(save=False)  # the row report stays; the ID numbers in the file go
    job.save(update_fields=["status", "errors", "processed_rows", "workbook"])
    return job


def purge_leftover_files(now=None) -> int:
    """Beat, hourly: delete workbooks no import is waiting for (finished or failed ones whose delete was cut
    off, files a crashed upload left behind, after a day). A file an import still waits for is kept."""
    return leftovers.purge_uploads(
        PersonnelImport, finished=[ImportStatus.DONE, ImportStatus.FAILED], folder="imports", now=now
    )
