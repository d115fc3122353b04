"""Resident identity numbers (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence
(odd = male, even = female) and an ISO 7064 MOD 11-2 check character."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from auxpolice.core.errors import DomainError

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
_SHAPE = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
_SPACES = re.compile(r"\s+")
# GB/T 2260 provincial-level codes: the first two digits of every number's area code.
PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)


class InvalidIdNumber(DomainError):
    default_code = "invalid_id_number"

    def __init__(self, message):
        super().__init__(message, field="id_number")


@dataclass(frozen=True)
class IdNumber:
    value: str
    birth_date: date
    sex: str  # "male" | "female"
    area_code: str

    @property
    def masked(self) -> str:
        return self.value[:3] + "*" * 11 + self.value[-4:]


def check_character(first17: str) -> str:
    return _CHECK[sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True)) % 11]


def canonical_text(raw) -> str:
    """How every identifier typed by a person is compared: NFKC (full-width ５ becomes 5, ｘ becomes x), no
    white space, upper case. Lookups by a fragment (the last digits of an ID number) use it too."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", str(raw or ""))).upper()


def canonical_id_number(raw) -> str:
    """The one spelling of a resident ID number that is stored, indexed and compared: 17 ASCII digits and a
    digit or X. Digits of other scripts (Arabic-Indic ٥, Devanagari ५) are refused, not guessed at: the same
    person must never have two spellings, and so two blind indexes."""
    value = canonical_text(raw)
    if len(value) != 18:
        raise InvalidIdNumber(f"身份证号码应为18位，当前为{len(value)}位。")
    if not _SHAPE.fullmatch(value):
        raise InvalidIdNumber("身份证号码只能由阿拉伯数字0–9和字母X组成：前17位为数字，最后一位为数字或X。")
    return value


def parse_id_number(raw: str, *, today: date | None = None) -> IdNumber:
    value = canonical_id_number(raw)
    if value[:2] not in PROVINCES or value[2:6] == "0000":
        raise InvalidIdNumber(f"身份证号码前6位 {value[:6]} 不是有效的行政区划代码。")
    try:
        birth = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidIdNumber(f"身份证号码中的出生日期 {value[6:14]} 不是有效日期。") from None
    if birth.year < 1900 or birth > (today or date.today()):
        raise InvalidIdNumber(f"身份证号码中的出生日期 {birth:%Y-%m-%d} 不合理。")
    expected = check_character(value[:17])
    if value[17] != expected:
        raise InvalidIdNumber("身份证号码校验位不正确，请核对后重新输入。")
    return IdNumber(
        value=value, birth_date=birth, sex="male" if int(value[16]) % 2 else "female", area_code=value[:6]
    )
