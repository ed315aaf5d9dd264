"""Concurrency-safe serials (case numbers, notice numbers, supervision orders).

A counter row per prefix is incremented with `UPDATE … SET value = value + n` (1, or a block
of n for a batch) and read back; the row lock this takes (PostgreSQL) or the write lock of
the transaction (SQLite, BEGIN IMMEDIATE) makes concurrent callers queue, so each gets its
own values. The first caller of a new prefix inserts the row; a concurrent second insert
fails on the unique prefix and falls back to the update.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from .models import CaseCounter


def next_value(prefix: str) -> int:
    return next_values(prefix, 1)[0]


def next_values(prefix: str, count: int) -> range:
    """Reserve `count` consecutive values of the serial with one update; returns them in
    order. Concurrent callers get disjoint blocks."""
    if count < 1:
        raise ValueError("count must be at least 1")
    table = connection.ops.quote_name(CaseCounter._meta.db_table)
    # One statement: increment and read back (RETURNING: PostgreSQL, SQLite >= 3.35).
    with connection.cursor() as cursor:
        cursor.execute(
            # The table name is the model's, quoted; the values are parameters.
            f"UPDATE {table} SET value = value + %s WHERE prefix = %s RETURNING value",  # noqa: S608
            [count, prefix],
        )
        row = cursor.fetchone()
    if row is not None:
        return range(row[0] - count + 1, row[0] + 1)
    with transaction.atomic():
        try:
            with transaction.atomic():
                CaseCounter.objects.create(prefix=prefix, value=count)
                return range(1, count + 1)
        except IntegrityError:  # another caller created it first
            CaseCounter.objects.filter(prefix=prefix).update(value=F("value") + count)
        last = CaseCounter.objects.filter(prefix=prefix).values_list("value", flat=True).get()
        return range(last - count + 1, last + 1)


def case_number(implementation_code: str, day: dt.date) -> str:
    """Implementation code (31) + yyyyMMdd + daily serial of at least 4 digits (a 10,000th
    case of one item on one day gets 5 digits rather than failing)."""
    prefix = f"{implementation_code}{day:%Y%m%d}"
    return f"{prefix}{next_value(prefix):04d}"
