"""Chinese commercial cryptography helpers (SM3 hash, HMAC-SM3, SM4 field encryption).

SM3 comes from OpenSSL through `hashlib` where the interpreter's OpenSSL provides it (it does
on OpenSSL 3), falling back to the pure-Python `gmssl`; SM4 comes from `cryptography` (its
bundled OpenSSL). Field encryption is SM4-CBC with a random IV and PKCS#7 padding,
authenticated by HMAC-SM3 over version, IV and ciphertext (encrypt-then-MAC).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from gmssl import sm3 as _gmssl_sm3

_BLOCK = 64  # SM3 block size in bytes
_PREFIX = "sm4v1:"


def _openssl_has_sm3() -> bool:
    try:
        return hashlib.new("sm3", b"abc").hexdigest().startswith("66c7f0f4")
    except ValueError:
        return False


OPENSSL_SM3 = _openssl_has_sm3()


def sm3_hex(data: bytes) -> str:
    """SM3 digest as 64 lowercase hex characters."""
    if OPENSSL_SM3:
        return hashlib.new("sm3", data).hexdigest()
    return str(_gmssl_sm3.sm3_hash(list(data)))


def sm3_digest(data: bytes) -> bytes:
    if OPENSSL_SM3:
        return hashlib.new("sm3", data).digest()
    return bytes.fromhex(sm3_hex(data))


def hmac_sm3(key: bytes, data: bytes) -> bytes:
    """HMAC (RFC 2104) with SM3 as the hash."""
    if OPENSSL_SM3:
        return hmac.new(key, data, "sm3").digest()
    if len(key) > _BLOCK:
        key = sm3_digest(key)
    key = key.ljust(_BLOCK, b"\0")
    inner = sm3_digest(bytes(k ^ 0x36 for k in key) + data)
    return sm3_digest(bytes(k ^ 0x5C for k in key) + inner)


def derive_key(master: bytes, purpose: str) -> bytes:
    """A 16-byte subkey of `master` for one purpose, so one secret never serves two uses."""
    return hmac_sm3(master, purpose.encode())[:16]


def _cbc(key: bytes, iv: bytes, data: bytes, *, encrypt: bool) -> bytes:
    """SM4-CBC with PKCS#7 padding."""
    cipher = Cipher(algorithms.SM4(key), modes.CBC(iv))
    if encrypt:
        padder = padding.PKCS7(128).padder()
        encryptor = cipher.encryptor()
        return encryptor.update(padder.update(data) + padder.finalize()) + encryptor.finalize()
    decryptor = cipher.decryptor()
    unpadder = padding.PKCS7(128).unpadder()
    padded = decryptor.update(data) + decryptor.finalize()
    return unpadder.update(padded) + unpadder.finalize()


def sm4_encrypt(master: bytes, plaintext: str) -> str:
    """Encrypt a text value for storage; the result is ASCII and differs on every call."""
    enc_key, mac_key = derive_key(master, "sm4-enc"), derive_key(master, "sm4-mac")
    iv = secrets.token_bytes(16)
    body = _cbc(enc_key, iv, plaintext.encode(), encrypt=True)
    tag = hmac_sm3(mac_key, _PREFIX.encode() + iv + body)[:16]
    return _PREFIX + base64.urlsafe_b64encode(iv + body + tag).decode()


class DecryptionError(Exception):
    pass


def sm4_decrypt(master: bytes, token: str) -> str:
    if not token.startswith(_PREFIX):
        raise DecryptionError("not an encrypted value")
    payload = token[len(_PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(payload.encode())
    except (ValueError, binascii.Error) as exc:
        raise DecryptionError("not valid base64") from exc
    if base64.urlsafe_b64encode(raw).decode() != payload:
        raise DecryptionError("not canonical base64: the value was altered")
    if len(raw) < 48 or (len(raw) - 32) % 16:
        raise DecryptionError("truncated value")
    iv, body, tag = raw[:16], raw[16:-16], raw[-16:]
    enc_key, mac_key = derive_key(master, "sm4-enc"), derive_key(master, "sm4-mac")
    expected = hmac_sm3(mac_key, _PREFIX.encode() + iv + body)[:16]
    if not hmac.compare_digest(tag, expected):
        raise DecryptionError("authentication failed: wrong key or altered value")
    try:
        return _cbc(enc_key, iv, body, encrypt=False).decode()
    except (ValueError, UnicodeDecodeError) as exc:  # cannot happen once the tag matched
        raise DecryptionError("bad padding") from exc
