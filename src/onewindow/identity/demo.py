"""One demo account per role, plus a citizen and an enterprise with its legal representative."""

from __future__ import annotations

from typing import Any

from onewindow.core.permissions import Role
from onewindow.core.validators import resident_id_check_char, uscc_check_char
from onewindow.demo import DEMO_PASSWORD
from onewindow.notifications.services import notify

from . import services
from .models import Enterprise, User


def resident_id(first17: str) -> str:
    return first17 + resident_id_check_char(first17)


STAFF = [
    # username, name, department short name, hall key or None, roles
    ("chuangkou", "王芳", "县行政审批局", "county", [Role.WINDOW_CLERK]),
    ("shenpi", "赵军", "县市场监管局", "county", [Role.APPROVER]),
    ("bumen", "刘洋", "县市场监管局", None, [Role.DEPT_ADMIN]),
    ("sifa", "马骏", "县司法局", None, [Role.APPROVER, Role.DEPT_ADMIN]),
    ("dating", "陈静", "县行政审批局", "county", [Role.HALL_ADMIN]),
    ("ducha", "周涛", "县行政审批局", None, [Role.SUPERVISOR]),
    ("rexian", "吴敏", "县发改局", None, [Role.HOTLINE_AGENT]),
    ("bangban", "郑丽", "县行政审批局", "county", [Role.HELPER]),
    ("lingdao", "孙建国", "县政府办", None, [Role.COUNTY_LEADER]),
    ("admin", "系统管理员", "县行政审批局", None, [Role.SYSTEM_ADMIN]),
    # Member departments of the 新生儿出生 一件事 (the bundles demo): window and approval
    # staff of each, 县卫健局 also as the bundle's lead department.
    ("weijian", "李娜", "县卫健局", "county", [Role.WINDOW_CLERK, Role.APPROVER, Role.DEPT_ADMIN]),
    ("gongan", "何伟", "县公安局", "county", [Role.WINDOW_CLERK, Role.APPROVER]),
    ("renshe", "高明", "县人社局", "county", [Role.WINDOW_CLERK, Role.APPROVER]),
    ("yibao", "冯雪", "县医保局", "county", [Role.WINDOW_CLERK, Role.APPROVER]),
]

CITIZENS = [
    ("zhangsan", "张三", resident_id("61032619900315123"), "13800000001"),
    ("qiye", "李秀梅", resident_id("61032619820708242"), "13800000002"),
]

ENTERPRISE_USCC_17 = "91610326MA6X8K2Q7"


def load(ctx: Any) -> None:
    departments = ctx.objects["departments"]
    halls = ctx.objects["halls"]
    for username, name, dept, hall, roles in STAFF:
        exists = User.objects.filter(username=username).exists()
        ctx.count(not exists)
        if not exists:
            user = services.staff_create(
                actor=None,
                username=username,
                name=name,
                password=DEMO_PASSWORD,
                department_id=departments[dept].pk,
                hall_id=halls[hall].pk if hall else None,
                roles=roles,
            )
            notify(recipient=user, template="platform.welcome", key=f"demo:welcome:{username}")
    for username, name, id_number, phone in CITIZENS:
        exists = User.objects.filter(username=username).exists()
        ctx.count(not exists)
        if not exists:
            user = services.citizen_register(
                actor=None,
                name=name,
                id_number=id_number,
                phone=phone,
                username=username,
                password=DEMO_PASSWORD,
                real_name_verified=True,
            )
            notify(recipient=user, template="platform.welcome", key=f"demo:welcome:{username}")
    uscc = ENTERPRISE_USCC_17 + uscc_check_char(ENTERPRISE_USCC_17)
    exists = Enterprise.objects.filter(uscc=uscc).exists()
    ctx.count(not exists)
    if not exists:
        services.enterprise_register(
            actor=None,
            name="陕西眉香猕猴桃有限公司",
            uscc=uscc,
            legal_rep_name="李秀梅",
            legal_rep_user_id=User.objects.get(username="qiye").pk,
            division_code="610326101000",
            address="眉县槐芽镇西铺村猕猴桃产业园 8 号",
        )
