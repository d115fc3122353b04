"""Special additional deductions (专项附加扣除): the withholding client's cumulative amounts come off the
cumulative taxable income; months reported late are caught up; a month the payroll approved stays as it was;
the client's export is imported as it is, every row or none."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext
from openpyxl import Workbook

from auxpolice.core.errors import DomainError
from compensation.models import PayrollLine, PayScale, SpecialDeduction
from compensation.services import payroll, special_deductions
from tests.assessment.builders import people
from tests.compensation.test_compensation import MONTH, payroll_setup, run_payroll
from tests.conftest import client_for

D = Decimal
ZERO = dict.fromkeys(special_deductions.FIELDS, "0")


def line(month, ytd, special_to_date):
    person = payroll.Person(1, 1, "一级辅警", "", date(2026, 1, 1), None)
    scale = PayScale(base_monthly=D(20000))
    return payroll.line_for(person, month, scale, {}, None, "", [], ytd, special_to_date=special_to_date)


def test_the_cumulative_special_deductions_come_off_the_cumulative_taxable_income():
    january = line(date(2026, 1, 1), payroll.YearToDate(), D(3000))
    assert (january.special_deductions, january.income_tax) == (D(3000), D("360.00"))  # (20000−5000−3000)×3 %
    february = line(date(2026, 2, 1), payroll.YearToDate(D(20000), D(0), D(360), 1, D(3000)), D(6000))
    assert (february.special_deductions, february.income_tax) == (D(3000), D("360.00"))


def test_a_month_reported_late_is_caught_up_in_the_next_month_computed():
    january = line(date(2026, 1, 1), payroll.YearToDate(), None)
    assert (january.special_deductions, january.income_tax) == (D(0), D("450.00"))
    # February's report covers January too: 40000 − 10000 − 6000 = 24000 → 720 withheld in all.
    february = line(date(2026, 2, 1), payroll.YearToDate(D(20000), D(0), D(450), 1), D(6000))
    assert (february.special_deductions, february.income_tax) == (D(6000), D("270.00"))


def test_a_month_without_figures_keeps_the_last_reported_and_the_payroll_says_so(
    db, sysadmin, django_capture_on_commit_callbacks
):
    agency, officer, _ = payroll_setup(sysadmin)
    [person] = people(agency, officer, 1, hired_on=date(2026, 1, 1))
    special_deductions.special_deductions_set(
        actor=officer, officer=person, month=date(2026, 10, 1), amounts=ZERO | {"elderly_support": "30000"}
    )
    run = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    assert PayrollLine.objects.get(run=run).special_deductions == D(30000)
    assert any(w.startswith(str(person.pk)) and "2026-10" in w for w in run.warnings)

    special_deductions.special_deductions_set(
        actor=officer,
        officer=person,
        month=MONTH,
        amounts=ZERO | {"elderly_support": "33000", "child_education": "22000"},
    )
    again = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    assert PayrollLine.objects.get(run=again).special_deductions == D(55000)
    assert not any(w.startswith(str(person.pk)) for w in again.warnings)


def test_a_month_whose_payroll_is_approved_keeps_what_it_applied(
    db, sysadmin, django_capture_on_commit_callbacks
):
    agency, officer, supervisor = payroll_setup(sysadmin)
    [person] = people(agency, officer, 1, hired_on=date(2026, 1, 1))
    payroll.payroll_approve(
        actor=supervisor, run=run_payroll(officer, agency, django_capture_on_commit_callbacks)
    )

    with pytest.raises(DomainError) as refused:
        special_deductions.special_deductions_set(
            actor=officer, officer=person, month=MONTH, amounts=ZERO | {"housing_rent": "16500"}
        )
    assert refused.value.code == "payroll_locked" and not SpecialDeduction.objects.exists()
    later = date(2026, 12, 1)
    special_deductions.special_deductions_set(
        actor=officer, officer=person, month=later, amounts=ZERO | {"housing_rent": "18000"}
    )
    assert SpecialDeduction.objects.get().month == later


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("-1", "Enter an amount of 0 or more."),
        ("12.345", "Enter the amount to the fen (two decimals at most)."),
        ("一千", "Enter an amount in yuan."),
    ],
)
def test_an_amount_that_is_not_money_is_refused_by_field(db, sysadmin, raw, reason):
    agency, officer, _ = payroll_setup(sysadmin)
    [person] = people(agency, officer, 1, hired_on=date(2026, 1, 1))
    with pytest.raises(DomainError) as refused:
        special_deductions.special_deductions_set(
            actor=officer, officer=person, month=MONTH, amounts=ZERO | {"infant_care": raw}
        )
    assert refused.value.field == "infant_care" and str(refused.value.message) == gettext(reason)
    assert not SpecialDeduction.objects.exists()


def test_recording_the_same_figures_again_writes_nothing(db, sysadmin):
    agency, officer, _ = payroll_setup(sysadmin)
    [person] = people(agency, officer, 1, hired_on=date(2026, 1, 1))
    amounts = ZERO | {"housing_loan_interest": "11000.00"}
    first = special_deductions.special_deductions_set(
        actor=officer, officer=person, month=MONTH, amounts=amounts
    )
    special_deductions.special_deductions_set(actor=officer, officer=person, month=MONTH, amounts=amounts)
    assert first.history.count() == 1


def client_export(rows, headings=None):
    """A sheet shaped like the withholding client's export: other columns, and ours in another order."""
    headings = headings or [
        "工号",
        "姓名",
        "证件类型",
        "证件号码",
        "本期收入",
        "累计住房租金",
        "累计子女教育",
        "累计继续教育",
        "累计住房贷款利息",
        "累计赡养老人",
        "累计3岁以下婴幼儿照护",
        "累计个人养老金",
    ]
    book = Workbook()
    book.active.append(headings)
    for number, (name, id_number, rent, children) in enumerate(rows, start=1):
        book.active.append(
            [f"{number:04d}", name, "居民身份证", id_number, 6000, rent, children, 0, 0, 0, 0, 0]
        )
    out = BytesIO()
    book.save(out)
    return SimpleUploadedFile("扣缴客户端导出.xlsx", out.getvalue())


