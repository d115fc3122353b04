"""Recruitment analytics for the office: the funnel by stage, pass rates, withdrawals, returns and their
reasons, objections, and who applied (sex, age band, education, household region), per announcement and
per position. Everything is counted by the database (conditional aggregation, a handful of queries whatever
the number of applications); nothing loops over applications in Python.

Time spent in each stage (median and 90th percentile) comes from the applications' history rows: a stage is
entered when a row first shows it and left at the next row that shows another. PostgreSQL computes it with
window functions and percentile_cont; on the embedded SQLite it is left out (None)."""

from datetime import date

from django.db import connection
from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import Substr

from . import stages
from .models import Announcement, Application, ApplicationStatus, Objection

AGE_BANDS = ((18, 24), (25, 29), (30, 34), (35, 39), (40, 60))
PROVINCES = {
    "11": "北京",
    "12": "天津",
    "13": "河北",
    "14": "山西",
    "15": "内蒙古",
    "21": "辽宁",
    "22": "吉林",
    "23": "黑龙江",
    "31": "上海",
    "32": "江苏",
    "33": "浙江",
    "34": "安徽",
    "35": "福建",
    "36": "江西",
    "37": "山东",
    "41": "河南",
    "42": "湖北",
    "43": "湖南",
    "44": "广东",
    "45": "广西",
    "46": "海南",
    "50": "重庆",
    "51": "四川",
    "52": "贵州",
    "53": "云南",
    "54": "西藏",
    "61": "陕西",
    "62": "甘肃",
    "63": "青海",
    "64": "宁夏",
    "65": "新疆",
}
STOPPED = (ApplicationStatus.REJECTED, ApplicationStatus.NOT_ADVANCED, ApplicationStatus.FAILED)


def _funnel_aggregates(order: list[str]) -> dict:
    """One Count per stage: applications that reached it (their stage is it or a later one)."""
    aggregates = {"applied": Count("pk")}
    for index, stage in enumerate(order):
        aggregates[f"reached_{stage}"] = Count("pk", filter=Q(stage__in=order[index:]))
    aggregates |= {
        "hired": Count("pk", filter=Q(status=ApplicationStatus.HIRED)),
        "withdrawn": Count("pk", filter=Q(status=ApplicationStatus.WITHDRAWN)),
        "returned": Count("pk", filter=Q(status=ApplicationStatus.RETURNED)),
        "waiting_review": Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
    }
    for stage in order:
        aggregates[f"stopped_{stage}"] = Count("pk", filter=Q(stage=stage, status__in=STOPPED))
    return aggregates


def _funnel_rows(order: list[str], counts: dict) -> list[dict]:
    rows = []
    for index, stage in enumerate(order):
        reached = counts[f"reached_{stage}"] if index else counts["applied"]
        passed = counts[f"reached_{order[index + 1]}"] if index + 1 < len(order) else counts["hired"]
        stopped = counts[f"stopped_{stage}"]
        decided = passed + stopped  # those still at the stage (or withdrawn there) are not a fail
        rows.append(
            {
                "stage": stage,
                "label": stages.label(stage),
                "reached": reached,
                "passed": passed,
                "stopped": stopped,
                "waiting": reached - decided,
                "rate": round(100 * passed / decided, 1) if decided else None,
            }
        )
    return rows


def _age_band(reference: date):
    whens = []
    for low, high in AGE_BANDS:
        born_after = date(reference.year - high - 1, reference.month, min(reference.day, 28))
        born_before = date(reference.year - low, reference.month, min(reference.day, 28))
        whens.append(
            When(birth_date__gt=born_after, birth_date__lte=born_before, then=Value(f"{low}–{high}"))
        )
    return Case(*whens, default=Value("—"), output_field=CharField())


def _demographics(applications, reference: date) -> dict[str, list[tuple[str, int]]]:
    """Sex, education, age band and region in one scan: counted per combination by the database, then
    summed per dimension (a few thousand combinations at most)."""
    rows = (
        applications.annotate(age_band=_age_band(reference), region=Substr("id_number_masked", 1, 2))
        .values("sex", "education", "age_band", "region")
        .annotate(n=Count("pk"))
        .order_by()
    )
    sums: dict[str, dict] = {"sex": {}, "education": {}, "age_band": {}, "region": {}}
    for row in rows:
        for key, counts in sums.items():
            counts[row[key]] = counts.get(row[key], 0) + row["n"]
    sex_words = dict(Application._meta.get_field("sex").choices)
    education_words = dict(Application._meta.get_field("education").choices)
    words = {
        "sex": lambda v: str(sex_words.get(v, v)),
        "education": lambda v: str(education_words.get(v, v)),
        "age_band": lambda v: v,
        "region": lambda v: PROVINCES.get(v, v or "—"),
    }
    return {
        key: sorted(((words[key](value), n) for value, n in counts.items()), key=lambda pair: -pair[1])
        for key, counts in sums.items()
    }


