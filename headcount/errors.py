from auxpolice.core.errors import Conflict, DomainError


class QuotaExceeded(Conflict):
    default_code = "quota_exceeded"


class OutOfOrder(DomainError):
    default_code = "approval_out_of_order"
