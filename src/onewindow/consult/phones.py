"""The asker's phone number: a mobile number, or a landline with its area code (people who
call the hall often do from one)."""

from __future__ import annotations

import re

from onewindow.core.validators import mask_mobile, mobile_error

_LANDLINE_RE = re.compile(r"(0\d{2,3})-?(\d{7,8})")


def normalise_phone(value: str) -> str:
    """Spaces removed; a landline written with its area code as `0917-5521234`."""
    compact = re.sub(r"\s+", "", value)
    match = _LANDLINE_RE.fullmatch(compact)
    if match is not None:
        return f"{match.group(1)}-{match.group(2)}"
    return compact


def phone_error(value: str) -> str | None:
    phone = normalise_phone(value)
    if mobile_error(phone) is None or _LANDLINE_RE.fullmatch(phone) is not None:
        return None
    return "联系电话应为 11 位手机号码，或带区号的固定电话（如 0917-5521234）"


def mask_phone(value: str) -> str:
    """138****0001 for a mobile number, 0917-***1234 for a landline."""
    match = _LANDLINE_RE.fullmatch(value)
    if match is not None:
        area, local = match.groups()
        return f"{area}-{'*' * (len(local) - 4)}{local[-4:]}"
    return mask_mobile(value)


def looks_like_phone(value: str) -> bool:
    """Whether a search text is a whole phone number (searched by its keyed digest)."""
    return bool(value.strip()) and phone_error(value) is None
