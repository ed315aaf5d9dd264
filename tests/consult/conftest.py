"""Fixtures for the consultation tests: the platform's clock frozen on a Monday with no
holiday near, `log(...)` to log a consultation, and staff beyond the demo accounts (a clerk
at a town centre, an approver at another department)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from onewindow.consult import services
from onewindow.core.permissions import Role
from onewindow.identity import services as identity_services

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args: int) -> dt.datetime:
    """A Beijing-time moment: at(2026, 3, 2, 10) is 10:00 on Monday 2 March 2026."""
    return dt.datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


# Monday; no holiday until 4 April, so two working days after it end on Wednesday 4 March.
MONDAY = at(2026, 3, 2, 10)
PHONE = "13991765501"


@pytest.fixture(autouse=True)
def _monday():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture
def travel():
    """`with travel(at(2026, 3, 5, 9)): ...` moves the frozen clock."""

    def go(moment: dt.datetime) -> Any:
        return time_machine.travel(moment, tick=False)

    return go


@pytest.fixture
def departments(county):
    return county["departments"]


@pytest.fixture
def county_hall(county):
    return county["halls"]["county"]


@pytest.fixture
def log(users):
    """`log(outcome="answered", actor="chuangkou", **kwargs)`: a consultation logged through
    the service with plausible defaults."""

    def make(outcome: str = "answered", *, actor: Any = "chuangkou", **kwargs: Any):
        if isinstance(actor, str):
            actor = users[actor]
        defaults: dict[str, Any] = {
            "asker_name": "王先生",
            "question": "办理食品经营许可需要哪些材料？",
            "asker_phone": PHONE,
        }
        if outcome == "answered":
            defaults["answer"] = "营业执照、场所平面图、管理制度，五个工作日办结。"
        return services.consultation_log(actor=actor, outcome=outcome, **{**defaults, **kwargs})

    return make


@pytest.fixture
def referred(log, departments):
    """A consultation `chuangkou` referred to 县市场监管局 (where `shenpi` and `bumen` work)."""
    return log("referred", to_department_id=departments["县市场监管局"].pk, note="请答复")


@pytest.fixture
def town_clerk(county, departments):
    """A window clerk at the 横渠镇 town centre."""
    return identity_services.staff_create(
        actor=None,
        username="hengqu",
        name="横渠窗口",
        password="Demo#2026",
        department_id=departments["横渠镇"].pk,
        hall_id=county["halls"]["横渠镇"].pk,
        roles=[Role.WINDOW_CLERK],
    )


@pytest.fixture
def labour_approver(departments):
    """An approver at 县人社局 (another department than `shenpi`'s)."""
    return identity_services.staff_create(
        actor=None,
        username="renshe_shenpi",
        name="人社审批",
        password="Demo#2026",
        department_id=departments["县人社局"].pk,
        roles=[Role.APPROVER],
    )
