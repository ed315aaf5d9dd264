"""System packages some tests need (Chromium, a CJK font): skip without them on a
developer's machine, but fail under `.ci/run`, which installs them and sets
ONEWINDOW_REQUIRE_SYSTEM_DEPS=1 so those tests are never skipped silently there."""

from __future__ import annotations

import os

import pytest


def require(present: bool, why: str) -> None:
    if present:
        return
    if os.environ.get("ONEWINDOW_REQUIRE_SYSTEM_DEPS") == "1":
        pytest.fail(f"{why} (ONEWINDOW_REQUIRE_SYSTEM_DEPS=1: CI must not skip this test)")
    pytest.skip(why)
