"""Chinese commercial cryptography helpers (SM3 hash, HMAC-SM3, SM4 field encryption).

Built on the pure-Python `gmssl` package. Field encryption is SM4-CBC with a random IV,
authenticated by HMAC-SM3 over version, IV and ciphertext (encrypt-then-MAC).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets

from gmssl import sm3 as _sm3
from gmssl import sm4 as _sm4

_BLOCK = 64  # SM3 block size in bytes
_PREFIX = "sm4v1:"


def sm3_hex(data: bytes) -> str:
    """SM3 digest as 64 lowercase hex characters."""
    return str(_sm3.sm3_hash(list(data)))


def sm3_digest(data: bytes) -> bytes:
    return bytes.fromhex(sm3_hex(data))


def hmac_sm3(key: bytes, data: bytes) -> bytes:
    """HMAC (RFC 2104) with SM3 as the hash."""
    if len(key) > _BLOCK:
        key = sm3_digest(key)
    key = key.ljust(_BLOCK, b"\0")
    inner = sm3_digest(bytes(k ^ 0x36 for k in key) + data)
    return sm3_digest(bytes(k ^ 0x5C for k in key) + inner)


def derive_key(master: bytes, purpose: str) -> bytes:
    """A 16-byte subkey of `master` for one purpose, so one secret never serves two uses."""
    return hmac_sm3(master, purpose.encode())[:16]


def _cbc(key: bytes, iv: bytes, data: bytes, *, encrypt: bool) -> bytes:
    """SM4-CBC with PKCS#7 padding. gmssl's `crypt_cbc` always pads on encryption and
    unpads on decryption, whatever `padding_mode` says; gmssl is pinned to 3.2.x for this."""
    crypt = _sm4.CryptSM4()
    crypt.set_key(key, _sm4.SM4_ENCRYPT if encrypt else _sm4.SM4_DECRYPT)
    return bytes(crypt.crypt_cbc(iv, data))


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
