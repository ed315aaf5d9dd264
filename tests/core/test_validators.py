"""Resident ID (GB 11643), USCC (GB 32100), division code and mobile validators."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onewindow.core.validators import (
    birth_date_of,
    division_code_error,
    mask_mobile,
    mask_resident_id,
    mobile_error,
    normalize_resident_id,
    normalize_uscc,
    resident_id_check_char,
    resident_id_error,
    uscc_check_char,
    uscc_error,
)

from .strategies import (
    ID_ALPHABET,
    MIN_BIRTH,
    USCC_CHARSET,
    USCC_FORBIDDEN,
    id_check_char,
    resident_ids,
    usccs,
    with_id_check,
    with_uscc_check,
)
from .strategies import uscc_check_char as independent_uscc_check_char

ID_LENGTH_ERROR = "居民身份证号码应为 18 位"
ID_FORMAT_ERROR = "居民身份证号码格式不正确：前 17 位应为数字，最后一位为数字或 X"
ID_NO_SUCH_DATE = "居民身份证号码中的出生日期不存在"
ID_DATE_RANGE = "居民身份证号码中的出生日期不在合理范围内"
ID_CHECKSUM_ERROR = "居民身份证号码校验位不正确，请核对号码"

USCC_LENGTH_ERROR = "统一社会信用代码应为 18 位"
USCC_FORMAT_ERROR = (
    "统一社会信用代码格式不正确：第 3–8 位应为行政区划代码，"
    "其余为数字或大写字母（不含 I、O、S、V、Z）"
)
USCC_CHECKSUM_ERROR = "统一社会信用代码校验位不正确，请核对代码"

CJK = re.compile(r"[\u4e00-\u9fff]")
FULLWIDTH_DIGITS = str.maketrans(string.digits, "０１２３４５６７８９")

KNOWN_RESIDENT_ID = "11010519491231002X"
KNOWN_USCC = "91350100M000100Y43"

MANY = settings(max_examples=200)


def _substitutions(value: str, alphabet: str):
    """Every string that differs from `value` in exactly one character drawn from `alphabet`."""
    for i, original in enumerate(value):
        for replacement in alphabet:
            if replacement != original:
                yield i, value[:i] + replacement + value[i + 1 :]


def _adjacent_transpositions(value: str):
    for i in range(len(value) - 1):
        if value[i] != value[i + 1]:
            yield i, value[:i] + value[i + 1] + value[i] + value[i + 2 :]


def _id_well_formed(number: str) -> bool:
    """True when only the check character can be wrong: shape, date and range are fine."""
    if len(number) != 18 or number[0] not in "12345678" or number[17] not in ID_ALPHABET:
        return False
    if not all(c in string.digits for c in number[:17]):
        return False
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return MIN_BIRTH <= birth <= dt.date.today()


# --- resident ID: the check character ---------------------------------------------------------


@pytest.mark.parametrize("number", [KNOWN_RESIDENT_ID, "610326199001011233"])
def test_known_resident_ids_are_valid(number):
    assert id_check_char(number[:17]) == number[17]  # the strategy's arithmetic agrees
    assert resident_id_error(number) is None


@given(first17=st.text(alphabet=string.digits, min_size=17, max_size=17))
@MANY
def test_resident_id_check_char_matches_the_standard(first17):
    assert resident_id_check_char(first17) == id_check_char(first17)


@pytest.mark.parametrize("first17", ["", "1234567890123456", "123456789012345678", "1" * 16 + "X"])
def test_resident_id_check_char_rejects_bad_input(first17):
    with pytest.raises(ValueError, match="17 位数字"):
        resident_id_check_char(first17)


@given(number=resident_ids())
@MANY
def test_generated_resident_ids_are_valid(number):
    assert resident_id_error(number) is None
    assert normalize_resident_id(number) == number


@given(number=resident_ids())
@MANY
def test_every_single_substitution_in_a_resident_id_is_detected(number):
    for i, altered in _substitutions(number, ID_ALPHABET):
        error = resident_id_error(altered)
        assert error is not None, (i, altered)
        if _id_well_formed(altered):
            # Only the checksum can catch these; MOD 11-2 always does because every weight is
            # non-zero modulo the prime 11 and two digits differ by less than 11.
            assert id_check_char(altered[:17]) != altered[17]
            assert error == ID_CHECKSUM_ERROR, (i, altered)


@given(number=resident_ids())
@MANY
def test_every_adjacent_transposition_in_a_resident_id_is_detected(number):
    # MOD 11-2 catches all of them: neighbouring weights 2^k and 2^(k+1) differ by 2^k ≢ 0 (mod 11).
    for i, altered in _adjacent_transpositions(number):
        error = resident_id_error(altered)
        assert error is not None, (i, altered)
        if _id_well_formed(altered):
            assert error == ID_CHECKSUM_ERROR, (i, altered)


# --- resident ID: shape ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["", "1", KNOWN_RESIDENT_ID[:17], KNOWN_RESIDENT_ID + "0", "110105194912310", "1" * 19],
)
def test_resident_id_of_wrong_length_is_rejected(value):
    assert resident_id_error(value) == ID_LENGTH_ERROR


@given(
    number=resident_ids(), length=st.integers(min_value=0, max_value=40).filter(lambda n: n != 18)
)
def test_resident_id_of_any_other_length_is_rejected(number, length):
    value = (number * 3)[:length]
    assert resident_id_error(value) == ID_LENGTH_ERROR


@pytest.mark.parametrize(
    "value",
    [
        with_id_check("01010519491231002"),  # region must start 1-8
        with_id_check("91010519491231002"),
        "1101051949123100XX",  # X only as the check character
        "11010519491231002A",
        "11010519491231002Y",
        "1101A5194912310021",
        "11010519491231 02X",
        "11010519491231-02X",
    ],
)
def test_malformed_resident_id_is_rejected(value):
    assert resident_id_error(value) == ID_FORMAT_ERROR


@pytest.mark.parametrize(
    "value", ["11010519491231002x", " 11010519491231002x ", "\t11010519491231002X\n"]
)
def test_lowercase_x_and_surrounding_space_are_normalised(value):
    assert normalize_resident_id(value) == KNOWN_RESIDENT_ID
    assert resident_id_error(normalize_resident_id(value)) is None
    assert resident_id_error(value) is None  # the validator normalises by itself as well


@given(number=resident_ids())
def test_normalisation_undoes_case_and_space(number):
    assert normalize_resident_id(f"  {number.lower()}\t") == number


# --- resident ID: birth date -------------------------------------------------------------------


@pytest.mark.parametrize(
    "birth",
    [
        "19990230",
        "19990229",  # 1999 is not a leap year
        "19000229",  # 1900 is not a leap year either (divisible by 100, not by 400)
        "20230431",
        "19991232",
        "19991301",
        "19990001",
        "19990100",
        "20000000",
    ],
)
def test_impossible_birth_date_is_rejected(birth):
    number = with_id_check(f"110105{birth}002")
    assert resident_id_error(number) == ID_NO_SUCH_DATE


@pytest.mark.parametrize("birth", ["19000101", "20000229", "19960229", "19491231"])
def test_edge_birth_dates_are_accepted(birth):
    number = with_id_check(f"110105{birth}002")
    assert resident_id_error(number) is None
    assert birth_date_of(number) == dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))


@pytest.mark.parametrize("birth", ["18991231", "18500615", "10000101"])
def test_birth_before_1900_is_rejected(birth):
    assert resident_id_error(with_id_check(f"110105{birth}002")) == ID_DATE_RANGE


FIXED_TODAY = dt.date(2024, 6, 1)


@given(number=resident_ids(min_birth=FIXED_TODAY + dt.timedelta(days=1), max_birth=dt.date.max))
def test_future_birth_date_is_rejected(number):
    assert resident_id_error(number, today=FIXED_TODAY) == ID_DATE_RANGE


def test_birth_today_is_accepted_and_tomorrow_is_not():
    today = dt.date.today()
    born_today = with_id_check(f"110105{today:%Y%m%d}002")
    born_tomorrow = with_id_check(f"110105{today + dt.timedelta(days=1):%Y%m%d}002")
    assert resident_id_error(born_today) is None
    assert resident_id_error(born_tomorrow) == ID_DATE_RANGE
    assert resident_id_error(born_today, today=today - dt.timedelta(days=1)) == ID_DATE_RANGE


@given(number=resident_ids())
def test_birth_date_of_reads_positions_7_to_14(number):
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    assert birth_date_of(number) == dt.date(year, month, day)


# --- resident ID: masking ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("610326199001011234", "6103**********1234"),
        (KNOWN_RESIDENT_ID, "1101**********002X"),
        ("1234567", "*******"),
        ("", ""),
    ],
)
def test_mask_resident_id(value, masked):
    assert mask_resident_id(value) == masked


@given(number=resident_ids())
def test_mask_hides_the_birth_date_and_keeps_the_ends(number):
    masked = mask_resident_id(number)
    assert len(masked) == 18
    assert masked[:4] == number[:4]
    assert masked[-4:] == number[-4:]
    assert masked[4:14] == "*" * 10


# --- USCC --------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [KNOWN_USCC, "91110000600037341L"])
def test_known_usccs_are_valid(code):
    assert independent_uscc_check_char(code[:17]) == code[17]
    assert uscc_error(code) is None


@given(first17=st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17))
@MANY
def test_uscc_check_char_matches_the_standard(first17):
    assert uscc_check_char(first17) == independent_uscc_check_char(first17)


@pytest.mark.parametrize("first17", ["", "9135010", "I" * 17, "91350100m000100y4"])
def test_uscc_check_char_rejects_bad_input(first17):
    with pytest.raises(ValueError, match="17 个有效字符"):
        uscc_check_char(first17)


@given(code=usccs())
@MANY
def test_generated_usccs_are_valid(code):
    assert uscc_error(code) is None
    assert normalize_uscc(code) == code


@given(code=usccs())
@MANY
def test_every_single_substitution_in_a_uscc_is_detected(code):
    for i, altered in _substitutions(code, USCC_CHARSET):
        error = uscc_error(altered)
        assert error is not None, (i, altered)
        if altered[2:8].isdigit():
            # MOD 31: the weights are powers of 3 modulo the prime 31, none of them 0, and two
            # characters' values differ by less than 31, so the sum always changes.
            assert independent_uscc_check_char(altered[:17]) != altered[17]
            assert error == USCC_CHECKSUM_ERROR, (i, altered)
        else:
            assert error == USCC_FORMAT_ERROR, (i, altered)


@given(code=usccs())
@MANY
def test_every_adjacent_transposition_in_a_uscc_is_detected(code):
    # Not required by the standard, but MOD 31 with weights 3^k catches these too.
    for i, altered in _adjacent_transpositions(code):
        assert uscc_error(altered) is not None, (i, altered)


@pytest.mark.parametrize("letter", list(USCC_FORBIDDEN + USCC_FORBIDDEN.lower()))
@pytest.mark.parametrize("position", [0, 1, 8, 12, 16, 17])
def test_forbidden_uscc_letters_are_rejected_in_chinese(letter, position):
    code = KNOWN_USCC[:position] + letter + KNOWN_USCC[position + 1 :]
    error = uscc_error(code)
    assert error == USCC_FORMAT_ERROR
    assert CJK.search(error)
    assert "不含 I、O、S、V、Z" in error


@given(code=usccs(), position=st.integers(0, 17), letter=st.sampled_from(USCC_FORBIDDEN))
def test_forbidden_letter_anywhere_is_rejected(code, position, letter):
    assert uscc_error(code[:position] + letter + code[position + 1 :]) == USCC_FORMAT_ERROR


@pytest.mark.parametrize(
    "code",
    [
        "91A50100M000100Y43",  # the division code (positions 3-8) must be digits
        "913501Y0M000100Y43",
        "91350100M000100Y4-",
        "91350100M000100 43",
    ],
)
def test_malformed_uscc_is_rejected(code):
    assert uscc_error(code) == USCC_FORMAT_ERROR


@pytest.mark.parametrize("code", ["", KNOWN_USCC[:17], KNOWN_USCC + "3", "9" * 20])
def test_uscc_of_wrong_length_is_rejected(code):
    assert uscc_error(code) == USCC_LENGTH_ERROR


@pytest.mark.parametrize("code", ["91350100m000100y43", f"  {KNOWN_USCC}\n", "91350100m000100Y43"])
def test_uscc_is_normalised(code):
    assert normalize_uscc(code) == KNOWN_USCC
    assert uscc_error(code) is None


def test_uscc_checksum_error():
    wrong = KNOWN_USCC[:17] + ("4" if KNOWN_USCC[17] != "4" else "5")
    assert uscc_error(wrong) == USCC_CHECKSUM_ERROR
    assert uscc_error(with_uscc_check(KNOWN_USCC[:17])) is None


# --- division codes and mobile numbers ---------------------------------------------------------


@pytest.mark.parametrize("value", ["110105001001", "810000000000", "350100000000"])
def test_valid_division_codes(value):
    assert division_code_error(value) is None


@pytest.mark.parametrize(
    "value",
    ["", "010105001001", "910105001001", "11010500100", "1101050010011", "11010500100A", "110105"],
)
def test_invalid_division_codes(value):
    error = division_code_error(value)
    assert error is not None
    assert CJK.search(error)


@pytest.mark.parametrize("value", ["13800138000", "19912345678", " 15000000000 "])
def test_valid_mobile_numbers(value):
    assert mobile_error(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "",
        "12800138000",
        "23800138000",
        "1380013800",
        "138001380000",
        "+8613800138000",
        "1380013800a",
    ],
)
def test_invalid_mobile_numbers(value):
    assert mobile_error(value) == "手机号码应为 11 位数字，以 1 开头"


@pytest.mark.parametrize(
    ("value", "masked"),
    [("13800138000", "138****8000"), ("1380013800", "1380013800"), ("", "")],
)
def test_mask_mobile(value, masked):
    assert mask_mobile(value) == masked


# --- non-ASCII digits and trailing newlines (defects found by these tests, now fixed) -------


def test_resident_id_with_fullwidth_digits_is_rejected():
    # Full-width region, year and sequence digits; the month and day must be ASCII only because
    # strptime's %m/%d patterns happen to use [1-9] rather than \d. The check character is that of
    # the ASCII number, so this passes and then hashes to a different look-up digest.
    number = "1" + "10105".translate(FULLWIDTH_DIGITS) + "1949".translate(FULLWIDTH_DIGITS)
    number += "1231" + "002".translate(FULLWIDTH_DIGITS) + "X"
    assert resident_id_error(number) is not None


def test_uscc_with_fullwidth_division_digits_returns_an_error_message():
    code = "91" + "350100".translate(FULLWIDTH_DIGITS) + "M000100Y43"
    assert uscc_error(code) == USCC_FORMAT_ERROR


@pytest.mark.parametrize(
    ("check", "value"),
    [
        (mobile_error, "13" + "800138000".translate(FULLWIDTH_DIGITS)),
        (division_code_error, "11" + "0105001001".translate(FULLWIDTH_DIGITS)),
    ],
)
def test_fullwidth_digits_are_rejected(check, value):
    assert check(value) is not None


def test_division_code_with_trailing_newline_is_rejected():
    assert division_code_error("110105001001\n") is not None
