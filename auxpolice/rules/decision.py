"""What every evaluation returns: an outcome and the citations behind it."""

from dataclasses import dataclass, field
from enum import StrEnum

from .citations import Citation


class Outcome(StrEnum):
    ALLOWED = "allowed"
    REFUSED = "refused"
    NEEDS_APPROVAL = "needs_approval"
    WARNING = "warning"  # allowed, but someone must look (e.g. a benchmark the text only refers to)
    NOT_REGULATED = "not_regulated"  # the text is silent: an agency setting decides
    UNKNOWN = "unknown"  # the provided text does not reach this topic (Hangzhou after art 18)


# Which outcome wins when several findings are combined.
_SEVERITY = [
    Outcome.REFUSED,
    Outcome.NEEDS_APPROVAL,
    Outcome.UNKNOWN,
    Outcome.WARNING,
    Outcome.ALLOWED,
    Outcome.NOT_REGULATED,
]


@dataclass(frozen=True)
class Finding:
    code: str  # rule code from matrix.yaml, with a detail suffix where useful ("eligibility.max_age")
    outcome: Outcome
    message: str  # zh-hans, for officers and applicants
    citations: tuple[Citation, ...] = ()
    setting: str | None = None  # the agency setting applied where the text is silent

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "outcome": str(self.outcome),
            "message": self.message,
            "citations": [citation.as_dict() for citation in self.citations],
            "setting": self.setting,
        }


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    findings: tuple[Finding, ...] = ()
    data: dict = field(default_factory=dict)

    @classmethod
    def combine(cls, findings: list[Finding], data: dict | None = None) -> "Decision":
        if not findings:
            return cls(Outcome.NOT_REGULATED, (), data or {})
        outcome = min((finding.outcome for finding in findings), key=_SEVERITY.index)
        return cls(outcome, tuple(findings), data or {})

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The citations behind the outcome: those of the findings that decided it."""
        seen: dict[Citation, None] = {}
        for finding in self.findings:
            if finding.outcome != self.outcome:
                continue
            for citation in finding.citations:
                seen.setdefault(citation)
        return tuple(seen)

    @property
    def refusals(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.outcome == Outcome.REFUSED)

    def as_dict(self) -> dict:
        return {
            "outcome": str(self.outcome),
            "citations": [citation.as_dict() for citation in self.citations],
            "findings": [finding.as_dict() for finding in self.findings],
            "data": self.data,
        }
