"""Field encryption for resident ID numbers, medical and vetting results, and blind indexes so that encrypted
values can still be looked up and kept unique.

The cipher is a deployment setting: FIELD_CIPHER=aes-256-gcm (default; blind indexes by HMAC-SHA256) or
sm4-gcm (GB/T 39786-2021 commercial cryptography: SM4-GCM, blind indexes by HMAC-SM3). Every stored value
names the key it was sealed with, and the key id records the cipher ("2027a" is AES-256-GCM, "2027a.sm4"
SM4-GCM), so values written under either keep decrypting while `rotate_field_key` moves live rows to the
current key and cipher (and rebuilds the blind indexes when the HMAC changes).

Keys come from the environment, never the database:
  FIELD_ENCRYPTION_KEYS  "kid:base64key,kid:base64key" — the first encrypts, all decrypt (rotation);
                         32 bytes for AES-256, 16 bytes for SM4
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
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1"
logger = logging.getLogger(__name__)

AES, SM4 = "aes-256-gcm", "sm4-gcm"
KEY_BYTES = {AES: 32, SM4: 16}
SUFFIX = {AES: "", SM4: ".sm4"}  # appended to the key id in every stored value
TAG_BYTES = 16


class DecryptionFailed(ValueError):
    pass


def field_cipher() -> str:
    cipher = getattr(settings, "FIELD_CIPHER", AES) or AES
    if cipher not in KEY_BYTES:
        raise ImproperlyConfigured(f"FIELD_CIPHER is {AES} or {SM4}, not {cipher!r}")
    return cipher


def _derived(purpose: str) -> bytes:
    return hashlib.sha256(f"auxpolice-dev-{purpose}:{settings.SECRET_KEY}".encode()).digest()


@cache
def encryption_keys() -> dict[str, bytes]:
    raw = settings.FIELD_ENCRYPTION_KEYS
    if not raw:
        return {"dev": _derived("encryption")[: KEY_BYTES[field_cipher()]]}
    keys = {}
    for item in raw.split(","):
        kid, _, b64 = item.strip().partition(":")
        key = base64.b64decode(b64)
        if len(key) not in (16, 32) or not kid or "." in kid:
            raise ImproperlyConfigured(
                "FIELD_ENCRYPTION_KEYS entries are 'kid:base64 of 32 bytes (AES) or 16 (SM4)'"
            )
        keys[kid] = key
    return keys


def current_key_id() -> str:
    return next(iter(encryption_keys()))


def current_key_tag() -> str:
    """The key id as stored: the current key and the configured cipher."""
    return current_key_id() + SUFFIX[field_cipher()]


@cache
def hmac_key() -> bytes:
    raw = settings.FIELD_HMAC_KEY
    return base64.b64decode(raw) if raw else _derived("hmac")


def _seal(cipher: str, key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    if cipher == AES:
        return AESGCM(key).encrypt(nonce, data, aad)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    return encryptor.update(data) + encryptor.finalize() + encryptor.tag


def _open(cipher: str, key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    if cipher == AES:
        return AESGCM(key).decrypt(nonce, sealed, aad)
    if len(sealed) < TAG_BYTES:
        raise InvalidTag
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, sealed[-TAG_BYTES:])).decryptor()
    decryptor.authenticate_additional_data(aad)
    return decryptor.update(sealed[:-TAG_BYTES]) + decryptor.finalize()


def _key_for(tag: str) -> tuple[str, bytes]:
    """(cipher, key) for a stored key tag such as "2027a" or "2027a.sm4"."""
    kid, _, suffix = tag.partition(".")
    cipher = SM4 if suffix == "sm4" else AES
    key = encryption_keys()[kid]
    if len(key) != KEY_BYTES[cipher]:
        raise ImproperlyConfigured(f"key {kid} is {len(key)} bytes; {cipher} needs {KEY_BYTES[cipher]}")
    return cipher, key


def encrypt(plaintext: str) -> "Ciphertext":
    tag = current_key_tag()
    cipher, key = _key_for(tag)
    nonce = os.urandom(12)
    sealed = _seal(cipher, key, nonce, plaintext.encode(), tag.encode())
    return Ciphertext(f"{PREFIX}:{tag}:{base64.b64encode(nonce + sealed).decode()}")


def decrypt(token: str) -> str:
    try:
        prefix, tag, body = token.split(":", 2)
        raw = base64.b64decode(body)
        cipher, key = _key_for(tag)
    except (ValueError, KeyError) as exc:
        raise DecryptionFailed("unknown key or malformed value") from exc
    if prefix != PREFIX:
        raise DecryptionFailed("not an encrypted value")
    try:
        return _open(cipher, key, raw[:12], raw[12:], tag.encode()).decode()
    except (InvalidTag, ValueError) as exc:
        raise DecryptionFailed("value was altered or the key is wrong") from exc


FILE_MAGIC = b"AXENC1"


def encrypt_bytes(data: bytes) -> bytes:
    """A file at rest (an uploaded workbook waiting for its import): magic, key tag, nonce, sealed bytes."""
    tag = current_key_tag()
    cipher, key = _key_for(tag)
    nonce = os.urandom(12)
    return (
        FILE_MAGIC + bytes([len(tag)]) + tag.encode() + nonce + _seal(cipher, key, nonce, data, tag.encode())
    )


def decrypt_bytes(blob: bytes) -> bytes:
    if not blob.startswith(FILE_MAGIC):
        raise DecryptionFailed("not an encrypted file")
    size = blob[len(FILE_MAGIC)]
    start = len(FILE_MAGIC) + 1
    tag = blob[start : start + size].decode()
    body = blob[start + size :]
    try:
        cipher, key = _key_for(tag)
        return _open(cipher, key, body[:12], body[12:], tag.encode())
    except (KeyError, InvalidTag, ValueError) as exc:
        raise DecryptionFailed("unknown key, or the file was altered") from exc


def key_id_of(token: str) -> str:
    return token.split(":", 2)[1]


def blind_index(value: str, *, purpose: str) -> str:
    """Deterministic, keyed digest of a normalised value: equal values, equal index; nothing to reverse.
    HMAC-SHA256, or HMAC-SM3 when the field cipher is SM4 (both 64 hex characters)."""
    if field_cipher() == SM4:
        mac = crypto_hmac.HMAC(hmac_key(), hashes.SM3())
        mac.update(f"{purpose}:{value}".encode())
        return mac.finalize().hex()
    return hmac.new(hmac_key(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


class Ciphertext(str):
    """A value already sealed by `encrypt` (bulk writes that encrypt up front, rows copied from the database).
    The field stores it as it is. Only the type says so: a typed string that merely looks like ciphertext is
    plain text to the field, and is encrypted like any other."""


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
            logger.error(
                "%s: a stored value cannot be decrypted",
                self.model._meta.label if hasattr(self, "model") else "encrypted field",
            )
            return Unreadable(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return str.__str__(value) if isinstance(value, Ciphertext) else encrypt(value)
