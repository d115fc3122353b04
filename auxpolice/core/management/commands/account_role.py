"""Give an existing account a role, on the server. The application refuses to create or change administrator
accounts (三员分立: no administrator raises their own or a fellow administrator's rights); the operator who
runs this command is the second person. Logged as an account change by "server (manage.py)"."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from auxpolice.core.accounts import account_change_log
from auxpolice.core.models import AGENCY_BOUND_ROLES, Agency, Role, User


class Command(BaseCommand):
    help = (
        "Set an account's role (and agency) from the server; the only way to make or unmake an administrator."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=[r for r in Role.values if r != Role.APPLICANT])
        parser.add_argument("--agency", help="agency code (officers, supervisors and auditors belong to one)")

    @transaction.atomic
    def handle(self, *args, username, role, agency=None, **options):
        user = User.objects.select_for_update().filter(username=username).first()
        if user is None or user.role == Role.APPLICANT:
            raise CommandError(f"{username}: no such staff account")
        place = Agency.objects.filter(code=agency).first() if agency else None
        if agency and place is None:
            raise CommandError(f"{agency}: no such agency")
        if role in AGENCY_BOUND_ROLES and place is None:
            raise CommandError(f"{role} belongs to an agency: pass --agency")
        before = (user.role, user.agency.code if user.agency_id else "")
        user.role, user.agency = role, place if role in AGENCY_BOUND_ROLES else None
        user.is_staff, user.is_superuser = role in (Role.SYSADMIN, Role.SECURITY_ADMIN), False
        user.save(update_fields=["role", "agency", "is_staff", "is_superuser"])
        after = (user.role, user.agency.code if user.agency_id else "")
        account_change_log(
            actor=None, user=user, changes={"role": (" ".join(before).strip(), " ".join(after).strip())}
        )
        self.stdout.write(f"{username}: {' '.join(after)}")
