"""Field encryption for resident ID numbers, medical and vetting results (AES-256-GCM), and blind
indexes (HMAC-SHA256) so that encrypted values can still be looked up and kept unique.

Keys come from the environment, never the database:
  FIELD_ENCRYPTION_KEYS  "kid:base64key,kid:base64key" — the first encrypts, all decrypt (rotation)
  FIELD_HMAC_KEY         base64 key for blind indexes (changing it means rebuilding the indexes)
In development, when they are unset, keys are derived from SECRET_KEY (and the production profile
refuses to start without them).
"""

import base64
import hashlib
import hmac
import logging
import os
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1"
logger = logging.getLogger(__name__)


class DecryptionFailed(ValueError):
    pass


def _derived(purpose: str) -> bytes:
    return hashlib.sha256(f"auxpolice-dev-{purpose}:{settings.SECRET_KEY}".encode()).digest()


@cache
def encryption_keys() -> dict[str, bytes]:
    raw = settings.FIELD_ENCRYPTION_KEYS
    if not raw:
        return {"dev": _derived("encryption")}
    keys = {}
    for item in raw.split(","):
        kid, _, b64 = item.strip().partition(":")
        key = base64.b64decode(b64)
        if len(key) != 32 or not kid:
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS entries are 'kid:base64 of 32 bytes'")
        keys[kid] = key
    return keys


def current_key_id() -> str:
    return next(iter(encryption_keys()))


@cache
def hmac_key() -> bytes:
    raw = settings.FIELD_HMAC_KEY
    return base64.b64decode(raw) if raw else _derived("hmac")


def encrypt(plaintext: str) -> "Ciphertext":
    kid = current_key_id()
    nonce = os.urandom(12)
    sealed = AESGCM(encryption_keys()[kid]).encrypt(nonce, plaintext.encode(), kid.encode())
    return Ciphertext(f"{PREFIX}:{kid}:{base64.b64encode(nonce + sealed).decode()}")


def decrypt(token: str) -> str:
    try:
        prefix, kid, body = token.split(":", 2)
        raw = base64.b64decode(body)
        key = encryption_keys()[kid]
    except (ValueError, KeyError) as exc:
        raise DecryptionFailed("unknown key or malformed value") from exc
    if prefix != PREFIX:
        raise DecryptionFailed("not an encrypted value")
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], kid.encode()).decode()
    except (InvalidTag, ValueError) as exc:
        raise DecryptionFailed("value was altered or the key is wrong") from exc


FILE_MAGIC = b"AXENC1"


def encrypt_bytes(data: bytes) -> bytes:
    """A file at rest (an uploaded workbook waiting for its import): magic, key id, nonce, AES-GCM sealed bytes."""
    kid = current_key_id()
    nonce = os.urandom(12)
    sealed = AESGCM(encryption_keys()[kid]).encrypt(nonce, data, kid.encode())
    return FILE_MAGIC + bytes([len(kid)]) + kid.encode() + nonce + sealed


def decrypt_bytes(blob: bytes) -> bytes:
    if not blob.startswith(FILE_MAGIC):
        raise DecryptionFailed("not an encrypted file")
    size = blob[len(FILE_MAGIC)]
    start = len(FILE_MAGIC) + 1
    kid = blob[start:start + size].decode()
    body = blob[start + size:]
    try:
        return AESGCM(encryption_keys()[kid]).decrypt(body[:12], body[12:], kid.encode())
    except (KeyError, InvalidTag) as exc:
        raise DecryptionFailed("unknown key, or the file was altered") from exc


def key_id_of(token: str) -> str:
    return token.split(":", 2)[1]


def blind_index(value: str, *, purpose: str) -> str:
    """Deterministic, keyed digest of a normalised value: equal values, equal index; nothing to reverse."""
    return hmac.new(hmac_key(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


class Ciphertext(str):
    """A value already sealed by `encrypt` (bulk writes that encrypt up front, rows copied from the database). The
    field stores it as it is. Only the type says so: a typed string that merely looks like ciphertext is plain text
    to the field, and is encrypted like any other."""


class Unreadable(Ciphertext):
    """A stored value that cannot be decrypted (a retired key, a damaged row). Saving it back keeps the stored
    bytes; showing it says so instead of failing the page."""

    def __str__(self) -> str:
        from django.utils.translation import gettext

        return gettext("(cannot be decrypted)")

    def __html__(self) -> str:
        from django.utils.html import escape

        return escape(str(self))


class EncryptedTextField(models.TextField):
    """Stores AES-GCM ciphertext; Python sees the plain text. Not searchable: pair it with a blind index."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return decrypt(value)
        except DecryptionFailed:
            logger.error("%s: a stored value cannot be decrypted", self.model._meta.label if hasattr(self, "model")
                         else "encrypted field")
            return Unreadable(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return str.__str__(value) if isinstance(value, Ciphertext) else encrypt(value)
