"""Every URL pattern, for every role: a new endpoint without checks fails here.

Each pattern that takes an object id is given an object outside the county officer's scope (the
neighbouring county's); a pattern missing from OBJECTS fails the test until someone decides.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse

from assessment.services import assessments as assessment_services
from assessment.services import batch
from auxpolice.core import api_tokens
from auxpolice.core.models import SheetImport, Webhook
from auxpolice.rules.idnumber import check_character
from headcount.models import ApprovalStep
from headcount.services import plans
from personnel.models import PersonnelImport
from personnel.record_kinds import KINDS
from personnel.services import conduct
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from recruitment.services import portal, recusal
from tests.assessment.builders import set_scheme
from tests.conftest import client_for
from tests.factories import QuotaFactory, UserFactory
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan

pytestmark = pytest.mark.django_db

PUBLIC = {
    "login",
    "portal_home",
    "applicant_register",
    "applicant_register_verify",
    "healthz",
    "set_language",
    "api-token",
    "logout",
    "portal_announcement",
    "api-portal-announcements",
}
# The applicant's own pages: no object of anyone else's, so nothing to scope.
APPLICANT_ONLY = {
    "portal_profile",
    "portal_document_upload",
    "portal_notices",
    "api-portal-applications",
    "portal_education_add",
}
APPLICANT_ALLOWED = (
    PUBLIC
    | APPLICANT_ONLY
    | {"home", "portal_account", "api-me", "portal_apply", "portal_apply_submit", "password_change"}
    | {"api-token-list", "api_tokens"}
)
# Pages every signed-in back-office user may open whatever their agency (no object of another agency).
STAFF_GLOBAL = {
    "home",
    "agency_list",
    "agency_lookup",
    "staff_list",
    "rules_index",
    "rules_compare",
    "rules_jurisdiction",
    "headcount_dashboard",
    "headcount_export",
    "plan_list",
    "api-me",
    "api-agency-list",
    "api-quota-list",
    "api-plan-list",
    "api-steps-pending",
    "api-headcount",
    "api-schema",
    "api-docs",
    "portal_account",
    "api-rules-evaluate",
    "api-quota-request-submit",
    "api-plan-submit",
    "api-quota-redistribute",
    "quota_redistribute",
    "auxiliary_list",
    "auxiliary_print",
    "personnel_statistics",
    "deadlines_due",
    "leave_entitlements",
    "recusal_overview",
    "announcement_list",
    "auxiliary_export",
    "import_new",
    "import_template",
    "cycle_list",
    "pay_overview",
    "pay_record",
    "special_deductions_import",  # the template; the agency comes in the form, from the own subtree only
    "api-special-deductions-import",  # the agency comes in the body, from the user's own subtree only
    "two_factor",
    "access_log",
    "password_change",
    "api-personnel-list",
    "api-payroll-runs",
    "api-cycles",
    "api-personnel-imports",
    "api-pay-statistic",  # the agency comes in the body, from the user's own subtree only
    "api-pay-scheme",
    "api-pay-policy",
    "api-token-list",  # one's own tokens (every user's for the security administrator)
    "api_tokens",
    "api-announcements",
    "api-relations",  # one's own declared relationships
    "api-leave-entitlements",  # the agency comes in the body, from the user's own subtree only
    "api-deadlines",
    "api-webhooks",
}


def url_patterns():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if not str(pattern.pattern).startswith("admin/"):
                    yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield pattern.name, prefix + str(pattern.pattern)

    return sorted(set(walk(get_resolver().url_patterns)))


@pytest.fixture
def foreign(jinjiang, other_county_officer, chengdu):
    """Objects of the Jinjiang county, outside the Wuhou officer's scope."""
    return county_objects(jinjiang, other_county_officer, chengdu)


def exam_objects(announcement, officer):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from recruitment.services import exams

    starts = timezone.make_aware(datetime(2030, 5, 1, 9))
    return {
        "exam_room": exams.room_add(
            actor=officer,
            announcement=announcement,
            site="成都七中",
            address="林荫街1号",
            code="001",
            capacity=30,
        ),
        "exam_session": exams.session_add(
            actor=officer,
            announcement=announcement,
            stage="exam",
            name="笔试",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
        ),
    }


