"""Case numbers (issue 4 item 6): implementation code + yyyyMMdd + a daily serial of at least
4 digits, per implementation code and day. The concurrent cases are in test_concurrency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from onewindow.cases import numbering, services
from onewindow.cases.models import Case, CaseCounter
from onewindow.catalog import services as catalog

from .conftest import at
from .test_services import START, applied

D = dt.date


def test_serials_count_per_prefix(db):
    code = "11610326MB0000007800010300100000"[:31]
    assert numbering.case_number(code, D(2026, 3, 2)) == f"{code}202603020001"
    assert numbering.case_number(code, D(2026, 3, 2)) == f"{code}202603020002"
    assert numbering.case_number(code, D(2026, 3, 3)) == f"{code}202603030001"
    other = code[:-1] + "9"
    assert numbering.case_number(other, D(2026, 3, 2)) == f"{other}202603020001"
    assert numbering.next_value("notice:1:acceptance:2026") == 1
    assert CaseCounter.objects.get(prefix=f"{code}20260302").value == 2


def test_five_digits_past_9999(db):
    CaseCounter.objects.create(prefix="X20260302", value=9998)
    assert numbering.case_number("X", D(2026, 3, 2)) == "X202603029999"
    assert numbering.case_number("X", D(2026, 3, 2)) == "X2026030210000"
    assert numbering.case_number("X", D(2026, 3, 2)) == "X2026030210001"


def test_blocks_of_serials(db):
    assert numbering.next_values("block", 3) == range(1, 4)  # the first use inserts the row
    assert numbering.next_value("block") == 4
    assert list(numbering.next_values("block", 500)) == list(range(5, 505))
    assert numbering.next_value("block") == 505
    assert CaseCounter.objects.get(prefix="block").value == 505
    with pytest.raises(ValueError, match="count"):
        numbering.next_values("block", 0)
    assert CaseCounter.objects.get(prefix="block").value == 505


def test_a_serial_rolls_back_with_its_transaction(db):
    def numbered_then_failed() -> None:
        with transaction.atomic():
            numbering.next_value("rollback")
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        numbered_then_failed()
    assert numbering.next_value("rollback") == 1


def test_case_numbers_per_item_and_day(published, make_item, county, users, enterprise, travel):
    with travel(at(2026, 1, 5, 9)):
        second_item = make_item("000103011000")
        catalog.item_set_halls(
            actor=None,
            item_id=second_item.item_id,
            halls=[(county["halls"]["county"].pk, "direct")],
        )
    code, code2 = published.item.implementation_code, second_item.item.implementation_code
    assert len(code) == 31
    with travel(START):
        a = applied(published, users, enterprise)
        b = applied(published, users, enterprise)
        c = applied(second_item, users, enterprise)
        draft = services.case_create(
            actor=users["qiye"],
            item_id=published.item_id,
            channel="pc",
            enterprise_id=enterprise.pk,
        )
    # After office hours the number still carries the day it was submitted.
    with travel(at(2026, 3, 2, 22)):
        d = applied(published, users, enterprise)
    with travel(at(2026, 3, 3, 8)):
        e = applied(published, users, enterprise)
    assert [x.number for x in (a, b, c, d, e)] == [
        f"{code}202603020001",
        f"{code}202603020002",
        f"{code2}202603020001",
        f"{code}202603020003",
        f"{code}202603030001",
    ]
    assert d.received_on == D(2026, 3, 3)
    assert draft.number is None
    assert Case.objects.get(pk=draft.pk).number is None


def test_case_number_past_9999(published, users, enterprise, travel):
    code = published.item.implementation_code
    CaseCounter.objects.create(prefix=f"{code}20260302", value=9999)
    with travel(START):
        case = applied(published, users, enterprise)
    assert case.number == f"{code}2026030210000"
    assert len(case.number) == 44


def test_numbers_are_unique_in_the_database(published, users, enterprise, travel):
    with travel(START):
        case = applied(published, users, enterprise)
        other = applied(published, users, enterprise)
    other.number = case.number
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save(update_fields=["number"])
