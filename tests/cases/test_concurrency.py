"""Concurrency on PostgreSQL (issue 4, "bad input and concurrency"): real threads, each with
its own database connection, against committed data (`transaction=True`; the tables are
flushed afterwards). SQLite serialises writers with BEGIN IMMEDIATE and is not tested here.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.db import connection

from onewindow import demo
from onewindow.cases import numbering, services
from onewindow.cases.models import Case, CaseState, CaseStep
from onewindow.catalog import services as catalog
from onewindow.catalog.models import DataElement, MaterialType, Theme
from onewindow.catalog.reference import ensure_special_procedure_kinds
from onewindow.core import audit
from onewindow.core.errors import Conflict
from onewindow.identity import services as identity
from onewindow.identity.models import Enterprise, User
from tests.catalog.conftest import content

from .conftest import FORM, at

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks under real concurrency: PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]


def together(count: int, work: Callable[[int], Any]) -> list[tuple[str, Any]]:
    """Run `work(i)` in `count` threads released at once; ("ok", result) or ("error", exc)."""
    barrier = threading.Barrier(count)
    results: list[tuple[str, Any]] = [("missing", None)] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = ("ok", work(i))
        except Exception as exc:  # reported to the test below
            results[i] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return results


@pytest.fixture
def committed():
    """The county, a published 承诺件 at the county hall, a second window clerk; committed."""
    with time_machine.travel(at(2026, 1, 5, 9), tick=False):
        objects = demo.load_all(upto="onewindow.identity.demo").objects
        ensure_special_procedure_kinds()
        Theme.objects.create(code="open_restaurant", name="开办餐饮店", audience="enterprise")
        for name, source in [
            ("食品经营许可申请书", "applicant"),
            ("营业执照", "licence"),
            ("食品安全管理制度文本", "applicant"),
        ]:
            MaterialType.objects.create(name=name, source=source)
        for key, label, kind in [
            ("enterprise.name", "企业名称", "text"),
            ("enterprise.uscc", "统一社会信用代码", "uscc"),
            ("business.address", "经营场所", "text"),
            ("food.category", "经营项目", "select"),
        ]:
            DataElement.objects.create(key=key, label=label, type=kind)
        department = objects["departments"]["县市场监管局"]
        version = catalog.item_create(
            actor=None, department_id=department.pk, basic_code="000103001000", content=content()
        )
        for step in (catalog.version_submit, catalog.version_approve, catalog.version_publish):
            step(actor=None, version_id=version.pk)
        hall = objects["halls"]["county"]
        catalog.item_set_halls(actor=None, item_id=version.item_id, halls=[(hall.pk, "direct")])
        second_clerk = identity.staff_create(
            actor=None,
            username="chuangkou2",
            name="李娜",
            password="Abcdef#2026",
            department_id=objects["departments"]["县行政审批局"].pk,
            hall_id=hall.pk,
            roles=["window_clerk"],
        )
    version.refresh_from_db()
    return {
        "version": version,
        "clerks": [User.objects.get(username="chuangkou"), second_clerk],
        "agent": User.objects.get(username="qiye"),
        "enterprise": Enterprise.objects.get(uscc=FORM["enterprise.uscc"]),
    }


def test_twenty_threads_get_distinct_serials(db):
    day = dt.date(2026, 3, 2)
    # A new prefix: every thread races to insert the counter row; all but one fall back.
    first = together(20, lambda i: numbering.case_number("CODE", day))
    # An existing prefix: every thread queues on the row lock.
    second = together(20, lambda i: numbering.case_number("CODE", day))
    for results in (first, second):
        assert all(status == "ok" for status, _ in results), results
    serials = sorted(int(number[len("CODE20260302") :]) for _s, number in first + second)
    assert serials == list(range(1, 41))


def test_threads_reserving_blocks_get_disjoint_serials(db):
    # Blocks of 1 to 8 values on a new prefix: every thread races to insert the counter row.
    results = together(8, lambda i: list(numbering.next_values("BLOCK", i + 1)))
    assert all(status == "ok" for status, _ in results), results
    serials = sorted(v for _s, block in results for v in block)
    assert serials == list(range(1, 37))
    for _s, block in results:
        assert block == list(range(block[0], block[0] + len(block)))


def test_concurrent_supervision_batches_open_each_order_once(db):
    """Four sweeps open the same backlog at once: each subject gets one open order, none of
    the batches fails, and the audit chain holds."""
    from django.contrib.contenttypes.models import ContentType

    from onewindow.cases import supervision
    from onewindow.cases.models import SupervisionOrder

    with time_machine.travel(at(2026, 1, 5, 9), tick=False):
        objects = demo.load_all(upto="onewindow.org.demo").objects
    department = objects["departments"]["县市场监管局"]
    kind = ContentType.objects.get_for_model(Case)
    rows = [
        supervision.AutomaticOrder(
            subject_id=1000 + i,
            label=f"办件 {i}",
            department_id=department.pk,
            reason="办件超过承诺办结时限",
            responsible_id=None,
            due_on=dt.date(2026, 3, 9),
        )
        for i in range(40)
    ]

    def sweep(i: int) -> int:
        # Each sweep sees the backlog in another order.
        mine = rows[i * 10 :] + rows[: i * 10]
        with time_machine.travel(at(2026, 3, 11, 9), tick=False):
            return len(
                supervision.open_automatic_orders(
                    mine,
                    subject_type=kind,
                    today=dt.date(2026, 3, 11),
                    reply_due=dt.date(2026, 3, 16),
                )
            )

    results = together(4, sweep)
    assert all(status == "ok" for status, _ in results), results
    assert sum(opened for _s, opened in results) == 40
    subjects = list(SupervisionOrder.objects.values_list("subject_id", flat=True))
    assert sorted(subjects) == [row.subject_id for row in rows]
    assert audit.verify().ok


def test_concurrent_submissions_get_distinct_numbers(committed):
    with time_machine.travel(at(2026, 3, 2, 10), tick=False):
        results = together(
            8,
            lambda i: (
                services.apply(
                    actor=User.objects.get(pk=committed["agent"].pk),
                    item_id=committed["version"].item_id,
                    channel="pc",
                    enterprise_id=committed["enterprise"].pk,
                    form_data=FORM,
                ).number
            ),
        )
    assert all(status == "ok" for status, _ in results), results
    numbers = sorted(number for _s, number in results)
    code = committed["version"].item.implementation_code
    assert numbers == [f"{code}20260302{n:04d}" for n in range(1, 9)]
    assert audit.verify().ok


def test_two_clerks_accepting_at_once(committed):
    with time_machine.travel(at(2026, 3, 2, 10), tick=False):
        case = services.apply(
            actor=committed["agent"],
            item_id=committed["version"].item_id,
            channel="pc",
            enterprise_id=committed["enterprise"].pk,
            form_data=FORM,
        )
        clerks = committed["clerks"]
        results = together(
            2,
            lambda i: (
                services.accept(actor=User.objects.get(pk=clerks[i].pk), case_id=case.pk).state
            ),
        )
    outcomes = sorted(status for status, _ in results)
    assert outcomes == ["error", "ok"], results
    (error,) = [value for status, value in results if status == "error"]
    assert isinstance(error, Conflict)
    assert "已受理" in error.message
    case = Case.objects.get(pk=case.pk)
    assert case.state == CaseState.ACCEPTED
    assert CaseStep.objects.filter(case=case, action="accept").count() == 1
    assert case.notices.filter(kind="acceptance").count() == 1
    assert audit.verify().ok
