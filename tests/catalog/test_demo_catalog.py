"""The demo catalog loads through the real workflow, passes every quality rule, and is
found by the searches a citizen would type."""

from __future__ import annotations

import pytest
from django.db import transaction

from onewindow import demo
from onewindow.catalog import selectors
from onewindow.catalog.demo_data import ITEMS
from onewindow.catalog.models import Item, ItemHall, ItemVersion, VersionStatus


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo.load_all()
        transaction.set_rollback(True)


@pytest.fixture
def demo_catalog(full_demo, db):
    return full_demo


def test_every_demo_item_is_published_and_passes_quality(demo_catalog):
    assert len(ITEMS) >= 60
    assert ItemVersion.objects.filter(status=VersionStatus.PUBLISHED).count() == len(ITEMS)
    report = selectors.quality_report()
    assert [f for row in report for f in row["failing"]] == []
    levels = set(ItemVersion.objects.values_list("level", flat=True))
    assert levels == {4, 5, 6}


def test_three_level_acceptance(demo_catalog):
    town_modes = set(
        ItemHall.objects.filter(hall__kind="town_center").values_list("mode", flat=True)
    )
    assert {"delegated", "direct"} <= town_modes
    village = ItemVersion.objects.filter(level=6).first()
    assert ItemHall.objects.filter(item=village.item, hall__kind="village_station").exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("生孩子", "出生"),
        ("开饭店", "食品经营许可"),
        ("营业执照", "登记"),
        ("办社保卡", "社会保障卡"),
        ("残疾证", "残疾人证"),
        ("退休手续", "退休"),
    ],
)
def test_colloquial_queries_find_the_right_items(demo_catalog, query, expected):
    result = selectors.find_items(q=query, limit=5)
    assert result.versions, query
    assert any(expected in v.name for v in result.versions[:3]), [v.name for v in result.versions]


def test_loading_again_changes_nothing(demo_catalog):
    before = (Item.objects.count(), ItemVersion.objects.count())
    assert demo.load_all().created == 0
    assert (Item.objects.count(), ItemVersion.objects.count()) == before
