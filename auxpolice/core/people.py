"""How a person's name and phone numbers are written, checked the same way by every form, the portal, the
API and the personnel import (one canonical form each, like rules.idnumber for the ID number)."""

import re
import unicodedata
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError

# Resident ID cards write names in Chinese characters; names transcribed from minority languages put a middle
# dot between their parts (阿依古丽·买买提). 30 characters holds the longest such names.
NAME_MAX = 30
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
NAME = re.compile(rf"[{_HAN}]+(?:·[{_HAN}]+)*")
_DOTS = str.maketrans({"•": "·", "‧": "·", "・": "·", "∙": "·", "⋅": "·", "．": "·", ".": "·"})
MOBILE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)
LANDLINE = re.compile(r"0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}", re.ASCII)


def canonical_name(raw: str, *, field: str = "full_name") -> str:
    name = "".join(unicodedata.normalize("NFKC", raw or "").split()).translate(_DOTS)
    if not name:
        raise DomainError(_("Enter the full name."), field=field)
    if len(name) > NAME_MAX:
        raise DomainError(
            _("A name has at most %(n)s characters; this one has %(length)s.")
            % {"n": NAME_MAX, "length": len(name)},
            field=field,
        )
    if len(name) < 2 or not NAME.fullmatch(name):
        raise DomainError(
            _("Write the name in Chinese characters as on the ID card (parts of a name separated by ·)."),
            field=field,
        )
    return name


def canonical_mobile(raw: str, *, field: str = "phone", required: bool = True) -> str:
    phone = _digits(raw).replace("-", "")
    if not phone and not required:
        return ""
    if not MOBILE.fullmatch(phone):
        raise DomainError(_("Enter an 11-digit mainland mobile number."), field=field)
    return phone


def canonical_contact_phone(raw: str, *, field: str, required: bool = False) -> str:
    """A mobile number, or a landline with its area code (010-12345678)."""
    phone = _digits(raw)
    if not phone and not required:
        return ""
    if MOBILE.fullmatch(phone.replace("-", "")):
        return phone.replace("-", "")
    if LANDLINE.fullmatch(phone):
        return phone
    raise DomainError(
        _("Enter an 11-digit mobile number or a landline with its area code, e.g. 028-86303110."), field=field
    )


def _digits(raw: str) -> str:
    return "".join(unicodedata.normalize("NFKC", raw or "").split()).removeprefix("+86").removeprefix("0086")


def check_past(day: date | None, *, field: str, what: str) -> None:
    """A date that has already happened (a graduation, a start)."""
    if day is not None and day > timezone.localdate():
        raise DomainError(_("%(what)s cannot be in the future.") % {"what": what}, field=field)
