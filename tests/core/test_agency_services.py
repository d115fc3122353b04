import pytest
from django.db import IntegrityError, transaction

from auxpolice.core import services
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.models import Agency, User
from auxpolice.core.selectors import agency_list_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_child_agency_inherits_jurisdiction_and_extends_the_path(sysadmin, chengdu):
    county = services.agency_create(
        actor=sysadmin, code="510108", name="成华区分局", level="county", parent=chengdu
    )
    assert county.jurisdiction == "sichuan"
    assert county.path == "510000/510100/510108/"
    assert county.history.get().history_user == sysadmin


def test_child_in_another_jurisdiction_is_refused_and_nothing_is_written(sysadmin, chengdu):
    with pytest.raises(DomainError) as refused:
        services.agency_create(
            actor=sysadmin,
            code="X1",
            name="x",
            level="county",
            parent=chengdu,
            jurisdiction="nantong",
        )
    assert refused.value.field == "jurisdiction"
    assert not Agency.objects.filter(code="X1").exists()


def test_a_county_cannot_be_placed_under_a_station(sysadmin, wuhou):
    station = services.agency_create(actor=sysadmin, code="S1", name="派出所", level="station", parent=wuhou)
    with pytest.raises(DomainError) as refused:
        services.agency_create(actor=sysadmin, code="C9", name="x", level="county", parent=station)
    assert refused.value.field == "level"


def test_a_county_needs_a_superior(sysadmin):
    with pytest.raises(DomainError) as refused:
        services.agency_create(actor=sysadmin, code="C9", name="x", level="county", jurisdiction="sichuan")
    assert refused.value.field == "parent"


def test_duplicate_code_is_refused_on_the_code_field(sysadmin, chengdu):
    with pytest.raises(DomainError) as refused:
        services.agency_create(actor=sysadmin, code="510100", name="x", level="county", parent=chengdu)
    assert refused.value.field == "code"


def test_only_system_administrators_shape_the_tree(city_officer, chengdu):
    with pytest.raises(NotPermitted):
        services.agency_create(actor=city_officer, code="Z1", name="x", level="county", parent=chengdu)


def test_update_refuses_fields_that_fix_the_tree(city_officer, wuhou):
    with pytest.raises(DomainError) as refused:
        services.agency_update(actor=city_officer, agency=wuhou, code="NEW")
    assert refused.value.field == "code"


def test_update_with_no_change_writes_no_history(city_officer, wuhou):
    before = wuhou.history.count()
    services.agency_update(actor=city_officer, agency=wuhou, name=wuhou.name)
    assert wuhou.history.count() == before


def test_subtree_filter_does_not_match_a_sibling_whose_code_shares_a_prefix(sysadmin, chengdu, city_officer):
    # "510107" must not swallow "5101071": paths end with a separator.
    services.agency_create(actor=sysadmin, code="5101", name="a", level="county", parent=chengdu)
    services.agency_create(actor=sysadmin, code="51011", name="b", level="county", parent=chengdu)
    officer = User.objects.create(username="o5101", role="officer", agency=Agency.objects.get(code="5101"))
    assert [a.code for a in agency_list_for(user=officer)] == ["5101"]


@pytest.mark.postgres
def test_database_refuses_a_staff_role_without_an_agency(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", role="officer", agency=None)


@pytest.mark.postgres
def test_database_refuses_an_applicant_bound_to_an_agency(wuhou):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", role="applicant", agency=wuhou)


def test_staff_account_for_an_agency_role_needs_an_agency(db):
    security = UserFactory(role="security_admin", agency=None)
    with pytest.raises(DomainError) as refused:
        services.staff_user_create(
            actor=security, username="n", password="Long-enough-pass-1", role="officer", agency=None
        )
    assert refused.value.field == "agency"
    assert not User.objects.filter(username="n").exists()


def test_admin_refuses_a_misplaced_agency_on_the_form(client, sysadmin, wuhou):
    from auxpolice.core.admin import AgencyAdminForm

    form = AgencyAdminForm(
        data={
            "code": "X5",
            "name": "x",
            "level": "prefecture",
            "jurisdiction": "sichuan",
            "parent": wuhou.pk,
            "is_active": True,
        }
    )
    assert not form.is_valid()
    assert "level" in form.errors


def test_an_officer_without_agency_is_invalid_on_the_model(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        User(username="x", role="officer").clean()
    assert "agency" in error.value.message_dict