def county_objects(jinjiang, other_county_officer, chengdu):
    """One object of every kind a URL takes, in the Jinjiang county (tests/test_every_form.py uses them
    too)."""
    supervisor = UserFactory(username="cd_sup", role="supervisor", agency=chengdu)
    quota = QuotaFactory(agency=jinjiang, approved_total=10)
    plan = plans.plan_submit(
        actor=other_county_officer, agency=jinjiang, year=2026, title="x", civilian_places=0, service_places=1
    )
    step = ApprovalStep.objects.filter(plan=plan, status="pending").first()
    first17 = "51010419900101123"
    person = auxiliary_create(
        actor=other_county_officer,
        agency=jinjiang,
        person=NewAuxiliary(
            full_name="邻县人员",
            id_number=first17 + check_character(first17),
            category="service",
            hired_on=date(2026, 1, 5),
        ),
    )
    approved = approved_plan(jinjiang, other_county_officer, service=1)
    announcement = announcement_for(approved, other_county_officer)
    position = announcement.positions.get()
    someone = applicant_with_profile(area="510104")
    application = apply(someone, position)
    document = portal.document_upload(
        user=someone,
        kind="photo",
        upload=SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png"),
    )
    suspension = conduct.suspension_start(
        actor=other_county_officer, officer=person, starts_on=date(2026, 2, 1), reason="调查期间"
    )
    education = portal.education_add(
        user=someone, level="high_school", school="成都七中", started_on=date(2013, 9, 1)
    )
    set_scheme(jinjiang, admin=UserFactory(username="root", role="sysadmin", agency=None, is_superuser=True))
    cycle = assessment_services.cycle_open(actor=other_county_officer, agency=jinjiang, year=2026)
    batch.open_chunks(cycle.pk)
    pay = pay_objects(jinjiang, other_county_officer, supervisor)
    return {
        **pay,
        "cycle": cycle,
        "assessment": cycle.assessments.get(),
        "agency": jinjiang,
        "quota": quota,
        "plan": plan,
        "step": step,
        "supervisor": supervisor,
        "person": person,
        "education": education,
        "suspension": suspension,
        "announcement": announcement,
        "position": position,
        "application": application,
        "applicant": someone,
        "document": document,
        "sheet_import": SheetImport.objects.create(
            kind="recruitment.scores", agency=jinjiang, uploaded_by=other_county_officer
        ),
        **exam_objects(announcement, other_county_officer),
        "relation": recusal.relation_declare(
            actor=other_county_officer, kind="spouse", full_name="王芳", birth_date=date(1991, 2, 3)
        ),
        "api_token": api_tokens.token_issue(user=other_county_officer, name="theirs")[0],
        "webhook": Webhook.objects.create(
            agency=jinjiang,
            url="https://jinjiang.example/hooks",
            events=["hire"],
            secret="s",
            created_by=other_county_officer,
        ),
        "personnel_import": PersonnelImport.objects.create(
            agency=jinjiang, uploaded_by=other_county_officer, workbook="imports/2026/12/theirs.xlsx.enc"
        ),
    }


