"""The back office's second factor (MLPS level 3: two kinds of authentication for administrative users): a TOTP
device per account, set up on first log-in and asked for at every log-in. Applicants are not asked."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"


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
        device = pending_device(request.user)
        if not device.verify_token(token):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    elif not device.verify_token(token):  # verify_token also refuses a code used before (drift and replay)
        return False
    otp_login(request, device)
    return True


def secret_of(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = BytesIO()
    image.save(out)
    return out.getvalue().decode()
