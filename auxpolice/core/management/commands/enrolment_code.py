"""Print a one-time second-factor enrolment code for an account, on the server. The security administrator
issues codes in the application for the people whose accounts they manage; administrators' codes (and the
first security administrator's) come from here. Logged as an account change by "server (manage.py)"."""

from django.core.management.base import BaseCommand, CommandError

from auxpolice.core import second_factor
from auxpolice.core.errors import DomainError
from auxpolice.core.models import User


class Command(BaseCommand):
    help = (
        "Issue a one-time code (valid 72 hours) with which a back-office account sets up its authenticator."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"{username}: no such account")
        try:
            code = second_factor.enrolment_code_issue(actor=None, user=user)
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(code)