OBJECTS = {
    "api-token-revoke": lambda o: {"pk": o["api_token"].pk},
    "api_token_revoke": lambda o: {"pk": o["api_token"].pk},
    "agency_detail": lambda o: {"pk": o["agency"].pk},
    "agency_edit": lambda o: {"pk": o["agency"].pk},
    "agency_setting_save": lambda o: {"pk": o["agency"].pk},
    "api-agency-detail": lambda o: {"pk": o["agency"].pk},
    "history": lambda o: {"label": "core.agency", "pk": o["agency"].pk},
    "api-history": lambda o: {"label": "core.agency", "pk": o["agency"].pk},
    "quota_detail": lambda o: {"pk": o["quota"].pk},
    "api-quota-detail": lambda o: {"pk": o["quota"].pk},
    "quota_request_new": lambda o: {"agency_pk": o["agency"].pk},
    "plan_new": lambda o: {"agency_pk": o["agency"].pk},
    "plan_detail": lambda o: {"pk": o["plan"].pk},
    "step_decide": lambda o: {"pk": o["step"].pk},
    "recusal_withdraw": lambda o: {"pk": o["relation"].pk},
    "results_release": lambda o: {"pk": o["announcement"].pk},
    "exam_arrangements": lambda o: {"pk": o["announcement"].pk},
    "announcement_analytics": lambda o: {"pk": o["announcement"].pk},
    "exam_room_add": lambda o: {"pk": o["announcement"].pk},
    "physical_standard": lambda o: {"pk": o["announcement"].pk},
    "application_physical": lambda o: {"pk": o["application"].pk},
    "exam_session_add": lambda o: {"pk": o["announcement"].pk},
    "exam_seats_assign": lambda o: {"pk": o["exam_session"].pk},
    "exam_door_list": lambda o: {"pk": o["exam_session"].pk, "room_pk": o["exam_room"].pk},
    "api-step-decide": lambda o: {"pk": o["step"].pk},
    "step_scan": lambda o: {"pk": o["step"].pk},
    "quota_request_withdraw": lambda o: {"pk": 10**9},
    "auxiliary_detail": lambda o: {"pk": o["person"].pk},
    "api-personnel-detail": lambda o: {"pk": o["person"].pk},
    "api-personnel-id-number": lambda o: {"pk": o["person"].pk},
    "api-contract-sign": lambda o: {"pk": o["person"].pk},
    "api-tier-assign": lambda o: {"pk": o["person"].pk},
    "api-contract-renew": lambda o: {"pk": o["person"].pk},
    "api-contract-terminate": lambda o: {"pk": o["person"].pk},
    "id_number_reveal": lambda o: {"pk": o["person"].pk},
    "auxiliary_details_save": lambda o: {"pk": o["person"].pk},
    "auxiliary_photo": lambda o: {"pk": o["person"].pk},
    "contract_sign": lambda o: {"pk": o["person"].pk},
    "contract_renew": lambda o: {"pk": o["person"].pk},
    "contract_terminate": lambda o: {"pk": o["person"].pk},
    "import_detail": lambda o: {"pk": o["personnel_import"].pk},
    "api-personnel-import": lambda o: {"pk": o["personnel_import"].pk},
    "sheet_import_detail": lambda o: {"pk": o["sheet_import"].pk},
    "api-quota-request-withdraw": lambda o: {"pk": 10**9},
    "announcement_new": lambda o: {"plan_pk": o["plan"].pk},
    "announcement_detail": lambda o: {"pk": o["announcement"].pk},
    "announcement_submit": lambda o: {"pk": o["announcement"].pk},
    "announcement_approve": lambda o: {"pk": o["announcement"].pk},
    "announcement_return": lambda o: {"pk": o["announcement"].pk},
    "announcement_revise": lambda o: {"pk": o["announcement"].pk},
    "publicity_start": lambda o: {"pk": o["announcement"].pk},
    "announcement_plan_close": lambda o: {"pk": o["announcement"].pk},
    "application_list": lambda o: {"pk": o["announcement"].pk},
    "application_batch_review": lambda o: {"pk": o["announcement"].pk},
    "application_message": lambda o: {"pk": o["announcement"].pk},
    "application_export": lambda o: {"pk": o["announcement"].pk},
    "application_print": lambda o: {"pk": o["announcement"].pk},
    "stage_scores": lambda o: {"pk": o["announcement"].pk, "stage": "exam"},
    "stage_scores_import": lambda o: {"pk": o["announcement"].pk, "stage": "exam"},
    "stage_rank": lambda o: {"pk": o["announcement"].pk, "stage": "exam"},
    "score_template": lambda o: {"pk": o["announcement"].pk, "stage": "exam"},
    "result_template": lambda o: {"pk": o["announcement"].pk, "stage": "physical_test"},
    "results_import": lambda o: {"pk": o["announcement"].pk, "stage": "physical_test"},
    "call_next_candidate": lambda o: {"pk": o["position"].pk},
    "application_detail": lambda o: {"pk": o["application"].pk},
    "application_sensitive": lambda o: {"pk": o["application"].pk},
    "application_review": lambda o: {"pk": o["application"].pk},
    "application_result": lambda o: {"pk": o["application"].pk},
    "application_objection": lambda o: {"pk": o["application"].pk},
    "objection_resolve": lambda o: {"pk": o["application"].pk, "objection_pk": 10**9},
    "application_withdraw": lambda o: {"pk": o["application"].pk},
    "application_hire": lambda o: {"pk": o["application"].pk},
    "applicant_document": lambda o: {"pk": o["document"].pk},
    "portal_document": lambda o: {"pk": o["document"].pk},
    "portal_education_remove": lambda o: {"pk": o["education"].pk},
    "person_records": lambda o: {"pk": o["person"].pk, "kind": "suspensions"},
    "portal_apply": lambda o: {"pk": o["position"].pk},
    "portal_apply_submit": lambda o: {"pk": o["position"].pk},
    "portal_application": lambda o: {"pk": o["application"].pk},
    "portal_ticket": lambda o: {"pk": o["application"].pk},
    "portal_resubmit": lambda o: {"pk": o["application"].pk},
    "portal_withdraw": lambda o: {"pk": o["application"].pk},
    "portal_consent": lambda o: {"pk": o["application"].pk},
    "api-announcement-applications": lambda o: {"pk": o["announcement"].pk},
    **{
        name: (lambda o: {"pk": o["announcement"].pk})
        for name in (
            "api-announcement",
            "api-announcement-submit",
            "api-announcement-approve",
            "api-announcement-return",
            "api-announcement-revise",
            "api-results-release",
            "api-publicity-start",
            "api-plan-close",
            "api-applications-review",
            "api-applications-message",
            "api-exam-rooms",
            "api-exam-sessions",
            "api-physical-standard",
        )
    },
    **{
        name: (lambda o: {"pk": o["application"].pk})
        for name in (
            "api-application",
            "api-application-review",
            "api-application-result",
            "api-application-physical",
            "api-objection-record",
            "api-application-withdraw",
            "api-application-hire",
        )
    },
    "api-announcement-create": lambda o: {"plan_pk": o["plan"].pk},
    "api-stage-scores": lambda o: {"pk": o["announcement"].pk, "stage": "exam"},
    "api-stage-scores-import": lambda o: {"pk": o["announcement"].pk, "stage": "exam"},
    "api-stage-rank": lambda o: {"pk": o["announcement"].pk, "stage": "exam"},
    "api-results-import": lambda o: {"pk": o["announcement"].pk, "stage": "physical_test"},
    "api-call-next": lambda o: {"pk": o["position"].pk},
    "api-objection-resolve": lambda o: {"pk": o["application"].pk, "objection_pk": 10**9},
    "api-exam-seats": lambda o: {"pk": o["exam_session"].pk},
    "api-exam-absent": lambda o: {"pk": o["exam_session"].pk, "room_pk": o["exam_room"].pk},
    "api-relation-withdraw": lambda o: {"pk": o["relation"].pk},
    "api-sheet-import": lambda o: {"pk": o["sheet_import"].pk},
    "api-webhook": lambda o: {"pk": o["webhook"].pk},
    "api-webhook-deliveries": lambda o: {"pk": o["webhook"].pk},
    "api-personnel-details": lambda o: {"pk": o["person"].pk},
    "api-overtime": lambda o: {"pk": o["person"].pk},
    "api-bank-account": lambda o: {"pk": o["person"].pk},
    "api-special-deductions": lambda o: {"pk": o["person"].pk},
    "api-pay-scale-draft": lambda o: {"agency_pk": o["agency"].pk},
    "api-pay-scale": lambda o: {"pk": o["scale"].pk},
    "api-pay-scale-approve": lambda o: {"pk": o["scale"].pk},
    "api-agency-setting": lambda o: {"pk": o["agency"].pk},
    "api-cycle-scores-import": lambda o: {"pk": o["cycle"].pk},
    "cycle_detail": lambda o: {"pk": o["cycle"].pk},
    "cycle_review": lambda o: {"pk": o["cycle"].pk},
    "cycle_publish": lambda o: {"pk": o["cycle"].pk},
    "cycle_close": lambda o: {"pk": o["cycle"].pk},
    "consequence_list": lambda o: {"pk": o["cycle"].pk},
    "consequence_confirm": lambda o: {"pk": o["cycle"].pk},
    "consequence_reject": lambda o: {"pk": o["cycle"].pk},
    "cycle_report": lambda o: {"pk": o["cycle"].pk},
    "cycle_scores": lambda o: {"pk": o["cycle"].pk},
    "assessment_detail": lambda o: {"pk": o["assessment"].pk},
    "assessment_score": lambda o: {"pk": o["assessment"].pk},
    **{
        name: (lambda o: {"pk": o["assessment"].pk})
        for name in (
            "api-assessment",
            "api-assessment-score",
            "api-assessment-review",
            "api-assessment-publish",
            "api-appeal-file",
            "api-appeal-decide",
        )
    },
    **{
        name: (lambda o: {"pk": o["cycle"].pk})
        for name in (
            "api-cycle",
            "api-cycle-review",
            "api-cycle-publish",
            "api-cycle-close",
            "api-consequences-confirm",
            "api-consequences-reject",
        )
    },
    "assessment_review": lambda o: {"pk": o["assessment"].pk},
    "assessment_publish": lambda o: {"pk": o["assessment"].pk},
    "appeal_file": lambda o: {"pk": o["assessment"].pk},
    "appeal_decide": lambda o: {"pk": o["assessment"].pk},
    "person_tier": lambda o: {"pk": o["person"].pk},
    "scale_new": lambda o: {"agency_pk": o["agency"].pk},
    "scale_detail": lambda o: {"pk": o["scale"].pk},
    "payroll_detail": lambda o: {"pk": o["run"].pk},
    "payroll_export": lambda o: {"pk": o["run"].pk, "kind": "payslips"},
    "payroll_approve": lambda o: {"pk": o["run"].pk},
    "api-payroll-run": lambda o: {"pk": o["run"].pk},
    "api-payroll-approve": lambda o: {"pk": o["run"].pk},
    "api-payroll-lines": lambda o: {"pk": o["run"].pk},
    "api-payroll-payslips": lambda o: {"pk": o["run"].pk},
    "payroll_rerun": lambda o: {"pk": o["run"].pk},
    "person_pay": lambda o: {"pk": o["person"].pk},
}


