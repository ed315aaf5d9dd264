"""Fixtures for bundle tests: the demo county with its catalog and the 27 published bundles
(loaded once per module and rolled back), and helpers to work a member case."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from onewindow import demo
from onewindow.bundles import demo as bundle_demo

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def _bundles_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = demo.load_all(upto="onewindow.catalog.demo")
        bundle_demo.load_definitions(ctx)
        yield ctx.objects
        transaction.set_rollback(True)


@pytest.fixture
def county(_bundles_once, db):
    return _bundles_once


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


NEWBORN_FORM: dict[str, Any] = {
    "child.name": "张小宝",
    "child.gender": "男",
    "child.birth_date": "2026-11-30",
    "child.birth_place": "眉县人民医院",
    "mother.name": "李芳",
    "father.name": "张三",
    "applicant.phone": "13800000001",
}
