"""The typed environment reader: good values parse, bad ones name the variable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onewindow.config.env import ConfigError, Env

NAME = "ONEWINDOW_SETTING"
KEY_HEX = "00112233445566778899aabbccddeeff"


def _env(value: str) -> Env:
    return Env({NAME: value})


def _raises_config_error(value: str):
    """ConfigError whose message names the variable and quotes the bad value."""
    return pytest.raises(ConfigError, match=re.escape(f"{NAME}={value!r}"))


# --- bool ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("yes", True),
        ("on", True),
        (" On ", True),
        ("0", False),
        ("false", False),
        ("FALSE", False),
        ("no", False),
        ("off", False),
        ("", False),
        ("  ", False),
    ],
)
def test_bool_good_values(raw, expected):
    assert _env(raw).bool(NAME, default=not expected) is expected


@pytest.mark.parametrize(
    "raw", ["2", "-1", "maybe", "tru", "y", "n", "t", "f", "yes please", "1.0"]
)
def test_bool_bad_values(raw):
    with _raises_config_error(raw):
        _env(raw).bool(NAME)


_BOOL_WORDS = {"1", "true", "yes", "on", "0", "false", "no", "off", ""}


@given(raw=st.text(max_size=10).filter(lambda s: s.strip().lower() not in _BOOL_WORDS))
def test_bool_rejects_everything_else(raw):
    with pytest.raises(ConfigError, match=NAME):
        _env(raw).bool(NAME)


@pytest.mark.parametrize("default", [True, False])
def test_bool_default_when_unset(default):
    assert Env({}).bool(NAME, default=default) is default


# --- int -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"), [("0", 0), ("42", 42), (" 7 ", 7), ("-3", -3), ("+5", 5), ("0010", 10)]
)
def test_int_good_values(raw, expected):
    assert _env(raw).int(NAME, default=99) == expected


@given(value=st.integers())
def test_int_round_trip(value):
    assert _env(str(value)).int(NAME, default=0) == value


@pytest.mark.parametrize("raw", ["", " ", "abc", "4.2", "1e3", "0x10", "12abc", "--1", "1 2"])
def test_int_bad_values(raw):
    with _raises_config_error(raw):
        _env(raw).int(NAME, default=0)


@pytest.mark.parametrize(("raw", "minimum"), [("0", 1), ("-1", 0), ("9", 10)])
def test_int_below_minimum(raw, minimum):
    with _raises_config_error(raw) as info:
        _env(raw).int(NAME, default=minimum, minimum=minimum)
    assert f"must be at least {minimum}" in str(info.value)


@pytest.mark.parametrize(("raw", "minimum"), [("1", 1), ("10", 0), ("-5", -5)])
def test_int_at_or_above_minimum(raw, minimum):
    assert _env(raw).int(NAME, default=minimum, minimum=minimum) == int(raw)


def test_int_default_when_unset():
    assert Env({}).int(NAME, default=8, minimum=1) == 8


# --- list ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a", ["a"]),
        ("a,b,c", ["a", "b", "c"]),
        (" a , b ,, c ,", ["a", "b", "c"]),
        ("example.gov.cn,localhost", ["example.gov.cn", "localhost"]),
        ("", []),
        (" , ,", []),
    ],
)
def test_list_values(raw, expected):
    assert _env(raw).list(NAME, default=["default"]) == expected


def test_list_default_when_unset():
    assert Env({}).list(NAME, default=["x"]) == ["x"]


@given(items=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz.-_0123456789", min_size=1)))
def test_list_round_trip(items):
    # Any string is a valid list, so there is no bad value to reject.
    assert _env(", ".join(items)).list(NAME, default=[]) == items


# --- choice --------------------------------------------------------------------------------------

CHOICES = ("dev", "test", "prod")


@pytest.mark.parametrize(
    ("raw", "expected"), [("dev", "dev"), ("prod", "prod"), (" test ", "test")]
)
def test_choice_good_values(raw, expected):
    assert _env(raw).choice(NAME, "dev", CHOICES) == expected


@pytest.mark.parametrize("raw", ["", "Prod", "PROD", "production", "dev,prod", "d"])
def test_choice_bad_values(raw):
    with _raises_config_error(raw) as info:
        _env(raw).choice(NAME, "dev", CHOICES)
    assert "dev, test, prod" in str(info.value)


def test_choice_default_when_unset():
    assert Env({}).choice(NAME, "test", CHOICES) == "test"


# --- hex_key -------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [KEY_HEX, KEY_HEX.upper(), f"  {KEY_HEX}\n"])
def test_hex_key_good_values(raw):
    assert _env(raw).hex_key(NAME, "", nbytes=16) == bytes.fromhex(KEY_HEX)


@given(key=st.binary(min_size=32, max_size=32))
def test_hex_key_round_trip(key):
    assert _env(key.hex()).hex_key(NAME, "", nbytes=32) == key


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "0",  # odd length
        KEY_HEX[:-1],
        KEY_HEX[:-2],  # one byte short
        KEY_HEX + "00",  # one byte long
        KEY_HEX[:-2] + "zz",  # not hexadecimal
        "g" * 32,
        KEY_HEX * 2,
    ],
)
def test_hex_key_bad_values(raw):
    with _raises_config_error(raw):
        _env(raw).hex_key(NAME, "", nbytes=16)


def test_hex_key_wrong_length_message_says_how_many_characters():
    with pytest.raises(ConfigError, match="expected 32 hexadecimal characters"):
        _env("00").hex_key(NAME, "", nbytes=16)


def test_hex_key_default_when_unset():
    assert Env({}).hex_key(NAME, KEY_HEX, nbytes=16) == bytes.fromhex(KEY_HEX)


# --- str, path and the error itself -------------------------------------------------------------


def test_str_is_stripped_and_defaults():
    assert _env("  value ").str(NAME) == "value"
    assert Env({}).str(NAME) == ""
    assert Env({}).str(NAME, "fallback") == "fallback"


def test_path_is_absolute_and_user_expanded(tmp_path):
    assert _env(str(tmp_path / "a" / ".." / "b")).path(NAME, Path("/x")) == tmp_path.resolve() / "b"
    assert _env("~/data").path(NAME, Path("/x")) == (Path.home() / "data").resolve()
    assert Env({}).path(NAME, Path("/x")) == Path("/x")


def test_config_error_chains_the_parse_error():
    with pytest.raises(ConfigError) as info:
        _env("nope").int(NAME, default=0)
    assert isinstance(info.value.__cause__, ValueError)
    assert str(info.value).startswith(f"环境变量 {NAME}=")


def test_other_variables_are_ignored():
    env = Env({"SOMETHING_ELSE": "not a number"})
    assert env.int(NAME, default=3) == 3


def test_reads_os_environ_by_default(monkeypatch):
    monkeypatch.setenv(NAME, "17")
    assert Env().int(NAME, default=0) == 17
    monkeypatch.delenv(NAME)
    assert Env().int(NAME, default=0) == 0