# Each record kind's follow-up actions have a URL of their own; the foreign suspension stands in for all.
OBJECTS.update(
    {
        name: (lambda o: {"record_pk": o["suspension"].pk})
        for spec in KINDS.values()
        for slug in spec.actions
        for name in (f"record_{spec.slug}_{slug}", f"api-record-{spec.slug}-{slug}")
    }
)
OBJECTS.update({f"api-records-{spec.slug}": (lambda o: {"pk": o["person"].pk}) for spec in KINDS.values()})


def pay_objects(agency, officer, supervisor):
    """An approved scale and a computed payroll of the foreign county."""
    from compensation.services import contributions, payroll, scales
    from tests.compensation.test_compensation import INCOME, SCHEME, scale_input

    scales.statistic_record(
        actor=officer, agency=agency, kind=INCOME, year=2025, amount="30000", source="公报"
    )
    scale = scales.scale_draft(actor=officer, agency=agency, scale=scale_input())
    scales.scale_approve(actor=supervisor, scale=scale)
    contributions.scheme_record(
        actor=officer, agency=agency, effective_from=date(2026, 1, 1), basis="x", **SCHEME
    )
    run = payroll.payroll_start(actor=officer, agency=agency, month=date(2026, 11, 1))
    payroll.compute_chunks(run.pk)
    return {"scale": scale, "run": run}


