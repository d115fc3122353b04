"""The back office's second factor (MLPS level 3: two kinds of authentication for administrative users): a
TOTP device per account, asked for at every log-in. Applicants are not asked.

Setting one up needs more than the password: a one-time enrolment code the security administrator issues
(shown once, valid 72 hours; administrators' codes come from the server, `manage.py enrolment_code`). Until
the account has redeemed one and confirmed its device, it reaches nothing."""

import secrets
import unicodedata
from base64 import b32encode
from datetime import timedelta
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import accounts
from .crypto import blind_index
from .errors import DomainError, NotPermitted
from .models import EnrolmentCode, User

DEVICE_NAME = "authenticator"
ENROLMENT_VALID = timedelta(hours=72)
ENROLMENT_SESSION_KEY = "auxpolice_enrolment_user"
ENROLMENT_TRIES = 5  # wrong codes per account per quarter hour
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _digest(code: str) -> str:
    typed = unicodedata.normalize("NFKC", code or "").upper()
    return blind_index("".join(ch for ch in typed if ch.isascii() and ch.isalnum()), purpose="enrolment_code")


@transaction.atomic
def enrolment_code_issue(*, actor: User, user: User, address: str | None = None) -> str:
    """A new code for an account with no second factor (any earlier unused code stops working). `actor` None:
    issued on the server by the operator, the only way for administrators' accounts."""
    if actor is not None and not accounts.may_reset_second_factor(actor=actor, user=user):
        raise NotPermitted(_("You may not issue enrolment codes for this account (三员分立)."))
    if not user.is_back_office:
        raise DomainError(_("Only back-office accounts have a second factor."))
    if confirmed_device(user) is not None:
        raise DomainError(_("This account already has a second factor: reset it first."))
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
    code = "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(4))
    expires = timezone.now() + ENROLMENT_VALID
    EnrolmentCode.objects.create(user=user, digest=_digest(code), issued_by=actor, expires_at=expires)
    accounts.account_change_log(
        actor=actor,
        user=user,
        address=address,
        changes={"enrolment_code": ("", f"issued, valid until {expires:%Y-%m-%d %H:%M}")},
    )
    return code


def enrolment_code_redeem(request, code: str) -> bool:
    """Let this session set up the account's authenticator if the code is the account's, unused and
    unexpired."""
    user = request.user
    tries_key = f"auxpolice:enrolment-tries:{user.pk}"
    if cache.get(tries_key, 0) >= ENROLMENT_TRIES:
        return False
    with transaction.atomic():
        found = (
            EnrolmentCode.objects.select_for_update()
            .filter(user=user, digest=_digest(code), used_at__isnull=True, expires_at__gt=timezone.now())
            .first()
        )
        if found is None:
            cache.add(tries_key, 0, timeout=900)
            cache.incr(tries_key)
            return False
        found.used_at = timezone.now()
        found.save(update_fields=["used_at"])
    request.session[ENROLMENT_SESSION_KEY] = user.pk
    return True


def may_enrol(request) -> bool:
    return request.session.get(ENROLMENT_SESSION_KEY) == request.user.pk


def needs_second_factor(user) -> bool:
    """A signed-in back-office user whose session has not passed the second factor yet."""
    return bool(user.is_authenticated and user.is_back_office and not user.is_verified())


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The device being set up: one unconfirmed device per account, its secret kept until confirmed."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def verify(request, token: str) -> bool:
    """Check a code against the confirmed device, or confirm the pending one; mark the session verified."""
    token = "".join(token.split())
    if not token.isdigit():
        return False
    device = confirmed_device(request.user)
    if device is None:
        if not may_enrol(request):
            return False
        device = pending_device(request.user)
        if not device.verify_token(token):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    elif not device.verify_token(token):  # verify_token also refuses a code used before (drift and replay)
        return False
    request.session.pop(ENROLMENT_SESSION_KEY, None)
    # A new session key at the second step too, not only at the password step (session fixation).
    request.session.cycle_key()
    otp_login(request, device)
    return True


def secret_of(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = BytesIO()
    image.save(out)
    return out.getvalue().decode()
