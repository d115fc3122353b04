"""Domain errors: raised by services, turned into form errors, messages and API 400s in one place."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A refused business action. Nothing has been written when it is raised."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, message, *, field: str | None = None, code: str | None = None, citations=()):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code or self.default_code
        self.citations = list(citations)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": str(self.message),
            "field": self.field,
            "citations": [citation.as_dict() for citation in self.citations],
        }


class NotPermitted(DomainError):
    status_code = 403
    default_code = "permission_denied"

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("You do not have permission to do this."), **kwargs)


class RuleViolation(DomainError):
    """Refused by a rule of the jurisdiction; always carries the citations behind the refusal."""

    default_code = "rule_violation"


class Conflict(DomainError):
    status_code = 409
    default_code = "conflict"
