"""What every history row carries besides simple-history's own columns: the API token a write came through.

`TokenAudit` is the base of every historical model (`HistoricalRecords(bases=[TokenAudit])`). Its column's
default reads the request simple-history's middleware keeps for the thread, so history rows built one by one
(signals), in bulk (`bulk_create_with_history`) or copied by the database (`audit.snapshot_history`) all name
the token; writes from a session, a task or a command leave it empty.
"""

from django.db import models
from simple_history.models import HistoricalRecords


def current_api_token_id() -> int | None:
    """The id of the API token that authenticated the current request (set by ApiTokenAuthentication)."""
    request = getattr(HistoricalRecords.context, "request", None)
    return getattr(request, "api_token_id", None)


class TokenAudit(models.Model):
    history_api_token_id = models.BigIntegerField(
        null=True,
        blank=True,
        editable=False,
        default=current_api_token_id,
        db_comment="API token of the write",
    )

    class Meta:
        abstract = True
