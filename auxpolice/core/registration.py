"""Self-registration on the recruitment portal, in two steps that answer alike whether or not the username
exists.

Step one checks the form and texts a six-digit code to the mobile number given; if the username is taken, the
text says so instead (only the holder of that phone learns it). The page then asks for the code either way, so
the portal never tells a visitor which usernames exist. Step two creates the account from the code. Both steps
are throttled per address and per phone number.
"""

import hmac
import secrets
import unicodedata
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services, sms, throttle
from .crypto import blind_index
from .errors import DomainError
from .models import Role, User
from .people import canonical_mobile, canonical_name

CODE_VALID = timedelta(minutes=15)
CODE_TRIES = 5
STARTS_PER_ADDRESS, STARTS_PER_PHONE, WINDOW = 10, 5, 3600


def registration_start(
    *, username: str, password: str, full_name: str, phone: str, email: str = "", address: str
) -> dict:
    """Check the form, text the code (or the notice that the username is taken); returns what the session
    keeps."""
    phone = canonical_mobile(phone)
    full_name = canonical_name(full_name)
    probe = User(username=username, full_name=full_name, email=email, role=Role.APPLICANT)
    try:
        validate_password(password, probe)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    throttle.spend(f"register:address:{address}", limit=STARTS_PER_ADDRESS, window=WINDOW)
    throttle.spend(f"register:phone:{phone}", limit=STARTS_PER_PHONE, window=WINDOW)
    code = f"{secrets.randbelow(10**6):06d}"
    if User.objects.filter(username__iexact=username).exists():
        sms.backend().send(
            phone,
            _("The username “%(username)s” is not available. Register again with another one.")
            % {"username": username},
        )
        digest = ""
    else:
        sms.backend().send(
            phone,
            _("Your registration code is %(code)s (valid 15 minutes). Do not share it.") % {"code": code},
        )
        digest = blind_index(code, purpose=f"registration:{phone}")
    return {
        "username": username,
        "password": make_password(password),
        "full_name": full_name,
        "phone": phone,
        "email": email,
        "digest": digest,
        "expires": (timezone.now() + CODE_VALID).isoformat(),
        "tries": 0,
    }


def registration_finish(*, pending: dict, code: str) -> User:
    """Create the account if the code is right; `pending["tries"]` counts wrong codes (the caller saves
    it)."""
    typed = "".join(unicodedata.normalize("NFKC", code or "").split())
    expired = timezone.now().isoformat() > pending["expires"]
    if expired or pending["tries"] >= CODE_TRIES:
        raise DomainError(
            _("The code has expired or was mistyped too often. Register again."),
            field="code",
            code="registration_expired",
        )
    expected = pending["digest"]
    given = blind_index(typed, purpose=f"registration:{pending['phone']}")
    if not expected or not hmac.compare_digest(expected, given):
        pending["tries"] += 1
        raise DomainError(_("That code is not right."), field="code")
    return services.applicant_register(
        username=pending["username"],
        password_hash=pending["password"],
        full_name=pending["full_name"],
        email=pending["email"],
        phone=pending["phone"],
    )