_STAGE_TIMES_SQL = """
WITH rows AS (
    SELECT id, stage, history_date,
           LAG(stage) OVER (PARTITION BY id ORDER BY history_date, history_id) AS before
    FROM {table} WHERE announcement_id = %s
), entered AS (
    SELECT stage, history_date,
           LEAD(history_date) OVER (PARTITION BY id ORDER BY history_date) AS left_at
    FROM rows WHERE before IS DISTINCT FROM stage
)
SELECT stage,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM left_at - history_date)) / 86400,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM left_at - history_date)) / 86400,
       COUNT(*)
FROM entered WHERE left_at IS NOT NULL GROUP BY stage
"""


def stage_times(announcement: Announcement) -> dict[str, tuple[float, float, int]] | None:
    """{stage: (median days, 90th percentile days, applications that left it)}; None off PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    table = Application.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(_STAGE_TIMES_SQL.format(table=connection.ops.quote_name(table)), [announcement.pk])
        return {stage: (round(median, 1), round(p90, 1), n) for stage, median, p90, n in cursor.fetchall()}


def announcement_report(announcement: Announcement) -> dict:
    order = list(announcement.stages)
    applications = Application.objects.filter(announcement=announcement)
    by_position = list(
        applications.values("position__code", "position__title", "position__places")
        .annotate(**_funnel_aggregates(order))
        .order_by("position__code")
    )
    # The announcement's totals are the positions' summed (one scan fewer).
    keys = _funnel_aggregates(order).keys()
    counts = {key: sum(row[key] for row in by_position) for key in keys}
    groups = _demographics(applications, announcement.reference_date)
    times = stage_times(announcement)
    funnel = _funnel_rows(order, counts)
    for row in funnel:
        row["days"] = times.get(row["stage"]) if times is not None else None
    return {
        "funnel": funnel,
        "totals": counts,
        "positions": [
            {
                "code": row["position__code"],
                "title": row["position__title"],
                "places": row["position__places"],
                "funnel": _funnel_rows(order, row),
                "hired": row["hired"],
                "withdrawn": row["withdrawn"],
            }
            for row in by_position
        ],
        "sex": groups["sex"],
        "education": groups["education"],
        "age": groups["age_band"],
        "region": groups["region"],
        "return_reasons": list(
            applications.filter(status=ApplicationStatus.RETURNED)
            .values("review_reason")
            .annotate(n=Count("pk"))
            .order_by("-n")[:10]
            .values_list("review_reason", "n")
        ),
        "objections": dict(
            Objection.objects.filter(application__announcement=announcement)
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        ),
    }


def year_report(announcements) -> list[dict]:
    """One row per announcement of a year: applied, hired, withdrawn, objections (two queries)."""
    rows = (
        Application.objects.filter(announcement__in=announcements)
        .values("announcement_id", "announcement__title")
        .annotate(
            applied=Count("pk"),
            hired=Count("pk", filter=Q(status=ApplicationStatus.HIRED)),
            withdrawn=Count("pk", filter=Q(status=ApplicationStatus.WITHDRAWN)),
        )
        .order_by("announcement_id")
    )
    objections = dict(
        Objection.objects.filter(application__announcement__in=announcements)
        .values("application__announcement_id")
        .annotate(n=Count("pk"))
        .values_list("application__announcement_id", "n")
    )
    return [row | {"objections": objections.get(row["announcement_id"], 0)} for row in rows]


def report_workbook(announcement: Announcement, report: dict) -> bytes:
    from io import BytesIO

    from openpyxl import Workbook

    from auxpolice.core.sheets import append_row

    book = Workbook(write_only=True)
    sheet = book.create_sheet("环节")
    append_row(
        sheet,
        [
            "环节",
            "进入",
            "通过",
            "止步",
            "在本环节或已撤回",
            "已判定者通过率%",
            "停留天数中位数",
            "停留天数90%分位",
        ],
    )
    for row in report["funnel"]:
        days = row["days"] or (None, None)
        cells = [row["label"], row["reached"], row["passed"], row["stopped"], row["waiting"], row["rate"]]
        append_row(sheet, [*cells, days[0], days[1]])
    sheet = book.create_sheet("岗位")
    append_row(
        sheet, ["岗位", "名称", "计划数", "报名", *[row["label"] for row in report["funnel"]], "聘用", "撤回"]
    )
    for position in report["positions"]:
        append_row(
            sheet,
            [
                position["code"],
                position["title"],
                position["places"],
                position["funnel"][0]["reached"],
                *[row["passed"] for row in position["funnel"]],
                position["hired"],
                position["withdrawn"],
            ],
        )
    for title, key in (("性别", "sex"), ("年龄", "age"), ("学历", "education"), ("户籍地", "region")):
        sheet = book.create_sheet(title)
        append_row(sheet, [title, "人数"])
        for label, count in report[key]:
            append_row(sheet, [label, count])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
