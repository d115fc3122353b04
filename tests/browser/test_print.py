"""Print views render in Chromium to an A4 PDF: the header row repeats, rows are never cut, the footer names
the agency and the date. The PDF goes to test-artifacts/screenshots/print-applications.pdf."""

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_staff_walkthrough import log_in
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_application_list_prints_to_a4_pdf_with_every_row(page, live_server, wuhou, county_officer):
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=1), county_officer)
    position = announcement.positions.get()
    for _ in range(70):  # more than one A4 page
        apply(applicant_with_profile(), position)
    log_in(page, live_server, "county_officer")
    page.goto(f"{live_server.url}/announcements/{announcement.pk}/applications/print/")
    page.emulate_media(media="print")
    assert page.locator(".topbar").is_hidden() and page.locator(".print-footer").is_visible()
    assert "武侯区分局" in page.locator(".print-footer").inner_text()
    assert page.locator("tbody tr").count() == 70
    rows_split = page.evaluate(
        "[...document.querySelectorAll('tbody tr')].every(r => getComputedStyle(r).breakInside === 'avoid')"
    )
    assert rows_split  # no row is cut across pages
    assert page.evaluate("getComputedStyle(document.querySelector('thead')).display") == "table-header-group"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(SCREENSHOTS / "print-applications.pdf"), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page") >= 2
