from decimal import Decimal

import pytest

from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import equipment, working_life


@pytest.mark.parametrize("jurisdiction", ["hangzhou", "p001", "sichuan", "inner_mongolia", "nantong"])
def test_a_weapon_is_never_allowed(pack, jurisdiction):
    assert equipment.evaluate(pack(jurisdiction), item="weapon").outcome == Outcome.REFUSED


def test_p001_restraint_tools_need_command_and_lead_in_an_emergency(pack):
    p001 = pack("p001")
    only_command = equipment.evaluate(
        p001, item="restraint_instrument", emergency=True, under_police_command=True, under_police_lead=False
    )
    assert only_command.outcome == Outcome.REFUSED
    both = equipment.evaluate(
        p001, item="restraint_instrument", emergency=True, under_police_command=True, under_police_lead=True
    )
    assert both.outcome == Outcome.ALLOWED and [c.ref for c in both.citations] == ["p001:art23.p2"]


def test_sichuan_restraint_tools_need_command_or_lead(pack):
    decision = equipment.evaluate(
        pack("sichuan"),
        item="restraint_instrument",
        emergency=True,
        under_police_command=True,
        under_police_lead=False,
    )
    assert decision.outcome == Outcome.ALLOWED


def test_restraint_tools_are_for_service_staff_only(pack):
    decision = equipment.evaluate(
        pack("sichuan"),
        item="restraint_instrument",
        category="civilian",
        emergency=True,
        under_police_command=True,
    )
    assert decision.outcome == Outcome.REFUSED


def test_hangzhou_bars_all_police_instruments(pack):
    assert (
        equipment.evaluate(
            pack("hangzhou"),
            item="restraint_instrument",
            emergency=True,
            under_police_command=True,
            under_police_lead=True,
        ).outcome
        == Outcome.REFUSED
    )


def test_inner_mongolia_allows_drones_per_regulations(pack):
    decision = equipment.evaluate(pack("inner_mongolia"), item="drone")
    assert decision.outcome == Outcome.ALLOWED and [c.ref for c in decision.citations] == [
        "inner_mongolia:art16.p1"
    ]


def test_posting_without_pre_service_training_is_refused_in_inner_mongolia_only(pack):
    refused = working_life.posting(pack("inner_mongolia"), passed_pre_service_training=False)
    assert refused.outcome == Outcome.REFUSED and [c.ref for c in refused.citations] == [
        "inner_mongolia:art35.p2"
    ]
    assert (
        working_life.posting(pack("sichuan"), passed_pre_service_training=False).outcome
        == Outcome.NOT_REGULATED
    )


def test_sichuan_termination_on_a_listed_ground_cites_its_clause(pack):
    decision = working_life.termination(pack("sichuan"), ground="failed_probation")
    assert decision.outcome == Outcome.ALLOWED and [c.ref for c in decision.citations] == ["sichuan:art32(1)"]
    assert working_life.termination(pack("sichuan"), ground="disliked_by_boss").outcome == Outcome.REFUSED


def test_hangzhou_termination_grounds_are_not_in_the_provided_text_so_the_agency_setting_decides(pack):
    unknown = working_life.termination(pack("hangzhou"), ground="failed_probation")
    # the provided text ends at art 18: unknown, as the topic question answers, never refused
    assert unknown.outcome == Outcome.UNKNOWN and "文本不完整" in unknown.findings[0].message
    allowed = working_life.termination(
        pack("hangzhou"), ground="failed_probation", settings={"termination_grounds": ["failed_probation"]}
    )
    assert allowed.outcome == Outcome.ALLOWED and allowed.findings[0].setting == "termination_grounds"


def test_sichuan_pay_below_the_disposable_income_floor_is_refused_with_the_numbers(pack):
    decision = working_life.pay_floor(
        pack("sichuan"),
        pay=Decimal("45000"),
        statistic=Decimal("49000"),
        statistic_name="prior_year_local_urban_per_capita_disposable_income",
    )
    assert decision.outcome == Outcome.REFUSED
    assert decision.data["pay"] == "45000" and decision.data["statistic"] == "49000"
    assert [c.ref for c in decision.citations] == ["sichuan:art33"]


