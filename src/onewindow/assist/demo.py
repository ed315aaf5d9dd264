"""Demo 帮办代办 for 眉县, told through the services: 郑丽 (`bangban`) on the roster of the
county centre, kept by 陈静 (`dating`); the key project 眉香猕猴桃冷链物流园 of the demo
enterprise with 孙建国 (`lingdao`) as the county leader in charge and two of its demo cases;
郑丽 carries the project and 张三; 张三 consents online (expiring within the week, so the
one-to-one view shows it), 李秀梅 (`qiye`) signs a written consent for the enterprise at
the window; 郑丽 then fills in and submits a 户外招牌设施设置审批 for the enterprise, adds
it to the project, and the action log is filled from the audit trail.

Idempotence: once 郑丽 is on the roster the loader creates nothing more.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from onewindow.cases import services as case_services
from onewindow.cases.demo import COMPANY, PLANNING, SIGNBOARD, WATER, ensure_calendar
from onewindow.catalog import services as catalog_services
from onewindow.catalog.models import Item, ItemHall, Material, Theme
from onewindow.identity.models import Enterprise, User

from . import actionlog, services
from .models import Consent, HelperProfile

HELPER = "bangban"
PROJECT = "眉香猕猴桃冷链物流园"
PROJECT_CASES = ("planning-submitted", "water-accepted")  # stories of cases.demo


def _pdf(text: str) -> bytes:
    """A minimal one-page PDF standing in for a scanned, signed form."""
    stream = f"BT /F1 12 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _item(departments: dict[str, Any], key: tuple[str, str], hall: Any) -> Item:
    department, basic_code = key
    item = Item.objects.get(department=departments[department], basic_code=basic_code)
    if not ItemHall.objects.filter(item=item, hall=hall).exists():
        halls = list(ItemHall.objects.filter(item=item).values_list("hall_id", "mode"))
        catalog_services.item_set_halls(
            actor=None, item_id=item.pk, halls=[*halls, (hall.pk, str(ItemHall.Mode.DIRECT))]
        )
    return item


def load(ctx: Any) -> None:
    helper = User.objects.get(username=HELPER)
    if HelperProfile.objects.filter(user=helper).exists():
        ctx.count(False)
        return
    today = timezone.localdate()
    ensure_calendar(today)
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["dating", "lingdao", "zhangsan", "qiye"])
    }
    dating, leader = users["dating"], users["lingdao"]
    zhangsan, qiye = users["zhangsan"], users["qiye"]
    departments = ctx.objects["departments"]
    hall = ctx.objects["halls"]["county"]
    enterprise = Enterprise.objects.get(uscc=COMPANY["enterprise.uscc"])

    # The roster.
    services.helper_create(
        actor=dating,
        user_id=helper.pk,
        phone="0917-5512366",
        tags=["企业开办", "工程建设项目", "老年人、残疾人帮办"],
        theme_ids=Theme.objects.filter(
            code__in=["enterprise_start", "construction", "disability"]
        ).values_list("pk", flat=True),
        max_load=20,
    )

    # The key project, with two of the enterprise's demo cases.
    project = services.project_create(
        actor=dating,
        name=PROJECT,
        enterprise_id=enterprise.pk,
        investment=Decimal("32000"),
        leader_id=leader.pk,
        department_ids=[
            departments[name].pk
            for name in ("县发改局", "县自然资源局", "县住建局", "县水利局", "县城管执法局")
        ],
        description="建设气调冷库 2 万吨、分拣包装车间和物流配送中心，列入县级重点项目，实行全程帮办代办。",
    )
    demo_cases = ctx.objects.get("cases", {})
    for key in PROJECT_CASES:
        if key in demo_cases:
            services.project_add_case(
                actor=dating, project_id=project.pk, case_id=demo_cases[key].pk
            )

    # What 郑丽 carries.
    services.assignment_create(
        actor=dating,
        helper_id=helper.pk,
        kind="project",
        project_id=project.pk,
        note="重点项目全程帮办代办，对接发改、自然资源、住建、水利、城管",
    )
    services.assignment_create(
        actor=dating,
        helper_id=helper.pk,
        kind="person",
        applicant_id=zhangsan.pk,
        note="首次申请最低生活保障，行动不便，需要上门指导",
    )

    # Consents: 张三 online (expiring within the week), the enterprise in writing.
    services.consent_create(
        actor=zhangsan,
        helper_id=helper.pk,
        method=Consent.Method.ONLINE,
        scope=Consent.Scope.ALL,
        applicant_id=zhangsan.pk,
        valid_until=today + dt.timedelta(days=5),
        note="委托郑丽代为填报民政救助类申请",
    )
    signboard = _item(departments, SIGNBOARD, hall)
    services.consent_create(
        actor=helper,
        helper_id=helper.pk,
        method=Consent.Method.WRITTEN,
        scope=Consent.Scope.ITEMS,
        enterprise_id=enterprise.pk,
        grantor_id=qiye.pk,
        item_ids=[
            signboard.pk,
            _item(departments, PLANNING, hall).pk,
            _item(departments, WATER, hall).pk,
        ],
        valid_until=today + dt.timedelta(days=180),
        document=SimpleUploadedFile(
            "授权委托书.pdf", _pdf("onewindow demo - signed consent form"), "application/pdf"
        ),
        note="法定代表人李秀梅在县政务服务中心帮办代办窗口签署",
    )

    # 郑丽 fills in and submits an application for the enterprise, under its consent.
    case = case_services.case_create(
        actor=helper,
        item_id=signboard.pk,
        channel="window",
        enterprise_id=enterprise.pk,
        applicant_id=qiye.pk,
        form_data={
            **COMPANY,
            "business.premises_address": "眉县槐芽镇西铺村猕猴桃产业园 8 号（冷链物流园北门）",
            "signboard.text": "眉香猕猴桃冷链物流园",
            "signboard.size": "8 米 × 1.5 米",
            "signboard.material": "金属框架发光字",
        },
    )
    for material in Material.objects.filter(version_id=case.version_id, required=True):
        case_services.material_add(
            actor=helper,
            case_id=case.pk,
            material_id=material.pk,
            upload=SimpleUploadedFile(
                f"{material.name}.pdf",
                _pdf(f"onewindow demo - case {case.pk} - material {material.pk}"),
                "application/pdf",
            ),
        )
    case_services.submit(actor=helper, case_id=case.pk)
    services.project_add_case(actor=helper, project_id=project.pk, case_id=case.pk)

    # The action log, as the worker's periodic job would fill it.
    actionlog.sync()
    ctx.count(True)
    ctx.objects["assist"] = {"project": project, "case": case}
