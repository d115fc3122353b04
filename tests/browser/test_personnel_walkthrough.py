"""An HR officer imports staff from Excel, watches the import finish, and signs a contract on a record."""

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from personnel.services import imports
from tests.browser.test_staff_walkthrough import log_in, pick_agency
from tests.factories import QuotaFactory
from tests.personnel.test_records import id_number

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_then_contract_pages(page, live_server, county_officer, wuhou, tmp_path, shoot):
    QuotaFactory(agency=wuhou, approved_total=10)
    book = Workbook()
    book.active.append(imports.COLUMNS)
    book.active.append(
        [
            "陈一",
            id_number(81),
            "勤务",
            "2026-03-01",
            "巡逻防控",
            "",
            "2026-03-01",
            "2029-02-28",
            "2026-08-31",
        ]
    )
    book.active.append(
        ["陈二", id_number(82), "文职", "2026-03-01", "接警员", "", "2026-03-01", "2029-02-28", "2026-08-31"]
    )
    path = tmp_path / "people.xlsx"
    book.save(path)

    log_in(page, live_server, "county_officer")
    page.goto(f"{live_server.url}/personnel/import/")
    pick_agency(page, page.get_by_label("单位"), "武侯", "510107 武侯区分局")
    page.get_by_label("Excel文件（.xlsx）").set_input_files(str(path))
    page.get_by_role("button", name="导入", exact=True).click()
    expect(page.get_by_text("已导入")).to_be_visible(timeout=15000)
    shoot("20-import-done")

    page.goto(f"{live_server.url}/personnel/")
    expect(page.get_by_role("link", name="陈一")).to_be_visible()
    shoot("21-personnel-list")
    page.get_by_role("link", name="陈一").click()
    page.get_by_text("解除劳动合同", exact=True).click()
    # The grounds offered are Sichuan art 32's clauses, in their own words.
    page.get_by_label("解除情形").select_option(label="在试用期内被证明不符合录用条件的")
    page.get_by_label("解除日期").fill("2026-06-01")
    shoot("22-termination-form")
    page.get_by_role("button", name="解除").click()
    expect(page.get_by_text("劳动合同已保存。")).to_be_visible()
    expect(page.get_by_role("cell", name="已解除（failed_probation · sichuan:art32(1)）")).to_be_visible()
