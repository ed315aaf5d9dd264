from __future__ import annotations

import json

import pytest
from django.test import Client

from onewindow.catalog import formschema
from onewindow.catalog.models import DataElement


@pytest.fixture
def version(make_item):
    DataElement.objects.filter(key="food.category").update(options=["热食类", "冷食类"])
    DataElement.objects.create(
        key="business.staff", label="从业人数", type="number", min_value=1, max_value=500
    )
    DataElement.objects.create(key="business.open_date", label="开业日期", type="date")
    return make_item(
        fields=[
            {"key": "enterprise.name"},
            {"key": "enterprise.uscc"},
            {"key": "food.category", "required": False},
            {"key": "business.staff"},
            {"key": "business.open_date", "required": False},
            {"key": "applicant.id_number"},
        ]
    )


def test_valid_form_is_cleaned(version):
    values, errors = formschema.validate(
        version,
        {
            "enterprise.name": " 眉县小厨餐饮有限公司 ",
            "enterprise.uscc": "91350100m000100y43",
            "food.category": "热食类",
            "business.staff": "12",
            "business.open_date": "2026-12-01",
            "applicant.id_number": "11010519491231002x",
        },
    )
    assert errors == {}
    assert values == {
        "enterprise.name": "眉县小厨餐饮有限公司",
        "enterprise.uscc": "91350100M000100Y43",
        "food.category": "热食类",
        "business.staff": 12,
        "business.open_date": "2026-12-01",
        "applicant.id_number": "11010519491231002X",
    }


def test_every_bad_value_is_named(version):
    _, errors = formschema.validate(
        version,
        {
            "enterprise.uscc": "91350100M000100Y44",
            "food.category": "火锅",
            "business.staff": "0",
            "business.open_date": "2026-13-01",
            "applicant.id_number": "110105194912310021",
            "colour": "red",
        },
    )
    assert errors == {
        "enterprise.name": "企业名称：必填",
        "enterprise.uscc": "统一社会信用代码：统一社会信用代码校验位不正确，请核对代码",
        "food.category": "经营项目：应为以下之一：热食类、冷食类",
        "business.staff": "从业人数：不能小于 1",
        "business.open_date": "开业日期：应为日期，如 2026-12-31",
        "applicant.id_number": "身份证号码：居民身份证号码校验位不正确，请核对号码",
        "colour": "该表单没有这一项",
    }


def test_form_check_api(version):
    url = f"/api/v1/catalog/items/{version.item.implementation_code}/form-check"
    body = (
        Client()
        .post(url, data=json.dumps({"business.staff": "x"}), content_type="application/json")
        .json()
    )
    assert body["valid"] is False
    assert body["errors"]["business.staff"] == "从业人数：应为整数"
    assert (
        Client()
        .post("/api/v1/catalog/items/NOPE/form-check", data="{}", content_type="application/json")
        .status_code
        == 404
    )