def upload(client, capture, workbook, agency, month="2026-11"):
    with capture(execute=True):  # the import runs in Celery (eagerly here)
        started = client.post(
            "/pay/special-deductions/",
            {"deductions-agency": agency.pk, "deductions-month": month, "deductions-workbook": workbook},
        )
    assert started.status_code == 302 and started.url.startswith("/imports/"), started.status_code
    return client.get(started.url)


def test_the_withholding_clients_export_is_imported_as_it_is(
    client, db, sysadmin, django_capture_on_commit_callbacks
):
    agency, officer, _ = payroll_setup(sysadmin)
    first, second = people(agency, officer, 2, hired_on=date(2026, 1, 1))
    client_for(client, officer)
    # Full-width digits, as a copy from another program may carry them, are the same number.
    wide = first.id_number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    page = upload(
        client,
        django_capture_on_commit_callbacks,
        client_export(
            [(first.full_name, wide, 16500, 22000), (second.full_name, second.id_number, "", 11000)]
        ),
        agency,
    )
    assert page.status_code == 200
    recorded = {d.officer_id: d for d in SpecialDeduction.objects.filter(month=MONTH)}
    assert (recorded[first.pk].housing_rent, recorded[first.pk].child_education) == (D(16500), D(22000))
    assert (recorded[second.pk].housing_rent, recorded[second.pk].total) == (D(0), D(11000))

    upload(
        client,
        django_capture_on_commit_callbacks,
        client_export([(first.full_name, first.id_number, 18000, 22000)]),
        agency,
    )
    changed = SpecialDeduction.objects.get(officer=first, month=MONTH)
    assert changed.housing_rent == D(18000) and changed.history.count() == 2


