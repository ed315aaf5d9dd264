"""Personal data at rest: SM4-encrypted values plus a keyed SM3 digest for exact look-ups."""

from __future__ import annotations

from django.conf import settings

from onewindow.core.sm import derive_key, hmac_sm3, sm4_decrypt, sm4_encrypt


def encrypt(value: str) -> str:
    return sm4_encrypt(settings.FIELD_ENCRYPTION_KEY, value)


def decrypt(token: str) -> str:
    return sm4_decrypt(settings.FIELD_ENCRYPTION_KEY, token)


def lookup_digest(kind: str, value: str) -> str:
    """Deterministic keyed digest, so an ID number can be found without storing it plainly."""
    key = derive_key(settings.FIELD_ENCRYPTION_KEY, f"lookup:{kind}")
    return hmac_sm3(key, value.encode()).hex()
