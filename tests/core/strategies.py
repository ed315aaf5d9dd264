"""Hypothesis strategies for valid identity numbers.

The check characters are computed here from the published standards rather than with the
functions under test, so a property test cannot pass merely because both sides share a bug.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

# --- GB 11643-1999: citizen identity number, ISO 7064 MOD 11-2 ----------------------------
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_ALPHABET = "0123456789X"  # every character that may appear somewhere in an ID number
MIN_BIRTH = dt.date(1900, 1, 1)

# --- GB 32100-2015: unified social credit code, MOD 31 ------------------------------------
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_FORBIDDEN = "IOSVZ"


def id_check_char(first17: str) -> str:
    assert len(first17) == 17
    assert all(c in string.digits for c in first17)
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def uscc_check_char(first17: str) -> str:
    assert len(first17) == 17
    assert all(c in USCC_CHARSET for c in first17)
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def with_id_check(first17: str) -> str:
    """`first17` completed with its correct check character."""
    return first17 + id_check_char(first17)


def with_uscc_check(first17: str) -> str:
    return first17 + uscc_check_char(first17)


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=string.digits, min_size=n, max_size=n)


@st.composite
def resident_ids(
    draw: st.DrawFn,
    min_birth: dt.date = MIN_BIRTH,
    max_birth: dt.date | None = None,
) -> str:
    """A valid 18-character resident ID number born between `min_birth` and `max_birth`."""
    region = draw(st.sampled_from("12345678")) + draw(_digits(5))
    birth = draw(st.dates(min_value=min_birth, max_value=max_birth or dt.date.today()))
    sequence = draw(_digits(3))
    return with_id_check(f"{region}{birth:%Y%m%d}{sequence}")


@st.composite
def usccs(draw: st.DrawFn) -> str:
    """A valid 18-character unified social credit code."""
    charset = st.sampled_from(USCC_CHARSET)
    department = draw(charset)  # registering department
    category = draw(charset)  # organisation category
    division = draw(_digits(6))  # administrative division code
    body = draw(st.text(alphabet=USCC_CHARSET, min_size=9, max_size=9))  # organisation code
    return with_uscc_check(f"{department}{category}{division}{body}")
