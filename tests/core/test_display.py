"""Words and numbers as a person reads them: money, times, stored values and settings."""

import pathlib
import re
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from auxpolice.core.templatetags.auxpolice import money, shown, signed_money
from auxpolice.rules.settings_registry import value_words

TEMPLATES = pathlib.Path(__file__).resolve().parents[2] / "templates"


def test_money_has_thousands_separators_and_two_decimals():
    assert money(Decimal("120481.760000000")) == "120,481.76"
    assert money(Decimal("0")) == "0.00" and money(None) == "—" and money(3500) == "3,500.00"
    assert signed_money(Decimal("1200")) == "+1,200.00" and signed_money(Decimal("-35.5")) == "-35.50"


def test_times_are_beijing_time_in_the_usual_format_never_iso_with_microseconds():
    with timezone.override("Asia/Shanghai"):
        assert shown("2026-11-30T15:34:45.967789+00:00") == "2026-11-30 23:34"
        assert (
            shown(datetime(2026, 11, 30, 15, 34, tzinfo=timezone.get_fixed_timezone(0))) == "2026-11-30 23:34"
        )
    assert shown(date(2026, 11, 30)) == "2026-11-30" and shown("2026-11-30") == "2026-11-30"


def test_stored_lists_mappings_and_flags_are_words_not_python():
    assert shown(["exam", "interview"]) == "exam、interview"
    assert shown({"a": True}) == "a：是" and shown(None) == "—" and shown("普通文字") == "普通文字"


def test_agency_settings_show_labels_not_codes():
    assert value_words("recruitment_stages", ["qualification_review", "exam"]) == "资格审查、考试"
    assert value_words("quota_approval_chain", ["propose:police:same", "approve:government:same"]) == (
        "同级公安机关提出 → 同级人民政府批准"
    )
    assert value_words("min_education_service", "high_school") == "高中"
    assert value_words("require_prc_nationality", True) == "是"


def test_every_amount_of_money_in_the_pay_pages_is_formatted():
    names = r"gross|net|tax|income_tax|monthly|base_monthly|amount|base_minimum|base_maximum|employer|"
    names += r"employee_contributions|difference"
    unformatted = [
        f"{path.name}: {match}"
        for path in (TEMPLATES / "compensation").glob("*.html")
        for match in re.findall(r"\{\{[^}]*\.(?:" + names + r")\b[^}]*\}\}", path.read_text())
        if "money" not in match
    ]
    assert not unformatted, unformatted
