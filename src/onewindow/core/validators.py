"""Identity-number validators: resident ID (GB 11643-1999) and USCC (GB 32100-2015).

Pure functions with no Django dependency so they can be property-tested directly.
"""

from __future__ import annotations

import datetime as dt
import re

# --- GB 11643: 18-digit citizen identity number ------------------------------------------
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"[1-8][0-9]{5}([0-9]{8})[0-9]{3}[0-9X]")


def resident_id_check_char(first17: str) -> str:
    """The check character for the first 17 digits of a resident ID number."""
    if len(first17) != 17 or any(c not in "0123456789" for c in first17):
        raise ValueError("需要 17 位数字")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def resident_id_error(value: str, *, today: dt.date | None = None) -> str | None:
    """Why `value` is not a valid resident ID number, or None when it is."""
    number = value.strip().upper()
    if len(number) != 18:
        return "居民身份证号码应为 18 位"
    match = _ID_RE.fullmatch(number)
    if match is None:
        return "居民身份证号码格式不正确：前 17 位应为数字，最后一位为数字或 X"
    try:
        birth = dt.datetime.strptime(match.group(1), "%Y%m%d").date()  # noqa: DTZ007
    except ValueError:
        return "居民身份证号码中的出生日期不存在"
    today = today or dt.date.today()  # noqa: DTZ011
    if birth.year < 1900 or birth > today:
        return "居民身份证号码中的出生日期不在合理范围内"
    if resident_id_check_char(number[:17]) != number[17]:
        return "居民身份证号码校验位不正确，请核对号码"
    return None


def normalize_resident_id(value: str) -> str:
    return value.strip().upper()


def mask_resident_id(value: str) -> str:
    """`610326199001011234` → `6103**********1234`."""
    if len(value) < 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def birth_date_of(resident_id: str) -> dt.date:
    return dt.datetime.strptime(resident_id[6:14], "%Y%m%d").date()  # noqa: DTZ007


# --- GB 32100: 18-character unified social credit code ------------------------------------
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(rf"[{USCC_CHARSET}]{{2}}[0-9]{{6}}[{USCC_CHARSET}]{{10}}")


def uscc_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a USCC."""
    if len(first17) != 17 or any(c not in USCC_CHARSET for c in first17):
        raise ValueError("需要 17 个有效字符")
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_error(value: str) -> str | None:
    """Why `value` is not a valid unified social credit code, or None when it is."""
    code = value.strip().upper()
    if len(code) != 18:
        return "统一社会信用代码应为 18 位"
    if _USCC_RE.fullmatch(code) is None:
        return (
            "统一社会信用代码格式不正确：第 3–8 位应为行政区划代码，"
            "其余为数字或大写字母（不含 I、O、S、V、Z）"
        )
    if uscc_check_char(code[:17]) != code[17]:
        return "统一社会信用代码校验位不正确，请核对代码"
    return None


def normalize_uscc(value: str) -> str:
    return value.strip().upper()


# --- Administrative division codes (GB/T 2260 + 3-digit town + 3-digit village) ---------
_DIVISION_RE = re.compile(r"[1-8][0-9]{11}")


def division_code_error(value: str) -> str | None:
    if _DIVISION_RE.fullmatch(value) is None:
        return "行政区划代码应为 12 位数字（省市县 6 位 + 乡镇 3 位 + 村 3 位）"
    return None


# --- Mainland mobile numbers -------------------------------------------------------------
_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")


def mobile_error(value: str) -> str | None:
    if _MOBILE_RE.fullmatch(value.strip()) is None:
        return "手机号码应为 11 位数字，以 1 开头"
    return None


def mask_mobile(value: str) -> str:
    return value[:3] + "****" + value[-4:] if len(value) == 11 else value
