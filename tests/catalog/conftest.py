"""A small catalog built through the services, for tests that should not depend on the
full demo catalog."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from onewindow.catalog import services
from onewindow.catalog.models import DataElement, MaterialType, Synonym, Theme

BASE_CONTENT: dict[str, Any] = {
    "name": "食品经营许可",
    "item_type": "01",
    "level": 4,
    "legal_basis": "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
    "service_objects": "126",
    "conditions": "具有与经营的食品品种、数量相适应的经营场所和食品安全管理人员。",
    "process": [
        {"name": "受理", "department": "县行政审批局", "role": "window_clerk"},
        {"name": "审查", "department": "县市场监管局", "role": "approver"},
        {"name": "决定", "department": "县市场监管局", "role": "approver"},
    ],
    "handling_type": 2,
    "statutory_limit": 20,
    "statutory_unit": "working",
    "promised_limit": 5,
    "promised_unit": "working",
    "charges_fee": False,
    "result_name": "食品经营许可证",
    "result_licence_type": "食品经营许可证",
    "quantity_limit": "无数量限制",
    "special_procedures": [{"kind": "现场勘验", "max_days": 5}],
    "channels": "123",
    "online_depth": 4,
    "visits": 0,
    "appointment": True,
    "postal_delivery": True,
    "location": "眉县政务服务中心 A05 窗口",
    "hours": "周一至周五 09:00–12:00、13:00–17:00",
    "phone": "0917-5512345",
    "supervision_phone": "0917-12345",
    "faq": [{"q": "小餐饮需要办理吗？", "a": "小餐饮办理登记证，不办理本许可。"}],
    "high_frequency": True,
    "tolerant_acceptance": True,
    "commitment": False,
    "themes": ["open_restaurant"],
    "materials": [
        {"material_type": "食品经营许可申请书", "originals": 1, "form": "both"},
        {"material_type": "营业执照", "originals": 0, "copies": 1, "form": "electronic"},
        {"material_type": "食品安全管理制度文本", "tolerable": True},
    ],
    "fields": [
        {"key": "enterprise.name"},
        {"key": "enterprise.uscc"},
        {"key": "business.address"},
        {"key": "food.category", "required": False},
    ],
}


@pytest.fixture
def reference(db):
    Theme.objects.create(code="open_restaurant", name="开办餐饮店", audience="enterprise")
    Theme.objects.create(code="birth", name="生育收养", audience="person")
    for name, source in [
        ("食品经营许可申请书", "applicant"),
        ("营业执照", "licence"),
        ("食品安全管理制度文本", "applicant"),
        ("居民身份证", "licence"),
        ("出生医学证明", "licence"),
    ]:
        MaterialType.objects.create(name=name, source=source)
    for key, label, kind in [
        ("enterprise.name", "企业名称", "text"),
        ("enterprise.uscc", "统一社会信用代码", "uscc"),
        ("business.address", "经营场所", "text"),
        ("food.category", "经营项目", "select"),
        ("child.name", "新生儿姓名", "text"),
        ("applicant.id_number", "身份证号码", "id_number"),
    ]:
        DataElement.objects.create(key=key, label=label, type=kind)
    Synonym.objects.create(phrase="开饭店", expansions="餐饮 食品经营")
    Synonym.objects.create(phrase="生孩子", expansions="新生儿 出生")


def content(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE_CONTENT)
    data.update(changes)
    return data


@pytest.fixture
def make_item(county, reference):
    """`make_item(basic_code, department=..., publish=True, **content changes)`."""

    def make(
        basic_code: str = "000103001000",
        *,
        department: str = "县市场监管局",
        publish: bool = True,
        **changes: Any,
    ):
        dept = county["departments"][department]
        version = services.item_create(
            actor=None, department_id=dept.pk, basic_code=basic_code, content=content(**changes)
        )
        if publish:
            services.version_submit(actor=None, version_id=version.pk)
            services.version_approve(actor=None, version_id=version.pk)
            services.version_publish(actor=None, version_id=version.pk)
            version.refresh_from_db()
        return version

    return make
