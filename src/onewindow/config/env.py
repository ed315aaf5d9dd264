"""The one place settings are read from the environment.

Every value is parsed and checked when the settings module is imported, so a bad
value stops the process at start-up with a message naming the variable, instead of
failing later in a request.
"""

from __future__ import annotations

import builtins
import datetime
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A setting in the environment has a value the platform cannot use."""


class Env:
    """Typed accessors over a mapping of environment variables."""

    def __init__(self, environ: Mapping[builtins.str, builtins.str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def _get(self, name: builtins.str, default: T, parse: Callable[[builtins.str], T]) -> T:
        raw = self.environ.get(name)
        if raw is None:
            return default
        try:
            return parse(raw.strip())
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"环境变量 {name}={raw!r} 无效: {exc}") from exc

    def str(self, name: builtins.str, default: builtins.str = "") -> builtins.str:
        return self._get(name, default, lambda s: s)

    def bool(self, name: builtins.str, default: builtins.bool = False) -> builtins.bool:
        def parse(s: builtins.str) -> builtins.bool:
            low = s.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueError("expected one of 1/0, true/false, yes/no, on/off")

        return self._get(name, default, parse)

    def int(
        self, name: builtins.str, default: builtins.int, *, minimum: builtins.int | None = None
    ) -> builtins.int:
        def parse(s: builtins.str) -> builtins.int:
            value = int(s)
            if minimum is not None and value < minimum:
                raise ValueError(f"must be at least {minimum}")
            return value

        return self._get(name, default, parse)

    def list(
        self, name: builtins.str, default: builtins.list[builtins.str]
    ) -> builtins.list[builtins.str]:
        return self._get(name, default, lambda s: [p.strip() for p in s.split(",") if p.strip()])

    def choice(
        self, name: builtins.str, default: builtins.str, choices: tuple[builtins.str, ...]
    ) -> builtins.str:
        def parse(s: builtins.str) -> builtins.str:
            if s not in choices:
                raise ValueError(f"expected one of {', '.join(choices)}")
            return s

        return self._get(name, default, parse)

    def path(self, name: builtins.str, default: Path) -> Path:
        return self._get(name, default, lambda s: Path(s).expanduser().resolve())

    def time(self, name: builtins.str, default: builtins.str) -> datetime.time:
        return self._get(name, datetime.time.fromisoformat(default), datetime.time.fromisoformat)

    def hex_key(self, name: builtins.str, default: builtins.str, *, nbytes: builtins.int) -> bytes:
        def parse(s: builtins.str) -> bytes:
            key = bytes.fromhex(s)
            if len(key) != nbytes:
                raise ValueError(f"expected {nbytes * 2} hexadecimal characters")
            return key

        return self._get(name, bytes.fromhex(default), parse)
