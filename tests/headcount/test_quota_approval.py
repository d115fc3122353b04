import datetime

import pytest

from auxpolice.core.errors import DomainError, NotPermitted
from headcount.errors import OutOfOrder, QuotaExceeded
from headcount.models import Quota, RequestStatus, StepStatus
from headcount.services import quotas
from tests.factories import AgencyFactory, QuotaFactory, UserFactory

pytestmark = pytest.mark.django_db

DOC = {
    "approving_body": "机构编制委员会办公室",
    "document_number": "编发〔2026〕1号",
    "document_date": datetime.date(2026, 3, 1),
}


@pytest.fixture
def xihu(hangzhou):
    return AgencyFactory(code="330106", name="西湖区分局", level="county", parent=hangzhou)


@pytest.fixture
def xihu_officer(xihu):
    return UserFactory(username="xihu_officer", role="officer", agency=xihu)


def pending(request):
    return [s for s in request.steps.all() if s.status == StepStatus.PENDING]


def test_hangzhou_quota_goes_staffing_and_finance_then_same_level_government(xihu, xihu_officer, hangzhou):
    recorder = UserFactory(username="xihu_officer2", role="officer", agency=xihu)
    request = quotas.quota_request_submit(
        actor=xihu_officer, agency=xihu, year=2026, total=40, reason="新设巡逻岗位"
    )
    assert [s.label_zh for s in request.steps.all()] == [
        "同级公安机关提出",
        "同级机构编制部门审核",
        "同级财政部门审核",
        "同级人民政府批准",
    ]
    assert {s.cite for s in request.steps.all()} == {"hangzhou:art8.p2"}
    staffing, finance, government = pending(request)

    with pytest.raises(OutOfOrder) as early:
        quotas.quota_step_decide(actor=recorder, step=government, approve=True, **DOC)
    assert "同级机构编制部门审核" in str(early.value) or "同级财政部门审核" in str(early.value)

    quotas.quota_step_decide(actor=recorder, step=finance, approve=True, **DOC)
    quotas.quota_step_decide(actor=recorder, step=staffing, approve=True, **DOC)
    request = quotas.quota_step_decide(actor=recorder, step=government, approve=True, **DOC)
    assert request.status == RequestStatus.APPROVED and request.version == 1
    quota = Quota.objects.get(agency=xihu, year=2026)
    assert quota.approved_total == 40 and quota.version == 1


def test_the_requester_cannot_record_or_approve_their_own_request(xihu, xihu_officer):
    request = quotas.quota_request_submit(actor=xihu_officer, agency=xihu, year=2026, total=40, reason="x")
    with pytest.raises(NotPermitted):
        quotas.quota_step_decide(actor=xihu_officer, step=pending(request)[0], approve=True, **DOC)


def test_an_outside_approval_needs_body_document_number_and_date(xihu, xihu_officer):
    recorder = UserFactory(username="r", role="officer", agency=xihu)
    request = quotas.quota_request_submit(actor=xihu_officer, agency=xihu, year=2026, total=40, reason="x")
    with pytest.raises(DomainError) as missing:
        quotas.quota_step_decide(
            actor=recorder, step=pending(request)[0], approve=True, approving_body="编办"
        )
    assert missing.value.field == "document_number"
    assert pending(request)[0].status == StepStatus.PENDING


def test_an_officer_of_another_county_cannot_record_steps(xihu, xihu_officer, county_officer):
    request = quotas.quota_request_submit(actor=xihu_officer, agency=xihu, year=2026, total=40, reason="x")
    with pytest.raises(NotPermitted):
        quotas.quota_step_decide(actor=county_officer, step=pending(request)[0], approve=True, **DOC)


def test_a_rejection_needs_a_reason_and_closes_the_request(xihu, xihu_officer):
    recorder = UserFactory(username="r", role="officer", agency=xihu)
    request = quotas.quota_request_submit(actor=xihu_officer, agency=xihu, year=2026, total=40, reason="x")
    with pytest.raises(DomainError) as no_reason:
        quotas.quota_step_decide(actor=recorder, step=pending(request)[0], approve=False, **DOC)
    assert no_reason.value.field == "note"
    request = quotas.quota_step_decide(
        actor=recorder, step=pending(request)[0], approve=False, note="超出财政承受能力", **DOC
    )
    assert request.status == RequestStatus.REJECTED
    assert Quota.objects.get(agency=xihu).approved_total == 0


