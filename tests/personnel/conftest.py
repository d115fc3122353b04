"""Fixtures shared by the personnel tests."""

from datetime import date

import pytest

from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from tests.factories import AgencyFactory, QuotaFactory, UserFactory
from tests.personnel.test_records import id_number


@pytest.fixture
def county_in():
    """A county bureau and an officer in each jurisdiction."""

    def make(jurisdiction, serial=1):
        root = AgencyFactory(
            code=f"R-{jurisdiction}",
            level="province" if jurisdiction != "nantong" else "prefecture",
            jurisdiction=jurisdiction,
            parent=None,
        )
        county = AgencyFactory(code=f"C-{jurisdiction}", level="county", parent=root)
        officer = UserFactory(username=f"o-{jurisdiction}", role="officer", agency=county)
        QuotaFactory(agency=county, approved_total=5)
        person = auxiliary_create(
            actor=officer,
            agency=county,
            person=NewAuxiliary(
                full_name="王五", id_number=id_number(serial), category="service", hired_on=date(2026, 3, 1)
            ),
        )
        return officer, county, person

    return make
