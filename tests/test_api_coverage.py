"""Everything an officer does in the browser can be done through the API (#23): every back-office URL that
takes a write has an API operation, or a reason here why not, or is on the list of what #23 has still to
build — a list that may only shrink."""

import inspect

from django.urls import URLResolver, get_resolver

from personnel.record_kinds import KINDS

# The page's write → the API operation (URL name) that does the same through the same service.
API_FOR = {
    "quota_request_new": "api-quota-request-submit",
    "quota_request_withdraw": "api-quota-request-withdraw",
    "quota_redistribute": "api-quota-redistribute",
    "step_decide": "api-step-decide",
    "plan_new": "api-plan-submit",
    "agency_edit": "api-agency-detail",
    "id_number_reveal": "api-personnel-id-number",
    "contract_sign": "api-contract-sign",
    "contract_renew": "api-contract-renew",
    "contract_terminate": "api-contract-terminate",
    "assessment_score": "api-assessment-score",
    "assessment_review": "api-assessment-review",
    "assessment_publish": "api-assessment-publish",
    "appeal_file": "api-appeal-file",
    "appeal_decide": "api-appeal-decide",
    "cycle_review": "api-cycle-review",
    "cycle_publish": "api-cycle-publish",
    "cycle_close": "api-cycle-close",
    "cycle_list": "api-cycles",  # opening a year
    "import_new": "api-personnel-imports",
    "consequence_confirm": "api-consequences-confirm",
    "consequence_reject": "api-consequences-reject",
    "person_tier": "api-tier-assign",
    "pay_record": "api-payroll-runs",  # and api-pay-statistic, api-pay-scheme, api-pay-policy for the rest
    "payroll_approve": "api-payroll-approve",
    "payroll_rerun": "api-payroll-runs",  # starting a computed month again is the same operation
    "api_tokens": "api-token-list",
    "auxiliary_details_save": "api-personnel-details",
    "leave_entitlements": "api-leave-entitlements",
    "cycle_scores": "api-cycle-scores-import",
    "scale_new": "api-pay-scale-draft",
    "scale_detail": "api-pay-scale-approve",
    "person_pay": "api-overtime",
    "special_deductions_import": "api-special-deductions-import",
    "agency_setting_save": "api-agency-setting",
    "exam_room_add": "api-exam-rooms",
    "physical_standard": "api-physical-standard",
    "exam_session_add": "api-exam-sessions",
    "exam_seats_assign": "api-exam-seats",
    "exam_door_list": "api-exam-absent",
    "recusal_withdraw": "api-relation-withdraw",
    "announcement_new": "api-announcement-create",
    "results_import": "api-results-import",
    "application_message": "api-applications-message",
    "application_batch_review": "api-applications-review",
    "stage_scores": "api-stage-scores",
    "stage_scores_import": "api-stage-scores-import",
    "stage_rank": "api-stage-rank",
    "announcement_submit": "api-announcement-submit",
    "announcement_approve": "api-announcement-approve",
    "announcement_return": "api-announcement-return",
    "announcement_revise": "api-announcement-revise",
    "results_release": "api-results-release",
    "publicity_start": "api-publicity-start",
    "announcement_plan_close": "api-plan-close",
    "call_next_candidate": "api-call-next",
    "application_review": "api-application-review",
    "application_physical": "api-application-physical",
    "application_result": "api-application-result",
    "application_objection": "api-objection-record",
    "objection_resolve": "api-objection-resolve",
    "application_withdraw": "api-application-withdraw",
    "application_hire": "api-application-hire",
    "recusal_overview": "api-relations",
    "api_token_revoke": "api-token-revoke",
    **{
        f"record_{kind}_{action}": f"api-record-{kind}-{action}"
        for kind, spec in KINDS.items()
        for action in spec.actions
    },
}
# Every record kind's add form (person_records) has an operation per kind.
API_FOR_EACH_KIND = {
    "person_records": [f"api-records-{kind}" for kind in KINDS],
    "pay_record": ["api-payroll-runs", "api-pay-statistic", "api-pay-scheme", "api-pay-policy"],
    "person_pay": ["api-overtime", "api-bank-account", "api-special-deductions"],
}

NO_API = {
    "set_language": "the browser's language choice; an API client sends Accept-Language",
    "logout": "ends a browser session; a token is revoked instead (api-token-revoke)",
    "two_factor": "the second factor of a browser session; a token is issued only with it (api-token)",
    "applicant_register": "applicants register in the browser with a texted code (anti-enumeration)",
    "applicant_register_verify": "the second step of that registration",
}

# What #23 has still to build (the next session takes these off as it goes).
NOT_YET: set[str] = set()
NOT_YET_AT_MOST = 0


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield pattern.name, prefix + str(pattern.pattern), pattern.callback


def back_office_writes() -> set[str]:
    """Page URLs whose view takes a POST (read from its source: require_POST, form_action, request.method)."""
    writes = set()
    for name, route, view in _patterns(get_resolver().url_patterns):
        if not name or route.startswith(("api/", "admin/")) or name.startswith("portal"):
            continue
        target = getattr(view, "view_class", view)
        while hasattr(target, "__wrapped__"):
            target = target.__wrapped__
        source = inspect.getsource(target)
        if "POST" in source or "form_action" in source or "request.method" in source:
            writes.add(name)
    return writes


def api_names() -> set[str]:
    return {name for name, route, _view in _patterns(get_resolver().url_patterns) if route.startswith("api/")}


def test_every_back_office_write_has_an_api_operation_or_a_reason():
    writes = back_office_writes()
    unaccounted = writes - set(API_FOR) - set(API_FOR_EACH_KIND) - set(NO_API) - NOT_YET
    assert unaccounted == set(), "give each a twin in the API (API_FOR) or a reason (NO_API)"
    assert set(API_FOR) | set(API_FOR_EACH_KIND) | set(NO_API) | NOT_YET >= writes


def test_each_named_api_operation_exists():
    names = api_names()
    named = set(API_FOR.values()) | {name for many in API_FOR_EACH_KIND.values() for name in many}
    assert named - names == set()


def test_what_is_left_only_shrinks():
    assert len(NOT_YET) <= NOT_YET_AT_MOST
    assert not NOT_YET & (set(API_FOR) | set(NO_API)), "done or explained: take it off NOT_YET"
