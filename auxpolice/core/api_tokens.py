"""API tokens: issue, authenticate, list and revoke (services and selectors in one small module).

A token is `ap_` + 43 random URL-safe characters; the database keeps its SHA-256 (a secret of 256 random bits
needs no slow hash) and its first characters, so a leaked table opens nothing and a list can still tell tokens
apart. Tokens expire (at most API_TOKEN_MAX_DAYS after issue) and may be read-only.
"""

import functools
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import authored
from .errors import DomainError, NotPermitted
from .models import ApiToken, Role, TokenScope, User
from .precompiled import PrecompiledQuery, bound_cursor

PREFIX = "ap_"
# last_used_at is written at most this often: a token used a thousand times a minute costs no writes.
USE_STAMP_EVERY = timedelta(minutes=5)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_issue(
    *, user: User, name: str, scope: str = TokenScope.READ, days: int | None = None
) -> tuple[ApiToken, str]:
    """A new token for `user` and its secret (returned once, never stored)."""
    days = settings.API_TOKEN_DEFAULT_DAYS if days is None else days
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise DomainError(
            _("A token lasts from 1 to %(max)s days.") % {"max": settings.API_TOKEN_MAX_DAYS}, field="days"
        )
    if scope not in TokenScope.values:
        raise DomainError(_("Choose read only or read and write."), field="scope")
    name = name.strip()
    if not name:
        raise DomainError(_("Name the token after what will use it."), field="name")
    secret = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken(
        user=user,
        name=name[:100],
        prefix=secret[:10],
        digest=_digest(secret),
        scope=scope,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    authored(token, user)
    token.save()
    return token, secret


_STAMP_SQL = f"UPDATE {ApiToken._meta.db_table} SET last_used_at = %s WHERE id = %s"


@functools.cache
def _token_query(related: tuple[str, ...]) -> PrecompiledQuery:
    """Every API request reads its token: the SQL is built once per process (digest is unique)."""
    return PrecompiledQuery(lambda digest: ApiToken.objects.select_related(*related).filter(digest=digest))


def token_for_secret(secret: str, *, related: tuple[str, ...] = ("user",)) -> ApiToken | None:
    """The live token with this secret (its user and `related` loaded), or None; stamps its use now and
    then."""
    token = _token_query(related).first(_digest(secret))
    if token is None or not token.is_live:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_STAMP_EVERY:
        with bound_cursor() as cursor:  # a usage fact, not a change: no history
            cursor.execute(_STAMP_SQL, [now, token.pk])
        token.last_used_at = now
    return token


def may_manage(actor: User, token: ApiToken) -> bool:
    return actor.pk == token.user_id or actor.role == Role.SECURITY_ADMIN


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Its owner or the security administrator revokes a token; it stops working at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not may_manage(actor, token):
        raise NotPermitted(_("Only the token's owner or the security administrator may revoke it."))
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = timezone.now(), actor
        authored(token, actor)
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def tokens_for(user: User) -> QuerySet[ApiToken]:
    """The tokens a user manages: their own; every user's for the security administrator."""
    tokens = ApiToken.objects.select_related("user", "revoked_by").order_by("-created_at", "-pk")
    return tokens if user.role == Role.SECURITY_ADMIN else tokens.filter(user=user)