def test_inner_mongolia_benchmark_is_a_reference_so_below_it_only_warns(pack):
    decision = working_life.pay_floor(
        pack("inner_mongolia"),
        pay=Decimal("60000"),
        statistic=Decimal("90000"),
        statistic_name="prior_year_local_average_wage_on_duty_employees",
    )
    assert decision.outcome == Outcome.WARNING


def test_separation_returns_list_the_items(pack):
    assert working_life.separation_returns(pack("hangzhou")).data["items"] == [
        "work_id",
        "uniform",
        "insignia",
        "equipment",
    ]


def test_nantong_allows_labour_dispatch_and_sichuan_does_not(pack):
    assert (
        working_life.contract(
            pack("nantong"), kind="labour_dispatch", stated=(), has_probation=True, first_contract=True
        ).outcome
        == Outcome.ALLOWED
    )
    refused = working_life.contract(
        pack("sichuan"), kind="labour_dispatch", stated=(), has_probation=True, first_contract=True
    )
    assert refused.outcome == Outcome.REFUSED and [c.ref for c in refused.citations] == ["sichuan:art22"]


def test_inner_mongolia_contract_must_state_every_listed_item(pack):
    decision = working_life.contract(
        pack("inner_mongolia"),
        kind="employment",
        stated=("rights_duties", "term"),
        has_probation=True,
        first_contract=True,
    )
    assert decision.outcome == Outcome.REFUSED and "违约责任" in decision.findings[0].message


def test_sichuan_first_contract_needs_probation(pack):
    assert (
        working_life.contract(
            pack("sichuan"), kind="employment", stated=(), has_probation=False, first_contract=True
        ).outcome
        == Outcome.REFUSED
    )
    assert (
        working_life.contract(
            pack("sichuan"), kind="employment", stated=(), has_probation=False, first_contract=False
        ).outcome
        == Outcome.ALLOWED
    )


def test_grounds_offered_follow_the_text_the_contract_or_the_setting(pack):
    national = len(working_life.NATIONAL_GROUNDS)  # 劳动合同法 36, 39(1)–(6), 40(1)–(3) beneath every text
    sichuan = working_life.termination_grounds_offered(pack("sichuan"))
    assert (
        sichuan[0] == ("failed_probation", "在试用期内被证明不符合录用条件的")
        and len(sichuan) == 6 + national
    )
    p001 = working_life.termination_grounds_offered(pack("p001"), contract_grounds=("absent_15_days",))
    assert p001[0] == ("absent_15_days", "absent_15_days") and len(p001) == 1 + national
    nantong = working_life.termination_grounds_offered(
        pack("nantong"), settings={"termination_grounds": ["x"]}
    )
    assert nantong[0] == ("x", "x") and nantong[-1][0] == "labour_contract_law:art40(3)"


@pytest.mark.parametrize(
    ("jurisdiction", "article"), [("inner_mongolia", "inner_mongolia:art27.p2"), ("p001", "p001:art33")]
)
def test_a_pay_benchmark_the_text_only_refers_to_warns_when_pay_is_below_it(jurisdiction, article):
    """参照 in p001 art 33 is read as in Inner Mongolia art 27: a benchmark, warned about, never a floor."""
    from auxpolice.rules.evaluators import pay as pay_rules
    from auxpolice.rules.registry import latest_pack

    decision = pay_rules.floor_check(
        latest_pack(jurisdiction), pay=Decimal("60000"), statistic=Decimal("90000")
    )
    assert decision.outcome == Outcome.WARNING and [c.ref for c in decision.citations] == [article]


def test_a_vehicle_grant_the_text_gives_service_auxiliaries_is_not_given_to_civilian_ones(pack):
    from auxpolice.rules.evaluators import equipment

    service = equipment.evaluate(pack("p001"), item="vehicle", category="service")
    civilian = equipment.evaluate(pack("p001"), item="vehicle", category="civilian")
    assert service.outcome == Outcome.ALLOWED
    assert civilian.outcome == Outcome.NOT_REGULATED and "勤务" in civilian.findings[0].message