def url_for(name, route, objects):
    if "<" not in route:
        return reverse(name)
    if name == "rules_jurisdiction":
        return reverse(name, kwargs={"jurisdiction": "sichuan"})
    if name == "records_list":
        return reverse(name, kwargs={"kind": "suspensions"})
    if name == "pay_record":  # the agency comes in the form, from the user's own subtree only
        return reverse(name, kwargs={"what": "run"})
    assert name in OBJECTS, f"{name} ({route}) takes an object: add it to OBJECTS with an out-of-scope object"
    return reverse(name, kwargs=OBJECTS[name](objects))


def fetch(client, url):
    get = client.get(url)
    post = client.post(url, {})
    return get.status_code, post.status_code


def test_every_pattern_is_known():
    names = [name for name, _route in url_patterns()]
    unknown = [
        n
        for n in names
        if n
        not in PUBLIC | APPLICANT_ONLY | STAFF_GLOBAL | set(OBJECTS) | {"rules_jurisdiction", "records_list"}
    ]
    assert unknown == []


def test_anonymous_visitors_reach_only_public_pages(client, foreign):
    for name, route in url_patterns():
        if name in PUBLIC:
            continue
        get, post = fetch(client, url_for(name, route, foreign))
        assert get in (302, 401, 403, 404, 405) and post in (302, 401, 403, 404, 405), (name, get, post)


