from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from auxpolice.core.models import Role, User

from .models import RulesExpiryNotice
from .registry import RulePack, packs_ending_between

LEAD_DAYS = (180, 90, 30, 7)


def expiring_packs(today: date | None = None, within_days: int = max(LEAD_DAYS)) -> list[RulePack]:
    today = today or timezone.localdate()
    return packs_ending_between(today, today + timedelta(days=within_days))


def warn_expiring_packs(today: date | None = None) -> int:
    """Record and send each (pack, lead time) warning once; safe to run any number of times."""
    today = today or timezone.localdate()
    lines = []
    for pack in expiring_packs(today):
        days_left = (pack.effective_until - today).days
        # The tightest lead time reached decides; one notice each, however often the job runs.
        lead = min(lead for lead in LEAD_DAYS if days_left <= lead)
        try:
            with transaction.atomic():
                RulesExpiryNotice.objects.create(
                    jurisdiction=pack.jurisdiction, version=pack.version, days_before=lead
                )
        except IntegrityError:
            continue
        lines.append(
            f"{pack.instrument_zh}（{pack.short_zh}）将于 {pack.effective_until:%Y-%m-%d} 失效，"
            f"还剩 {days_left} 天，系统中尚无后续版本。"
        )
    if lines:
        recipients = list(
            User.objects.filter(role=Role.SYSADMIN, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if recipients:
            body = "\n".join(lines) + "\n失效后，系统将拒绝按该规定办理业务，请及时录入新版规定。"
            transaction.on_commit(
                lambda: send_mail("【辅警系统】规定即将失效", body, settings.DEFAULT_FROM_EMAIL, recipients)
            )
    return len(lines)
