"""Resident identity numbers (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence
(odd = male, even = female) and an ISO 7064 MOD 11-2 check character."""

import re
from dataclasses import dataclass
from datetime import date

from auxpolice.core.errors import DomainError

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


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
    return _CHECK[sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS)) % 11]


def parse_id_number(raw: str, *, today: date | None = None) -> IdNumber:
    value = (raw or "").strip().upper().replace(" ", "")
    if len(value) != 18:
        raise InvalidIdNumber(f"身份证号码应为18位，当前为{len(value)}位。")
    if not _SHAPE.match(value):
        raise InvalidIdNumber("身份证号码前17位应为数字，最后一位为数字或X。")
    try:
        birth = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidIdNumber(f"身份证号码中的出生日期 {value[6:14]} 不是有效日期。") from None
    if birth.year < 1900 or birth > (today or date.today()):
        raise InvalidIdNumber(f"身份证号码中的出生日期 {birth:%Y-%m-%d} 不合理。")
    expected = check_character(value[:17])
    if value[17] != expected:
        raise InvalidIdNumber("身份证号码校验位不正确，请核对后重新输入。")
    return IdNumber(value=value, birth_date=birth, sex="male" if int(value[16]) % 2 else "female", area_code=value[:6])
