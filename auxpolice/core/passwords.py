"""Password rules by account kind: back-office accounts follow MLPS level 3 habits (length and mixed
character classes); applicants follow OWASP ASVS (length, common-password list, no composition rules)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

STAFF_MIN_LENGTH = 10
APPLICANT_MIN_LENGTH = 12
STAFF_CLASSES_REQUIRED = 3


def _classes(password: str) -> int:
    return sum(
        [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
    )


class AccountKindPasswordValidator:
    def validate(self, password, user=None):
        applicant = user is not None and getattr(user, "role", None) == "applicant"
        if applicant:
            if len(password) < APPLICANT_MIN_LENGTH:
                raise ValidationError(
                    _("Use at least %(n)s characters; a short sentence is easy to remember.")
                    % {"n": APPLICANT_MIN_LENGTH},
                    code="password_too_short",
                )
            return
        if len(password) < STAFF_MIN_LENGTH or _classes(password) < STAFF_CLASSES_REQUIRED:
            raise ValidationError(
                _(
                    "Back-office passwords need at least %(n)s characters and three of: lower case, upper "
                    "case, "
                    "digits, symbols."
                )
                % {"n": STAFF_MIN_LENGTH},
                code="password_too_simple",
            )

    def get_help_text(self):
        return _(
            "Back-office accounts: %(n)s characters, three kinds of character. Applicants: %(m)s characters."
        ) % {"n": STAFF_MIN_LENGTH, "m": APPLICANT_MIN_LENGTH}
