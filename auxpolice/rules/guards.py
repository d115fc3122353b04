"""Turning a rules decision into a refusal: the one place services stop on a refused finding."""

from auxpolice.core.errors import RuleViolation

from .decision import Decision, Outcome

BLOCKING = (Outcome.REFUSED, Outcome.NEEDS_APPROVAL)


def refuse_unless_allowed(decision: Decision, *, field: str | None = None) -> None:
    """Raise a RuleViolation naming every blocking finding and its articles; return when none blocks."""
    blocking = [f for f in decision.findings if f.outcome in BLOCKING]
    if blocking:
        citations = tuple(dict.fromkeys(c for f in blocking for c in f.citations))
        raise RuleViolation(" ".join(f.message for f in blocking), citations=citations, field=field)
