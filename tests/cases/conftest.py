"""Fixtures for case tests: a published 承诺件 and 即办件 accepted at the county hall, an
applicant, and `travel(...)` to move the clock."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from onewindow.catalog import services as catalog
from onewindow.catalog.models import SpecialProcedureKind
from onewindow.catalog.reference import ensure_special_procedure_kinds
from onewindow.core.validators import uscc_check_char
from onewindow.identity.demo import ENTERPRISE_USCC_17
from tests.catalog.conftest import content, make_item, reference  # noqa: F401  (fixtures)

SHANGHAI = ZoneInfo("Asia/Shanghai")

FORM = {
    "enterprise.name": "陕西眉香猕猴桃有限公司",
    "enterprise.uscc": ENTERPRISE_USCC_17 + uscc_check_char(ENTERPRISE_USCC_17),
    "business.address": "眉县首善街道平阳街 18 号",
}


def at(*args: int) -> dt.datetime:
    """A Beijing-time moment: at(2026, 2, 12, 10) is 10:00 on 12 February 2026."""
    return dt.datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


@pytest.fixture
def travel():
    """`with travel(at(2026, 2, 12, 10)): ...` freezes the platform's clock there."""

    def go(moment: dt.datetime) -> Any:
        return time_machine.travel(moment, tick=False)

    return go


@pytest.fixture
def published(make_item, county):  # noqa: F811
    """A 承诺件 (food business licence: 受理 at the hall, 审查 and 决定 by 县市场监管局,
    promised 5 and statutory 20 working days), accepted at the county hall."""
    ensure_special_procedure_kinds()
    with time_machine.travel(at(2026, 1, 5, 9), tick=False):
        version = make_item(
            "000103001000",
            special_procedures=[
                {"kind": "专家评审", "max_days": 15},
                {"kind": "现场勘验", "max_days": 5},
            ],
        )
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    return version


@pytest.fixture
def immediate(make_item, county):  # noqa: F811
    """A 即办件 accepted at the county hall."""
    with time_machine.travel(at(2026, 1, 5, 9), tick=False):
        version = make_item(
            "000103002000",
            name="食品经营许可证补办",
            handling_type=1,
            statutory_limit=0,
            promised_limit=0,
            process=[
                {"name": "受理", "department": "县行政审批局", "role": "window_clerk"},
                {"name": "办结", "department": "县行政审批局", "role": "window_clerk"},
            ],
        )
        catalog.item_set_halls(
            actor=None, item_id=version.item_id, halls=[(county["halls"]["county"].pk, "direct")]
        )
    return version


@pytest.fixture
def enterprise_agent(users):
    """The demo enterprise's legal representative, an authorised agent (login `qiye`)."""
    return users["qiye"]


@pytest.fixture
def enterprise(county):
    from onewindow.identity.models import Enterprise

    return Enterprise.objects.get(uscc=FORM["enterprise.uscc"])


@pytest.fixture
def expert_review(db):
    ensure_special_procedure_kinds()
    return SpecialProcedureKind.objects.get(name="专家评审")
