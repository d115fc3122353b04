import pytest

from auxpolice.rules import services as rule_services
from tests.factories import UserFactory


@pytest.fixture
def wuhou_supervisor(wuhou):
    return UserFactory(username="wuhou_supervisor", role="supervisor", agency=wuhou)


@pytest.fixture
def chengdu_supervisor(chengdu):
    return UserFactory(username="chengdu_supervisor", role="supervisor", agency=chengdu)


@pytest.fixture
def sichuan_quota_chain(sichuan, sysadmin):
    """Sichuan's text leaves the quota chain to state and provincial rules (sichuan:art6): configure one."""
    rule_services.agency_setting_set(
        actor=sysadmin,
        agency=sichuan,
        key="quota_approval_chain",
        basis="川公发〔2026〕示例",
        value=["propose:police:same", "approve:police:same", "approve:staffing_office:same"],
    )


def record(**extra):
    return {
        "approving_body": "武侯区委编办",
        "document_number": "武编发〔2026〕1号",
        "document_date": "2026-03-01",
    } | extra