def test_a_workbook_with_one_bad_row_records_nothing_and_names_the_row_and_column(
    client, db, sysadmin, django_capture_on_commit_callbacks
):
    agency, officer, _ = payroll_setup(sysadmin)
    first, second = people(agency, officer, 2, hired_on=date(2026, 1, 1))
    client_for(client, officer)
    page = upload(
        client,
        django_capture_on_commit_callbacks,
        client_export(
            [
                (first.full_name, first.id_number, 16500, 22000),
                ("张冒名", second.id_number, 0, 0),
                (first.full_name, first.id_number, 0, 0),
                ("无此人", "110101199001011237", 0, -5),
            ]
        ),
        agency,
    )
    text = page.content.decode()
    assert page.status_code == 400 and not SpecialDeduction.objects.exists()
    assert "张冒名" not in text and second.full_name in text  # row 3: the name that ID number belongs to
    errors = page.context["job"].errors
    assert [(e["row"], e["column"]) for e in errors] == [(3, "姓名"), (4, "证件号码"), (5, "累计子女教育")]


def test_a_workbook_without_the_columns_is_refused_with_the_missing_headings(
    client, db, sysadmin, django_capture_on_commit_callbacks
):
    agency, officer, _ = payroll_setup(sysadmin)
    [person] = people(agency, officer, 1, hired_on=date(2026, 1, 1))
    client_for(client, officer)
    workbook = client_export([], headings=["姓名", "证件号码", "累计住房租金"])
    page = upload(client, django_capture_on_commit_callbacks, workbook, agency)
    assert page.status_code == 400 and "累计赡养老人" in page.content.decode()
    assert person.special_deductions.count() == 0


def test_the_template_holds_the_headings_the_import_reads(client, db, sysadmin):
    from openpyxl import load_workbook

    agency, officer, _ = payroll_setup(sysadmin)
    client_for(client, officer)
    sheet = load_workbook(BytesIO(client.get("/pay/special-deductions/").content)).active
    assert [cell.value for cell in next(sheet.iter_rows())] == [
        "证件号码",
        "姓名",
        *(column for _field, column in SpecialDeduction.KINDS),
    ]


def test_the_pay_page_records_a_month_and_keeps_what_was_typed_after_an_error(client, db, sysadmin):
    agency, officer, _ = payroll_setup(sysadmin)
    [person] = people(agency, officer, 1, hired_on=date(2026, 1, 1))
    client_for(client, officer)
    url = f"/personnel/{person.pk}/pay/"
    typed = {"form": "special", "special-month": "2026-11", "special-housing_rent": "16500"}
    wrong = client.post(url, typed | {"special-elderly_support": "-3"})
    assert wrong.status_code == 400 and 'value="16500"' in wrong.content.decode()
    assert not SpecialDeduction.objects.exists()
    assert client.post(url, typed | {"special-elderly_support": "33000"}).status_code == 302
    shown = client.get(url).content.decode()
    assert "49,500.00" in shown or "49500.00" in shown  # the month's total


def test_the_api_reads_and_records_a_persons_months(api, db, sysadmin):
    agency, officer, _ = payroll_setup(sysadmin)
    [person] = people(agency, officer, 1, hired_on=date(2026, 1, 1))
    api.force_authenticate(officer)
    url = f"/api/v1/personnel/{person.pk}/special-deductions/"
    recorded = api.post(url, {"month": "2026-11", "infant_care": "22000"}, format="json")
    assert recorded.status_code == 200 and recorded.json()["total"] == "22000.00"
    refused = api.post(url, {"month": "2026-11", "infant_care": "-1"}, format="json")
    assert refused.status_code == 400 and "infant_care" in str(refused.json())
    assert [m["month"] for m in api.get(url).json()] == ["2026-11-01"]
