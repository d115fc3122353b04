"""Development only: print a demo account's current second-factor code, so the demo runs without a phone."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from auxpolice.core.models import User


class Command(BaseCommand):
    help = (
        "Print the current TOTP code of a back-office account (creates its device if it has none). "
        "Not in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if settings.PRODUCTION:
            raise CommandError("Not available in production: use an authenticator app.")
        user = User.objects.filter(username=username).first()
        if user is None or not user.is_back_office:
            raise CommandError(f"{username} is not a back-office account.")
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=True
        )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
