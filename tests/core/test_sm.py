"""SM3 (GB/T 32905), HMAC-SM3 and SM4 (GB/T 32907) field encryption."""

from __future__ import annotations

import base64
import hmac

import pytest
from gmssl import sm4 as gmssl_sm4
from hypothesis import given, settings
from hypothesis import strategies as st

from onewindow.core.sm import (
    DecryptionError,
    derive_key,
    hmac_sm3,
    sm3_digest,
    sm3_hex,
    sm4_decrypt,
    sm4_encrypt,
)

PREFIX = "sm4v1:"
URLSAFE_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
MASTER = bytes.fromhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
OTHER_MASTER = bytes(32)

SLOW = settings(max_examples=50, deadline=None)  # gmssl is pure Python

keys = st.binary(min_size=32, max_size=32)


# --- SM3 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "digest"),
    [
        # GB/T 32905-2016, appendix A, examples 1 and 2
        (b"abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
        (b"abcd" * 16, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"),
        # the widely published digest of the empty message
        (b"", "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b"),
    ],
)
def test_sm3_test_vectors(message, digest):
    assert sm3_hex(message) == digest
    assert sm3_digest(message) == bytes.fromhex(digest)


@given(data=st.binary(max_size=300))
@settings(deadline=None)
def test_sm3_hex_is_64_lowercase_hex_characters(data):
    digest = sm3_hex(data)
    assert len(digest) == 64
    assert digest == digest.lower()
    assert bytes.fromhex(digest) == sm3_digest(data)


# --- HMAC-SM3 ------------------------------------------------------------------------------------


class _SM3:
    """Just enough of the hashlib interface for the standard library's RFC 2104 `hmac`."""

    digest_size = 32
    block_size = 64
    name = "sm3"

    def __init__(self, data: bytes = b"") -> None:
        self._data = bytearray(data)

    def update(self, data: bytes) -> None:
        self._data += data

    def copy(self) -> _SM3:
        return _SM3(bytes(self._data))

    def digest(self) -> bytes:
        return sm3_digest(bytes(self._data))


@given(key=st.binary(max_size=100), data=st.binary(max_size=200))
@settings(deadline=None)
def test_hmac_sm3_agrees_with_the_standard_library_hmac(key, data):
    # Covers short keys, keys of exactly one block and keys longer than a block (hashed first).
    assert hmac_sm3(key, data) == hmac.new(key, data, _SM3).digest()


@given(key=keys, data=st.binary(max_size=200))
@settings(deadline=None)
def test_hmac_sm3_is_deterministic(key, data):
    tag = hmac_sm3(key, data)
    assert len(tag) == 32
    assert hmac_sm3(key, data) == tag


@given(key=keys, other=keys, data=st.binary(max_size=200))
@settings(deadline=None)
def test_hmac_sm3_differs_for_different_keys(key, other, data):
    # Keys of equal length: RFC 2104 pads short keys with zero bytes, so b"k" and b"k\0" are the
    # same HMAC key by design (see the next test).
    if key != other:
        assert hmac_sm3(key, data) != hmac_sm3(other, data)


def test_hmac_keys_differing_only_in_trailing_zero_bytes_are_equivalent():
    assert hmac_sm3(b"key", b"data") == hmac_sm3(b"key\0\0", b"data")


@given(key=keys, data=st.binary(max_size=100), other=st.binary(max_size=100))
@settings(deadline=None)
def test_hmac_sm3_differs_for_different_messages(key, data, other):
    if data != other:
        assert hmac_sm3(key, data) != hmac_sm3(key, other)


def test_derive_key_gives_16_independent_bytes_per_purpose():
    enc, mac = derive_key(MASTER, "sm4-enc"), derive_key(MASTER, "sm4-mac")
    assert len(enc) == len(mac) == 16
    assert enc != mac
    assert derive_key(MASTER, "sm4-enc") == enc
    assert derive_key(OTHER_MASTER, "sm4-enc") != enc


# --- SM4 block cipher (the library itself) -------------------------------------------------------


def _sm4_block(key: bytes, block: bytes, *, encrypt: bool = True) -> bytes:
    crypt = gmssl_sm4.CryptSM4(padding_mode=-1)  # ECB honours "no padding" for other values
    crypt.set_key(key, gmssl_sm4.SM4_ENCRYPT if encrypt else gmssl_sm4.SM4_DECRYPT)
    return bytes(crypt.crypt_ecb(block))


def test_sm4_single_block_test_vector():
    # GB/T 32907-2016, appendix A, example 1
    key = plaintext = bytes.fromhex("0123456789abcdeffedcba9876543210")
    ciphertext = bytes.fromhex("681edf34d206965e86b3e94f536e4246")
    assert _sm4_block(key, plaintext) == ciphertext
    assert _sm4_block(key, ciphertext, encrypt=False) == plaintext


def _split(token: str) -> tuple[bytes, bytes, bytes]:
    raw = base64.urlsafe_b64decode(token.removeprefix(PREFIX))
    return raw[:16], raw[16:-16], raw[-16:]


def _cbc_decrypt(key: bytes, iv: bytes, body: bytes) -> bytes:
    """Textbook CBC decryption with the single-block primitive, no unpadding."""
    out, previous = b"", iv
    for i in range(0, len(body), 16):
        block = body[i : i + 16]
        decrypted = _sm4_block(key, block, encrypt=False)
        out += bytes(a ^ b for a, b in zip(decrypted, previous, strict=True))
        previous = block
    return out


def _strip_pkcs7(data: bytes) -> bytes:
    n = data[-1]
    assert 1 <= n <= 16
    assert data[-n:] == bytes([n]) * n
    return data[:-n]


# --- SM4 field encryption ------------------------------------------------------------------------


@given(plaintext=st.text())
@SLOW
def test_sm4_round_trip(plaintext):
    token = sm4_encrypt(MASTER, plaintext)
    assert token.startswith(PREFIX)
    assert token.isascii()
    assert sm4_decrypt(MASTER, token) == plaintext


@given(plaintext=st.text(max_size=40))
@SLOW
def test_sm4_token_is_authenticated_sm4_cbc_under_the_derived_keys(plaintext):
    token = sm4_encrypt(MASTER, plaintext)
    iv, body, tag = _split(token)
    assert len(iv) == len(tag) == 16
    assert len(body) % 16 == 0
    mac_key = derive_key(MASTER, "sm4-mac")
    assert tag == hmac_sm3(mac_key, PREFIX.encode() + iv + body)[:16]
    padded = _strip_pkcs7(_cbc_decrypt(derive_key(MASTER, "sm4-enc"), iv, body))
    assert padded.startswith(plaintext.encode())


@pytest.mark.parametrize("plaintext", ["", "610326199001011233", "张三"])
def test_two_encryptions_of_the_same_text_differ(plaintext):
    first, second = sm4_encrypt(MASTER, plaintext), sm4_encrypt(MASTER, plaintext)
    assert first != second
    assert _split(first)[0] != _split(second)[0]  # fresh IV
    assert sm4_decrypt(MASTER, first) == sm4_decrypt(MASTER, second) == plaintext


@given(plaintext=st.text(max_size=40), key=keys)
@SLOW
def test_decrypting_with_the_wrong_key_fails(plaintext, key):
    token = sm4_encrypt(MASTER, plaintext)
    if key != MASTER:
        with pytest.raises(DecryptionError, match="authentication failed"):
            sm4_decrypt(key, token)


@pytest.mark.parametrize("position", range(len(PREFIX)))
def test_altered_prefix_is_rejected(position):
    token = sm4_encrypt(MASTER, "secret")
    altered = token[:position] + "X" + token[position + 1 :]
    with pytest.raises(DecryptionError, match="not an encrypted value"):
        sm4_decrypt(MASTER, altered)


def _significant_positions(token: str) -> range:
    """Payload characters all of whose six bits belong to the decoded bytes.

    When the payload ends in `=` padding, the last data character carries 2 or 4 spare low bits
    that the decoder ignores; those positions are covered by the altered-token tests at the bottom.
    """
    end = len(token.rstrip("="))
    return range(len(PREFIX), end - 1 if end < len(token) else end)


@given(plaintext=st.text(max_size=40), data=st.data())
@SLOW
def test_any_altered_payload_character_is_rejected(plaintext, data):
    token = sm4_encrypt(MASTER, plaintext)
    position = data.draw(st.sampled_from(_significant_positions(token)), label="position")
    replacement = data.draw(
        st.sampled_from(URLSAFE_B64).filter(lambda c: c != token[position]), label="replacement"
    )
    altered = token[:position] + replacement + token[position + 1 :]
    with pytest.raises(DecryptionError):
        sm4_decrypt(MASTER, altered)


@pytest.mark.parametrize("plaintext", ["", "610326199001011233"])
def test_every_byte_of_iv_ciphertext_and_tag_is_authenticated(plaintext):
    token = sm4_encrypt(MASTER, plaintext)
    raw = base64.urlsafe_b64decode(token.removeprefix(PREFIX))
    for i in range(len(raw)):
        for bit in (0x01, 0x80):
            flipped = raw[:i] + bytes([raw[i] ^ bit]) + raw[i + 1 :]
            altered = PREFIX + base64.urlsafe_b64encode(flipped).decode()
            with pytest.raises(DecryptionError):
                sm4_decrypt(MASTER, altered)


@pytest.mark.parametrize("cut", [1, 16, 17, 32])
def test_truncated_token_is_rejected(cut):
    token = sm4_encrypt(MASTER, "secret")
    raw = base64.urlsafe_b64decode(token.removeprefix(PREFIX))
    with pytest.raises(DecryptionError):
        sm4_decrypt(MASTER, PREFIX + base64.urlsafe_b64encode(raw[:-cut]).decode())


@pytest.mark.parametrize("token", ["", "secret", "sm4v2:AAAA", PREFIX, PREFIX + "AAAA"])
def test_foreign_values_are_rejected(token):
    with pytest.raises(DecryptionError):
        sm4_decrypt(MASTER, token)


# --- altered tokens and the body format (defects found by these tests, now fixed) -------------


def _token_with_padding() -> str:
    """A token whose base64 payload ends in `=` (raw length not a multiple of 3)."""
    for size in range(0, 64, 16):
        token = sm4_encrypt(MASTER, "x" * size)
        if token.endswith("="):
            return token
    raise AssertionError("no padded token")


def _token_containing(char: str) -> str:
    for _ in range(200):
        token = sm4_encrypt(MASTER, "secret")
        if char in token.removeprefix(PREFIX):
            return token
    raise AssertionError(f"no token containing {char!r}")


def _non_base64_char() -> tuple[str, str]:
    token = sm4_encrypt(MASTER, "secret")
    i = len(PREFIX) + 4
    return token, token[:i] + "!" + token[i + 1 :]


def _padding_inside() -> tuple[str, str]:
    token = sm4_encrypt(MASTER, "secret")
    i = len(PREFIX) + 4
    return token, token[:i] + "=" + token[i + 1 :]


def _spare_bits_changed() -> tuple[str, str]:
    token = _token_with_padding()
    i = len(token.rstrip("=")) - 1
    flipped = URLSAFE_B64[URLSAFE_B64.index(token[i]) ^ 1]  # lowest bit: never decoded
    return token, token[:i] + flipped + token[i + 1 :]


def _standard_alphabet() -> tuple[str, str]:
    token = _token_containing("-")
    i = token.index("-", len(PREFIX))
    return token, token[:i] + "+" + token[i + 1 :]


@pytest.mark.parametrize(
    "alter",
    [
        _non_base64_char,
        _padding_inside,
        _spare_bits_changed,
        _standard_alphabet,
    ],
)
def test_every_altered_character_raises_decryption_error(alter):
    token, altered = alter()
    assert altered != token
    with pytest.raises(DecryptionError):
        sm4_decrypt(MASTER, altered)


@pytest.mark.parametrize("plaintext", ["", "610326199001011233"])
def test_body_is_standard_sm4_cbc_with_one_pkcs7_padding(plaintext):
    token = sm4_encrypt(MASTER, plaintext)
    iv, body, _tag = _split(token)
    assert len(body) == 16 * (len(plaintext.encode()) // 16 + 1)
    assert _strip_pkcs7(_cbc_decrypt(derive_key(MASTER, "sm4-enc"), iv, body)) == plaintext.encode()


# --- the pure-Python fallback used where OpenSSL lacks SM3 -----------------------------------


def test_gmssl_fallback_gives_the_same_digests_and_tags(monkeypatch):
    from onewindow.core import sm

    key, message = b"k" * 20, "审计事件".encode() * 40
    fast = (sm.sm3_hex(message), sm.hmac_sm3(key, message), sm.hmac_sm3(b"x" * 100, message))
    monkeypatch.setattr(sm, "OPENSSL_SM3", False)
    slow = (sm.sm3_hex(message), sm.hmac_sm3(key, message), sm.hmac_sm3(b"x" * 100, message))
    assert fast == slow
    assert sm.sm3_hex(b"abc").startswith("66c7f0f4")