def test_applicants_reach_no_back_office_page_or_endpoint(client, applicant, foreign):
    client_for(client, applicant)
    for name, route in url_patterns():
        if name in APPLICANT_ALLOWED:
            continue
        get, post = fetch(client, url_for(name, route, foreign))
        assert get in (302, 403, 404, 405) and post in (302, 403, 404, 405), (name, get, post)
    # Nothing of the other applicant's changed either.
    foreign["application"].refresh_from_db()
    assert foreign["application"].status == "submitted" and not foreign["application"].consents.exists()
    assert type(foreign["education"]).objects.filter(pk=foreign["education"].pk).exists()


def test_county_officer_cannot_reach_the_neighbouring_countys_objects(client, county_officer, foreign):
    client_for(client, county_officer)
    before = (foreign["agency"].name, foreign["quota"].approved_total, foreign["step"].status)
    for name, route in url_patterns():
        if name not in OBJECTS:
            continue
        get, post = fetch(client, url_for(name, route, foreign))
        assert get in (403, 404, 405) and post in (403, 404, 405), (name, get, post)
    foreign["agency"].refresh_from_db()
    foreign["quota"].refresh_from_db()
    foreign["step"].refresh_from_db()
    assert (foreign["agency"].name, foreign["quota"].approved_total, foreign["step"].status) == before
    foreign["suspension"].refresh_from_db()
    assert foreign["suspension"].ends_on is None


def test_a_staff_login_without_the_second_factor_reaches_no_staff_page_or_endpoint(
    client, county_officer, foreign
):
    """Password only (no TOTP yet): every back-office page sends them to the second factor, every endpoint
    403s."""
    client.force_login(county_officer)
    for name, route in url_patterns():
        if name in APPLICANT_ALLOWED - {"home", "api-me"} or name in {"two_factor", "logout"}:
            continue
        url = url_for(name, route, foreign)
        get, post = fetch(client, url)
        if url.startswith("/api/"):
            assert get in (401, 403, 405) and post in (401, 403, 405), (name, get, post)
        else:
            assert get in (302, 403, 404, 405) and post in (302, 403, 404, 405), (name, get, post)
            if get == 302:
                assert (
                    client.get(url)["Location"].startswith("/accounts/2fa/")
                    or "/accounts/login/" in client.get(url)["Location"]
                ), name
    home = client.get("/")
    assert home.status_code == 302 and home["Location"].startswith("/accounts/2fa/")