def test_sichuan_quota_without_a_configured_chain_is_refused_citing_art6(wuhou, county_officer):
    with pytest.raises(DomainError) as refused:
        quotas.quota_request_submit(actor=county_officer, agency=wuhou, year=2026, total=10, reason="x")
    assert refused.value.code == "no_approval_chain"
    assert [c.ref for c in refused.value.citations] == ["sichuan:art6.p1"]
    assert not Quota.objects.exists()


def test_sichuan_quota_follows_the_configured_chain_with_in_app_supervisor_approval(
    wuhou, county_officer, wuhou_supervisor, sichuan_quota_chain
):
    request = quotas.quota_request_submit(actor=county_officer, agency=wuhou, year=2026, total=12, reason="x")
    police, staffing = pending(request)
    assert police.setting == "quota_approval_chain"
    quotas.quota_step_decide(actor=wuhou_supervisor, step=police, approve=True)
    with pytest.raises(NotPermitted):
        # a supervisor decides police steps; outside bodies are recorded by an HR officer
        quotas.quota_step_decide(actor=wuhou_supervisor, step=staffing, approve=True, **DOC)


def test_a_supervisor_of_another_agency_cannot_take_a_police_step(
    wuhou, county_officer, chengdu_supervisor, sichuan_quota_chain
):
    request = quotas.quota_request_submit(actor=county_officer, agency=wuhou, year=2026, total=12, reason="x")
    with pytest.raises(NotPermitted):
        quotas.quota_step_decide(actor=chengdu_supervisor, step=pending(request)[0], approve=True)


def test_only_one_request_in_approval_at_a_time(xihu, xihu_officer):
    quotas.quota_request_submit(actor=xihu_officer, agency=xihu, year=2026, total=40, reason="x")
    with pytest.raises(DomainError) as second:
        quotas.quota_request_submit(actor=xihu_officer, agency=xihu, year=2026, total=50, reason="y")
    assert second.value.code == "request_open"


def test_lowering_a_quota_below_headcount_is_refused_with_the_numbers(xihu, xihu_officer):
    QuotaFactory(agency=xihu, approved_total=10, in_post_service=6, reserved_service=2)
    with pytest.raises(QuotaExceeded) as refused:
        quotas.quota_request_submit(actor=xihu_officer, agency=xihu, year=2026, total=7, reason="压减")
    assert "6" in str(refused.value) and "2" in str(refused.value) and "8" in str(refused.value)


def test_split_numbers_must_add_up(xihu, xihu_officer):
    with pytest.raises(DomainError) as refused:
        quotas.quota_request_submit(
            actor=xihu_officer, agency=xihu, year=2026, total=10, civilian=3, service=6, reason="x"
        )
    assert refused.value.field == "total"


def test_an_adjustment_raises_the_version_and_keeps_every_version(xihu, xihu_officer):
    recorder = UserFactory(username="r", role="officer", agency=xihu)
    QuotaFactory(agency=xihu, approved_total=10)
    request = quotas.quota_request_submit(actor=xihu_officer, agency=xihu, year=2026, total=15, reason="增加")
    assert request.kind == "adjustment"
    for step in sorted(pending(request), key=lambda s: s.sequence):
        quotas.quota_step_decide(actor=recorder, step=step, approve=True, **DOC)
    quota = Quota.objects.get(agency=xihu)
    assert (quota.approved_total, quota.version) == (15, 2)
    assert quota.history.filter(approved_total=10).exists()


def test_nantong_quota_is_approved_by_the_staffing_office(db):
    nantong = AgencyFactory(
        code="320600", name="南通市公安局", level="prefecture", jurisdiction="nantong", parent=None
    )
    chongchuan = AgencyFactory(code="320613", name="崇川分局", level="county", parent=nantong)
    officer = UserFactory(username="cc1", role="officer", agency=chongchuan)
    recorder = UserFactory(username="cc2", role="officer", agency=chongchuan)
    request = quotas.quota_request_submit(actor=officer, agency=chongchuan, year=2026, total=20, reason="x")
    (staffing,) = pending(request)
    assert staffing.label_zh == "同级机构编制部门批准" and staffing.cite == "nantong:art4"
    request = quotas.quota_step_decide(actor=recorder, step=staffing, approve=True, **DOC)
    assert request.status == RequestStatus.APPROVED
