"""Fixtures for 帮办代办: 郑丽 (`bangban`) on the roster of the county centre kept by 陈静
(`dating`), a published item accepted there (`published`, from the case tests), consents
given through the services, and `travel(...)` to a day the calendar covers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.assist import services
from onewindow.assist.models import Consent, HelperProfile
from tests.cases.conftest import (  # noqa: F401  (fixtures)
    FORM,
    at,
    enterprise,
    immediate,
    published,
    travel,
)
from tests.catalog.conftest import content, make_item, reference  # noqa: F401  (fixtures)

NOW = at(2026, 3, 2, 10)  # Monday 2 March 2026
TODAY = NOW.date()
PDF = b"%PDF-1.4\n% onewindow test consent form\n"


def pdf(name: str = "授权委托书.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/pdf")


@pytest.fixture
def clock(travel):  # noqa: F811
    """Freeze the platform's clock at NOW for the whole test."""
    with travel(NOW):
        yield NOW


@pytest.fixture
def helper(users, clock) -> Any:
    """郑丽, on the roster of the county centre."""
    user = users["bangban"]
    services.helper_create(
        actor=users["dating"], user_id=user.pk, phone="0917-5512366", tags=["企业开办"]
    )
    return user


@pytest.fixture
def profile(helper) -> HelperProfile:
    return HelperProfile.objects.get(user=helper)


@pytest.fixture
def give(helper, users):
    """`give(...)`: a consent to 郑丽. By default 张三's online consent to all items for 30
    days; `method="written"` is recorded by 郑丽 with a scanned form."""

    def make(
        *,
        actor: Any = None,
        method: str = Consent.Method.ONLINE,
        scope: str = Consent.Scope.ALL,
        days: int = 30,
        **kwargs: Any,
    ) -> Consent:
        if "enterprise_id" not in kwargs:
            kwargs.setdefault("applicant_id", users["zhangsan"].pk)
        if actor is None:
            actor = (
                users["bangban"]
                if method != Consent.Method.ONLINE
                else users["qiye"]
                if "enterprise_id" in kwargs
                else users["zhangsan"]
            )
        if method == Consent.Method.WRITTEN:
            kwargs.setdefault("document", pdf())
        if method == Consent.Method.PHONE:
            kwargs.setdefault("recording_ref", "LY-20260302-0001")
        return services.consent_create(
            actor=actor,
            helper_id=helper.pk,
            method=method,
            scope=scope,
            valid_until=TODAY + dt.timedelta(days=days),
            **kwargs,
        )

    return make


@pytest.fixture
def staff_user(county):
    """`staff_user(username, roles, hall="county")`: another staff member."""
    from onewindow.identity import services as identity

    def make(
        username: str,
        roles: list[str],
        *,
        hall: str | None = "county",
        department: str = "县行政审批局",
    ):
        return identity.staff_create(
            actor=None,
            username=username,
            name="测试" + username,
            password="Abcdef#2026",
            department_id=county["departments"][department].pk,
            hall_id=county["halls"][hall].pk if hall else None,
            roles=roles,
        )

    return make


def apply_for(helper, published, **who: Any):  # noqa: F811
    """A draft 郑丽 fills in at the window for someone."""
    from onewindow.cases import services as cases

    return cases.case_create(
        actor=helper, item_id=published.item_id, channel="window", form_data=FORM, **who
    )
