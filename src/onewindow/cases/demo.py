"""Demo cases for 眉县: about forty applications from the demo citizen (张三) and the demo
enterprise (陕西眉香猕猴桃有限公司, through 李秀梅), in every state of the lifecycle, told
through the case services so that timelines, notices, numbers and the audit trail are real.

How the history is dated. A story says on which working day before today each step
happens (`days_ago`, 0 = now). The step runs through the services at the real current
time and is then back-dated: every timestamp the step wrote on the case, its timeline,
notices, materials, correction requests and extensions is moved to the story's moment,
the dates that follow from it (receipt, acceptance, pause and end of a special
procedure, on-time decision) are set from that moment, the clock is recomputed with
`clock.recompute`, the due dates in an acceptance notice are rewritten to match, and a
submitted case is numbered (`numbering.case_number`) for the day it was submitted, so the
serial issued at load time is left unused. Later steps of the same story then run on the
back-dated case, so an extension or a decision counts from the right dates. Notice
numbers, the audit trail (an SM3 chain that cannot be rewritten, by design) and in-app
messages keep the real moment the demo was loaded. Demo code runs in production
installs, so nothing here freezes or patches the clock.

After the stories, `sweeps.run_all()` runs once as the worker would: it accepts the
application nobody asked to correct in time (Art. 32), raises the 临期 and 超时 warnings
and opens the supervision orders; one order then gets a follow-up, the responsible
person's reply and a recorded talk. A database that already holds other cases (one in
use, or a benchmark's million) is left to the worker's periodic sweeps instead.

Idempotence: each story, once told, appends an audit event `cases.demo.created` naming
the case and the story's key. A story whose key is in the trail is not told again, so
loading twice creates nothing, and a story added in a later release is told on an old
demo database too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F, Model
from django.utils import timezone

from onewindow.catalog import services as catalog_services
from onewindow.catalog.models import Item, ItemHall, Material, SpecialProcedureKind
from onewindow.core import audit
from onewindow.core.models import CalendarYear
from onewindow.core.validators import uscc_check_char
from onewindow.core.workdays import Calendar
from onewindow.identity.demo import ENTERPRISE_USCC_17, resident_id
from onewindow.identity.models import Enterprise, User
from onewindow.org.models import Department, Hall

from . import clock, commitment, numbering, proxy, services, supervision, sweeps
from .models import (
    Case,
    CaseMaterial,
    CaseNotice,
    CaseStep,
    ClockPolicy,
    Commitment,
    CorrectionRequest,
    CreditRecord,
    Delivery,
    Extension,
    PostCheck,
    ProxyTransfer,
    Revocation,
    SpecialProcedure,
    SupervisionOrder,
)

DEMO_EVENT = "cases.demo.created"
ENTERPRISE = "enterprise"  # a story's applicant: the demo enterprise, through its agent `qiye`
APPLICANT = "applicant"  # a step's actor: whoever applied (张三, or 李秀梅 for the enterprise)
CLERK = "chuangkou"
_LOGINS = ("zhangsan", "qiye", CLERK, "shenpi", "bumen", "ducha", "sifa")
QIYE = {
    "applicant.name": "李秀梅",
    "applicant.id_number": resident_id("61032619820708242"),
    "applicant.phone": "13800000002",
}
# A signature drawn at the delivery window (a 1×1 PNG stands in for the pad's drawing).
DEMO_SIGNATURE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)

# --------------------------------------------------------------------------------------------
# Application forms (keys are data elements of the demo catalog)
# --------------------------------------------------------------------------------------------
ZHANGSAN = {
    "applicant.name": "张三",
    "applicant.id_number": resident_id("61032619900315123"),
    "applicant.phone": "13800000001",
}
ZHANGSAN_HOME = "眉县首善街道东大街社区平阳街 26 号"
COMPANY = {
    "enterprise.name": "陕西眉香猕猴桃有限公司",
    "enterprise.uscc": ENTERPRISE_USCC_17 + uscc_check_char(ENTERPRISE_USCC_17),
    "enterprise.legal_rep": "李秀梅",
    "agent.name": "李秀梅",
    "agent.phone": "13800000002",
}


def _food(address: str, area: int, items: list[str], manager: str) -> dict[str, Any]:
    return {
        **COMPANY,
        "business.premises_address": address,
        "premises.area": area,
        "food.business_category": "食品销售经营者",
        "food.business_items": items,
        "food.safety_manager": manager,
    }


def _equipment(category: str, number: str, location: str) -> dict[str, Any]:
    return {
        **COMPANY,
        "equipment.category": category,
        "equipment.product_number": number,
        "equipment.location": location,
    }


def _credit(decision: str, rectification: str) -> dict[str, Any]:
    return {**COMPANY, "credit.decision_number": decision, "credit.rectification": rectification}


def _check(purpose: str = "首次公开发行股票并上市") -> dict[str, Any]:
    return {
        **COMPANY,
        "check.purpose": purpose,
        "check.period_start": "2023-01-01",
        "check.period_end": "2025-12-31",
    }


PARK = "眉县槐芽镇西铺村猕猴桃产业园 8 号"

# --------------------------------------------------------------------------------------------
# The stories
# --------------------------------------------------------------------------------------------
# Items by (implementing department, basic code).
FOOD = ("县市场监管局", "010700900000")  # 食品经营许可 (审核 → 决定), promised 5 working days
EQUIPMENT = ("县市场监管局", "010708700000")  # 特种设备使用登记, 5
CREDIT = ("县市场监管局", "100701900000")  # 市场监管领域行政处罚信息信用修复, 5
ABNORMAL = ("县市场监管局", "100702000000")  # 经营异常名录信息修复, 3
CHECK = ("县市场监管局", "200702700000")  # 无违法违规信息核查 (核查 → 县发改局 汇总送达)
CHECK_IP = ("县市场监管局", "200703600000")  # 知识产权领域无违法违规信息核查
SEAL = ("县公安局", "100300200000")  # 企业印章刻制, 即办件
WATER = ("县水利局", "011909600000")  # 取水许可, 20
SIGNBOARD = ("县城管执法局", "011701000000")  # 户外招牌设施设置审批
PLANNING = ("县自然资源局", "011309300000")  # 建设工程规划许可证核发
LEGAL_AID = ("县司法局", "202512200000")
BASIC_ALLOWANCE = ("县民政局", "051010300000")
TEACHER = ("县教体局", "070912000000")
MATERNITY = ("县医保局", "200505500000")
ID_CARD = ("县公安局", "070310800000")  # 承诺件 in natural days, 全国通办
CHRONIC = ("县医保局", "070511300000")  # promised 10 working days
SOCIAL_CARD = ("县人社局", "200405400000")  # 即办件
SOCIAL_CARD_LOST = ("县人社局", "200405401000")  # 即办件
HUKOU_PROOF = ("县公安局", "070305900000")  # 即办件
CONTRIBUTIONS = ("县人社局", "200406200000")  # 即办件
DRIVING_LICENCE = ("县公安局", "010309900000")  # 即办件
UNEMPLOYMENT = ("县人社局", "050411000000")  # promised 3
STARTUP_LOAN = ("县人社局", "200411100000")
VACCINATION = ("县卫健局", "200805200000")  # 即办件
BIRTH = ("县公安局", "070305300000")  # 即办件

# One step: (working days before today, "HH:MM", who, action, payload). `who` is a login
# or APPLICANT; the action is a key of services.ACTIONS, or "upload" (the applicant sends
# a corrected material: payload {"material": name}).
StepRow = tuple[int, str, str, str, dict[str, Any]]


@dataclass(frozen=True)
class Story:
    key: str
    item: tuple[str, str]
    applicant: str  # "zhangsan" or ENTERPRISE
    channel: str
    form: dict[str, Any]
    filed: tuple[int, str]  # when the application was started (days ago, "HH:MM")
    steps: list[StepRow] = field(default_factory=list)
    by: str = APPLICANT  # who fills it in: the applicant online, or CLERK at the window
    proxy_region: str = ""
    tolerated: tuple[str, ...] = ()  # materials the window accepts as missing (容缺)
    supervise: bool = False  # after the sweep: follow-up, reply and a talk on its order


def _online(days: int, *, prereview: bool = True) -> list[StepRow]:
    """Submitted online that day; the window opens it the same afternoon."""
    steps: list[StepRow] = [(days, "09:20", APPLICANT, "submit", {})]
    if prereview:
        steps.append((days, "14:30", CLERK, "prereview", {}))
    return steps


def _accepted(days: int, hhmm: str = "09:40") -> list[StepRow]:
    """Accepted at the window that day."""
    return [(days, hhmm, CLERK, "accept", {"opinion": "材料齐全，符合法定形式"})]


CORRECTION_FOOD = [
    {
        "material": "食品经营设备设施布局及操作流程文件",
        "problem": "未标明原料、成品存放区域和人员通道",
    },
    {"material": "食品安全管理制度目录清单", "problem": "缺少进货查验记录和临期食品处置制度"},
]

STORIES: list[Story] = [
    # --- 陕西眉香猕猴桃有限公司: 食品经营许可 for its shops ------------------------------
    Story(
        "food-shoushan-archived",
        FOOD,
        ENTERPRISE,
        "pc",
        _food("眉县首善街道平阳街 18 号（眉香猕猴桃体验店）", 120, ["散装食品销售"], "王小燕"),
        filed=(16, "09:00"),
        steps=[
            *_online(16, prereview=False),
            (15, "11:00", CLERK, "request_correction", {"items": CORRECTION_FOOD}),
            (14, "08:50", APPLICANT, "upload", {"material": "食品安全管理制度目录清单"}),
            (14, "09:00", APPLICANT, "resubmit", {}),
            *_accepted(14),
            (13, "09:30", "shenpi", "start_review", {}),
            (12, "15:00", "shenpi", "pass", {"opinion": "材料齐全，经营场所布局符合要求"}),
            (11, "10:00", "shenpi", "approve", {"opinion": "准予许可，核发食品经营许可证"}),
            (
                10,
                "10:00",
                CLERK,
                "collect",
                {"name": "李秀梅", "id_number": QIYE["applicant.id_number"]},
            ),
            (10, "10:05", CLERK, "archive", {}),
        ],
    ),
    Story(
        "food-huaiya-delivered",
        FOOD,
        ENTERPRISE,
        "pc",
        _food("眉县槐芽镇槐芽村商贸街 6 号（槐芽门店）", 85, ["散装食品销售"], "刘建华"),
        filed=(10, "08:40"),
        steps=[
            *_online(10),
            *_accepted(9),
            (9, "14:00", "shenpi", "start_review", {}),
            (
                8,
                "10:00",
                "shenpi",
                "start_special",
                {
                    "kind": "现场勘验",
                    "reason": "新设冷藏库，需现场核查温控设施",
                    "expected_days": 3,
                },
            ),
            (5, "16:00", "shenpi", "end_special", {"opinion": "现场勘验合格，温控记录完整"}),
            (4, "10:00", "shenpi", "pass", {"opinion": "审核通过"}),
            (3, "11:00", "shenpi", "approve", {"opinion": "准予许可"}),
            (
                2,
                "15:30",
                CLERK,
                "post",
                {"courier": "中国邮政 EMS", "tracking_number": "1187 6203 4512"},
            ),
        ],
    ),
    Story(
        "food-tangyu-near-due",
        FOOD,
        ENTERPRISE,
        "mobile",
        _food("眉县汤峪镇太白山景区游客中心 2 号铺", 60, ["散装食品销售", "自制饮品制售"], "赵敏"),
        filed=(5, "08:30"),
        steps=[
            *_online(5),
            *_accepted(4),
            (3, "10:30", "shenpi", "start_review", {}),
            (1, "16:00", "shenpi", "pass", {"opinion": "审核通过，请决定"}),
        ],
    ),
    Story(
        "food-hengqu-extended",
        FOOD,
        ENTERPRISE,
        "pc",
        _food("眉县横渠镇横渠村张载祠路 9 号", 70, ["散装食品销售"], "孙磊"),
        filed=(5, "08:50"),
        steps=[
            *_online(5),
            *_accepted(4),
            (3, "09:00", "shenpi", "start_review", {}),
            (
                1,
                "11:00",
                "bumen",
                "extend",
                {"days": 5, "reason": "经营场所与住所不一致，需核实场所使用证明"},
            ),
        ],
    ),
    Story(
        "food-changxing-correction",
        FOOD,
        ENTERPRISE,
        "pc",
        _food("眉县常兴镇常兴村北街 15 号", 95, ["散装食品销售", "特殊食品销售"], "周红"),
        filed=(3, "15:00"),
        steps=[
            (3, "15:10", APPLICANT, "submit", {}),
            (2, "10:00", CLERK, "request_correction", {"items": CORRECTION_FOOD}),
        ],
    ),
    Story(
        "food-jinqu-terminated",
        FOOD,
        ENTERPRISE,
        "pc",
        _food("眉县金渠镇金渠村宁渠路 3 号", 50, ["散装食品销售"], "郭涛"),
        filed=(13, "09:00"),
        steps=[
            (13, "09:10", APPLICANT, "submit", {}),
            (
                12,
                "10:30",
                CLERK,
                "request_correction",
                {"items": [CORRECTION_FOOD[0]], "note": "请于十个工作日内补正"},
            ),
            (
                1,
                "09:30",
                "bumen",
                "terminate",
                {"reason": "申请人收到补正告知书后十个工作日内未补正，也未说明理由"},
            ),
        ],
    ),
    Story(
        "food-yingtou-window-tolerated",
        FOOD,
        ENTERPRISE,
        "window",
        _food("眉县营头镇营头村红河谷路 21 号", 40, ["散装食品销售"], "李秀梅"),
        filed=(1, "10:20"),
        by=CLERK,
        tolerated=("食品安全管理制度目录清单",),
        steps=[
            (1, "10:35", CLERK, "submit", {}),
            (1, "10:40", CLERK, "prereview", {}),
        ],
    ),
    # --- 特种设备使用登记, one per device -------------------------------------------------
    Story(
        "equipment-lift-approved",
        EQUIPMENT,
        ENTERPRISE,
        "pc",
        _equipment("电梯", "DT-2025-06118", f"{PARK} 冷链仓储楼"),
        filed=(6, "09:00"),
        steps=[
            *_online(6),
            *_accepted(5),
            (4, "10:00", "shenpi", "start_review", {}),
            (3, "15:00", "shenpi", "pass", {"opinion": "监督检验合格"}),
            (1, "10:30", "shenpi", "approve", {"opinion": "准予登记，发放使用登记证"}),
        ],
    ),
    Story(
        # Posted in: the county hall's window enters what arrived by mail (邮寄申请).
        "equipment-boiler-mailed",
        EQUIPMENT,
        ENTERPRISE,
        "mail",
        _equipment("锅炉", "GL-2025-00417", f"{PARK} 锅炉房"),
        filed=(2, "10:10"),
        by=CLERK,
        steps=[
            (2, "10:15", CLERK, "submit", {}),
            (2, "10:20", CLERK, "prereview", {}),
        ],
    ),
    Story(
        "equipment-forklift-reviewing",
        EQUIPMENT,
        ENTERPRISE,
        "mobile",
        _equipment("场（厂）内专用机动车辆", "CC-2026-0412", f"{PARK} 分拣车间"),
        filed=(3, "08:45"),
        steps=[*_online(3), *_accepted(2), (1, "09:15", "shenpi", "start_review", {})],
    ),
    Story(
        "equipment-vessel-special",
        EQUIPMENT,
        ENTERPRISE,
        "pc",
        _equipment("压力容器", "RQ-2024-11906", f"{PARK} 气调冷库机房"),
        filed=(4, "09:00"),
        steps=[
            *_online(4),
            *_accepted(3),
            (2, "10:00", "shenpi", "start_review", {}),
            (
                1,
                "14:00",
                "shenpi",
                "start_special",
                {
                    "kind": "检验",
                    "reason": "制冷储液器超过定期检验周期，需委托特种设备检验机构检验",
                    "expected_days": 5,
                },
            ),
        ],
    ),
    Story(
        "equipment-crane-overdue",
        EQUIPMENT,
        ENTERPRISE,
        "window",
        _equipment("起重机械", "QZ-2025-0733", f"{PARK} 装卸平台"),
        filed=(7, "09:10"),
        by=CLERK,
        steps=[(7, "09:25", CLERK, "submit", {}), *_accepted(7)],
    ),
    Story(
        "equipment-boiler-withdrawn",
        EQUIPMENT,
        ENTERPRISE,
        "pc",
        _equipment("锅炉", "GL-2023-0558", f"{PARK} 锅炉房"),
        filed=(6, "09:05"),
        steps=[
            *_online(6),
            *_accepted(5),
            (4, "11:00", "shenpi", "start_review", {}),
            (
                2,
                "10:00",
                APPLICANT,
                "withdraw",
                {"reason": "锅炉已改为燃气热水机组，无需再办理登记"},
            ),
        ],
    ),
    Story(
        "equipment-pipeline-accepted",
        EQUIPMENT,
        ENTERPRISE,
        "pc",
        _equipment("压力管道", "GD-2026-0091", f"{PARK} 制冷管网"),
        filed=(2, "08:50"),
        steps=[*_online(2), *_accepted(1)],
    ),
    # --- 信用修复, 经营异常名录, 无违法违规核查 -------------------------------------------
    Story(
        "credit-overdue-supervised",
        CREDIT,
        ENTERPRISE,
        "pc",
        _credit("眉市监处罚〔2025〕118号", "已于 2025 年 12 月缴清罚款，并建立标签审核制度"),
        filed=(9, "09:00"),
        steps=[*_online(9), *_accepted(8), (7, "10:00", "shenpi", "start_review", {})],
        supervise=True,
    ),
    Story(
        "credit-archived-late",
        CREDIT,
        ENTERPRISE,
        "pc",
        _credit("眉市监处罚〔2025〕064号", "已整改包装标识，罚款已缴纳"),
        filed=(15, "09:00"),
        steps=[
            *_online(15),
            *_accepted(14),
            (13, "09:30", "shenpi", "start_review", {}),
            (10, "16:00", "shenpi", "pass", {"opinion": "整改到位"}),
            (7, "10:00", "shenpi", "approve", {"opinion": "准予信用修复，停止公示"}),
            (6, "09:30", CLERK, "deliver", {"method": "online"}),
            (6, "09:35", CLERK, "archive", {}),
        ],
    ),
    Story(
        "credit-submitted",
        CREDIT,
        ENTERPRISE,
        "pc",
        _credit("眉市监处罚〔2026〕021号", "已停止违法行为并完成整改"),
        filed=(0, ""),
        steps=[(0, "", APPLICANT, "submit", {})],
    ),
    Story(
        "abnormal-denied",
        ABNORMAL,
        ENTERPRISE,
        "pc",
        {**COMPANY, "credit.abnormal_reason": "通过登记的住所无法联系"},
        filed=(4, "09:00"),
        steps=[
            *_online(4),
            *_accepted(3),
            (2, "10:00", "shenpi", "start_review", {}),
            (1, "09:30", "shenpi", "pass", {"opinion": "经实地核查，登记住所仍无人办公"}),
            (
                1,
                "15:00",
                "shenpi",
                "deny",
                {
                    "opinion": "不予移出",
                    "reason": "经实地核查，通过登记的住所仍无法联系，请先办理住所变更登记",
                },
            ),
        ],
    ),
    Story(
        "abnormal-draft",
        ABNORMAL,
        ENTERPRISE,
        "mobile",
        {
            "enterprise.name": COMPANY["enterprise.name"],
            "enterprise.uscc": COMPANY["enterprise.uscc"],
        },
        filed=(0, ""),
    ),
    Story(
        "check-at-second-department",
        CHECK,
        ENTERPRISE,
        "pc",
        _check(),
        filed=(3, "09:00"),
        steps=[
            *_online(3),
            *_accepted(2),
            (2, "15:00", "shenpi", "start_review", {}),
            (1, "10:00", "shenpi", "pass", {"opinion": "核查期内无市场监管领域行政处罚记录"}),
        ],
    ),
    Story(
        "check-ip-accepted",
        CHECK_IP,
        ENTERPRISE,
        "pc",
        _check(),
        filed=(2, "09:10"),
        steps=[*_online(2), *_accepted(1)],
    ),
    # --- other departments' items for the enterprise --------------------------------------
    Story(
        "seal-on-the-spot",
        SEAL,
        ENTERPRISE,
        "window",
        {**COMPANY, "seal.types": ["合同专用章"], "seal.maker": "眉县诚信印章刻制有限公司"},
        filed=(1, "10:00"),
        by=CLERK,
        steps=[
            (1, "10:05", CLERK, "submit", {}),
            (1, "10:06", CLERK, "accept", {}),
            (1, "10:12", CLERK, "approve", {"opinion": "当场办结，印章信息已备案"}),
            (1, "10:30", CLERK, "deliver", {"method": "window"}),
        ],
    ),
    Story(
        "water-accepted",
        WATER,
        ENTERPRISE,
        "window",
        {
            "applicant.name": "李秀梅",
            "applicant.phone": "13800000002",
            "enterprise.name": COMPANY["enterprise.name"],
            "enterprise.uscc": COMPANY["enterprise.uscc"],
            "project.address": "眉县槐芽镇西铺村猕猴桃标准化示范园",
            "water.source_type": "地下水",
            "water.purpose": "农业灌溉",
            "water.annual_volume": 12,
        },
        filed=(2, "14:00"),
        by=CLERK,
        steps=[(2, "14:20", CLERK, "submit", {}), *_accepted(2, "14:40")],
    ),
    Story(
        "signboard-refused",
        SIGNBOARD,
        ENTERPRISE,
        "pc",
        {
            **COMPANY,
            "business.premises_address": "眉县汤峪镇太白山景区入口广场",
            "signboard.text": "眉香猕猴桃",
            "signboard.size": "6 米 × 1.2 米",
            "signboard.material": "金属框架发光字",
        },
        filed=(5, "09:00"),
        steps=[
            *_online(5),
            (
                4,
                "10:00",
                CLERK,
                "refuse",
                {
                    "reason": "设置地点位于太白山景区管理范围，应向景区管理委员会申请",
                    "legal_basis": "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
                },
            ),
        ],
    ),
    Story(
        "planning-submitted",
        PLANNING,
        ENTERPRISE,
        "mobile",
        {
            **COMPANY,
            "project.name": "眉香猕猴桃气调冷库二期",
            "project.code": "2026-610326-05-03-018822",
            "project.address": PARK,
            "project.total_area": 4800,
        },
        filed=(1, "15:00"),
        steps=[(1, "15:20", APPLICANT, "submit", {})],
    ),
    # --- 张三 --------------------------------------------------------------------------------
    Story(
        "legal-aid-draft",
        LEGAL_AID,
        "zhangsan",
        "pc",
        {**ZHANGSAN, "applicant.address": ZHANGSAN_HOME, "case.type": "劳动争议"},
        filed=(0, ""),
    ),
    Story(
        "basic-allowance-submitted",
        BASIC_ALLOWANCE,
        "zhangsan",
        "mobile",
        {
            **ZHANGSAN,
            "applicant.address": ZHANGSAN_HOME,
            "household.members": 4,
            "household.monthly_income": 1800,
            "relief.reason": "妻子产后无法工作，本人失业，家庭收入低于当地低保标准",
            "bank.account_number": "6230 2700 1234 5678 901",
        },
        filed=(0, ""),
        steps=[(0, "", APPLICANT, "submit", {})],
    ),
    Story(
        "teacher-prereview",
        TEACHER,
        "zhangsan",
        "pc",
        {
            **ZHANGSAN,
            "teacher.qualification_type": "小学教师资格",
            "teacher.subject": "数学",
            "teacher.exam_certificate_number": "2026261032600187",
            "employment.education": "本科",
        },
        filed=(1, "09:00"),
        steps=_online(1),
    ),
    Story(
        "maternity-correction",
        MATERNITY,
        "zhangsan",
        "mobile",
        {
            **ZHANGSAN,
            "medical.hospital": "眉县人民医院",
            "medical.admission_date": "2026-10-06",
            "medical.discharge_date": "2026-10-10",
            "medical.expense": 6850,
        },
        filed=(4, "20:30"),
        steps=[
            (4, "20:40", APPLICANT, "submit", {}),
            (
                2,
                "10:00",
                CLERK,
                "request_correction",
                {
                    "items": [
                        {
                            "material": "医疗收费票据",
                            "problem": "上传的是押金收据，请上传住院结算发票",
                        },
                        {"material": "出院记录", "problem": "未加盖医院病案管理专用章"},
                    ]
                },
            ),
        ],
    ),
    Story(
        "id-card-proxy-accepted",
        ID_CARD,
        "zhangsan",
        "proxy",
        {**ZHANGSAN, "idcard.reason": "有效期满换领"},
        filed=(2, "10:00"),
        by=CLERK,
        proxy_region="四川省成都市武侯区政务服务中心（跨省通办代收）",
        steps=[
            (2, "10:05", CLERK, "forward", {"return_method": "post"}),
            (2, "10:10", CLERK, "submit", {}),
            *_accepted(2, "10:30"),
        ],
    ),
    # --- 容缺受理 and 告知承诺 ------------------------------------------------------------
    Story(
        "food-tolerated-accepted",
        FOOD,
        ENTERPRISE,
        "window",
        _food("眉县金渠镇金渠街 66 号", 55, ["散装食品销售"], "李秀梅"),
        filed=(2, "10:00"),
        by=CLERK,
        tolerated=("食品安全管理制度目录清单",),
        steps=[
            (2, "10:05", CLERK, "commit", {"kind": "tolerance", "signer": "李秀梅"}),
            (2, "10:10", CLERK, "submit", {}),
            *_accepted(2, "10:20"),
        ],
    ),
    Story(
        "legal-aid-commitment-granted",
        LEGAL_AID,
        "zhangsan",
        "pc",
        {
            **ZHANGSAN,
            "applicant.address": ZHANGSAN_HOME,
            "case.type": "劳动争议",
            "case.opposing_party": "眉县某建筑劳务有限公司",
            "case.description": "在该公司务工八个月，被拖欠工资 2.4 万元，多次催要未果。",
        },
        filed=(9, "09:00"),
        steps=[
            (9, "09:05", APPLICANT, "commit", {"kind": "notification"}),
            (9, "09:10", APPLICANT, "submit", {}),
            *_accepted(9, "14:00"),
            (8, "09:30", "sifa", "start_review", {}),
            (
                8,
                "10:00",
                "sifa",
                "pass",
                {"opinion": "经济困难状况以承诺代替证明，案件事项属于法律援助范围"},
            ),
            (
                8,
                "11:00",
                "sifa",
                "approve",
                {"opinion": "给予法律援助，指派县法律援助中心律师承办"},
            ),
        ],
    ),
    Story(
        "legal-aid-commitment-untrue",
        LEGAL_AID,
        "qiye",
        "pc",
        {
            **QIYE,
            "applicant.address": "眉县首善街道城关村 3 组",
            "case.type": "劳动争议",
            "case.opposing_party": "眉县某农业开发有限公司",
            "case.description": "追索三个月劳动报酬共 1.2 万元。",
        },
        filed=(12, "09:00"),
        steps=[
            (12, "09:05", APPLICANT, "commit", {"kind": "notification"}),
            (12, "09:10", APPLICANT, "submit", {}),
            *_accepted(12, "14:00"),
            (11, "09:30", "sifa", "start_review", {}),
            (11, "10:00", "sifa", "pass", {"opinion": "案件事项属于法律援助范围"}),
            (11, "11:00", "sifa", "approve", {"opinion": "给予法律援助"}),
            (
                3,
                "15:00",
                "sifa",
                "postcheck",
                {
                    "truthful": False,
                    "note": "经县民政局、税务数据核验，申请人名下有经营性收入，经济困难承诺不实",
                },
            ),
        ],
    ),
    Story(
        "chronic-auto-accepted",
        CHRONIC,
        "zhangsan",
        "pc",
        {**ZHANGSAN, "medical.disease": "高血压", "medical.hospital": "眉县人民医院"},
        filed=(7, "11:00"),
        steps=[(7, "11:10", APPLICANT, "submit", {})],  # nobody acts: Art. 32 accepts it
    ),
    Story(
        "social-card-approved",
        SOCIAL_CARD,
        "zhangsan",
        "mobile",
        {**ZHANGSAN, "applicant.address": ZHANGSAN_HOME, "socialcard.bank": "中国农业银行"},
        filed=(2, "19:00"),
        steps=[
            (2, "19:05", APPLICANT, "submit", {}),
            (1, "09:10", CLERK, "accept", {}),
            (1, "09:15", CLERK, "approve", {"opinion": "信息核验通过，卡片制作中，制成后邮寄"}),
        ],
    ),
    Story(
        "hukou-proof-archived",
        HUKOU_PROOF,
        "zhangsan",
        "window",
        {**ZHANGSAN, "proof.type": "户籍登记证明", "proof.purpose": "办理子女入学"},
        filed=(3, "10:00"),
        by=CLERK,
        steps=[
            (3, "10:03", CLERK, "submit", {}),
            (3, "10:04", CLERK, "accept", {}),
            (3, "10:08", CLERK, "approve", {"opinion": "当场出具"}),
            (3, "10:10", CLERK, "deliver", {"method": "window"}),
            (3, "10:11", CLERK, "archive", {}),
        ],
    ),
    Story(
        "contributions-kiosk-delivered",
        CONTRIBUTIONS,
        "zhangsan",
        "kiosk",
        {**ZHANGSAN, "query.period_start": "2020-01-01", "query.period_end": "2026-09-30"},
        filed=(1, "11:00"),
        steps=[
            (1, "11:02", APPLICANT, "submit", {}),
            (1, "11:20", CLERK, "accept", {}),
            (1, "11:21", CLERK, "approve", {}),
            (1, "11:25", CLERK, "deliver", {"method": "online", "note": "电子参保缴费证明已推送"}),
        ],
    ),
    Story(
        "driving-licence-denied",
        DRIVING_LICENCE,
        "zhangsan",
        "mobile",
        {**ZHANGSAN, "driving_licence.class": "C1", "certificate.reason": "证件遗失"},
        filed=(2, "08:30"),
        steps=[
            (2, "08:35", APPLICANT, "submit", {}),
            (2, "09:30", CLERK, "accept", {}),
            (
                2,
                "09:40",
                CLERK,
                "deny",
                {"opinion": "不予补领", "reason": "该驾驶证处于暂扣期内，暂扣期满后方可补领"},
            ),
            (1, "09:00", CLERK, "deliver", {"method": "online"}),
        ],
    ),
    Story(
        "unemployment-withdrawn",
        UNEMPLOYMENT,
        "zhangsan",
        "pc",
        {**ZHANGSAN, "unemployment.reason": "劳动合同期满终止", "unemployment.date": "2026-09-30"},
        filed=(5, "09:00"),
        steps=[
            *_online(5),
            *_accepted(4),
            (2, "16:00", APPLICANT, "withdraw", {"reason": "已重新就业，不再申领"}),
        ],
    ),
    Story(
        "startup-loan-refused",
        STARTUP_LOAN,
        "zhangsan",
        "pc",
        {
            **ZHANGSAN,
            "business.trade_name": "眉县张三果蔬店",
            "business.scope": "水果、蔬菜零售",
            "loan.amount": 20,
            "loan.term_years": 3,
        },
        filed=(4, "08:40"),
        steps=[
            *_online(4),
            (
                3,
                "09:30",
                CLERK,
                "refuse",
                {
                    "reason": "经营主体登记在宝鸡市渭滨区，应向登记地人力资源和社会保障部门申请",
                    "legal_basis": "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
                },
            ),
        ],
    ),
    Story(
        "social-card-lost-draft",
        SOCIAL_CARD_LOST,
        "zhangsan",
        "mobile",
        {**ZHANGSAN, "socialcard.reason": "遗失补领"},
        filed=(0, ""),
    ),
    Story(
        "vaccination-kiosk-submitted",
        VACCINATION,
        "zhangsan",
        "kiosk",
        {
            "child.name": "张小禾",
            "child.gender": "女",
            "child.birth_date": "2026-10-08",
            "mother.name": "王丽",
            "applicant.phone": "13800000001",
            "applicant.address": ZHANGSAN_HOME,
        },
        filed=(0, ""),
        steps=[(0, "", APPLICANT, "submit", {})],
    ),
    Story(
        "birth-registration-withdrawn",
        BIRTH,
        "zhangsan",
        "pc",
        {
            "child.name": "张小禾",
            "child.gender": "女",
            "child.birth_date": "2026-10-08",
            "mother.name": "王丽",
            "mother.id_number": resident_id("61032619920611102"),
            "father.name": "张三",
            "father.id_number": ZHANGSAN["applicant.id_number"],
            "household.registration_address": ZHANGSAN_HOME,
            "household.relationship": "女",
            "applicant.phone": "13800000001",
        },
        filed=(3, "21:00"),
        steps=[
            (3, "21:10", APPLICANT, "submit", {}),
            (
                2,
                "08:50",
                APPLICANT,
                "withdraw",
                {"reason": "出生医学证明上的姓名有误，更正后重新申请"},
            ),
        ],
    ),
]


# --------------------------------------------------------------------------------------------
# Telling a story
# --------------------------------------------------------------------------------------------
@dataclass
class _World:
    today: dt.date
    cal: Calendar
    users: dict[str, User]
    enterprise: Enterprise
    departments: dict[str, Department]
    county_hall: Hall

    def moment(self, days_ago: int, hhmm: str) -> dt.datetime | None:
        """The story's moment, on the `days_ago`-th working day before today; None = now."""
        if days_ago == 0:
            return None
        day = self.cal.add_working_days(self.today, -days_ago)
        hour, minute = map(int, hhmm.split(":"))
        return dt.datetime.combine(
            day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone()
        )

    def actor(self, who: str, story: Story) -> User:
        if who == APPLICANT:
            return self.users["qiye" if story.applicant == ENTERPRISE else story.applicant]
        return self.users[who]


# The timestamps a step may write besides the case's own, by the step's action.
_STEP_STAMPS: tuple[tuple[type[Model], str], ...] = (
    (CaseStep, "started_at"),
    (CaseStep, "ended_at"),
)
_NOTICE_STAMPS = ((CaseNotice, "issued_at"),)
_TOUCHED: dict[str, tuple[tuple[type[Model], str], ...]] = {
    "create": ((CaseStep, "started_at"), (CaseMaterial, "uploaded_at")),
    "upload": ((CaseMaterial, "uploaded_at"),),
    "submit": _STEP_STAMPS,
    "resubmit": (*_STEP_STAMPS, (CorrectionRequest, "answered_at")),
    "request_correction": (*_STEP_STAMPS, *_NOTICE_STAMPS, (CorrectionRequest, "issued_at")),
    "extend": (*_STEP_STAMPS, *_NOTICE_STAMPS, (Extension, "created_at")),
    "commit": ((Commitment, "signed_at"),),
    "forward": ((ProxyTransfer, "created_at"), (ProxyTransfer, "materials_received_at")),
    "deliver": (*_STEP_STAMPS, (Delivery, "delivered_at")),
    "collect": (*_STEP_STAMPS, (Delivery, "delivered_at")),
    "post": (*_STEP_STAMPS, (Delivery, "delivered_at")),
    "approve": (*_STEP_STAMPS, *_NOTICE_STAMPS, (PostCheck, "scheduled_at")),
    "postcheck": ((PostCheck, "done_at"), (CreditRecord, "opened_at"), (Revocation, "opened_at")),
}
_CASE_STAMPS = (
    "created_at",
    "submitted_at",
    "accepted_at",
    "decided_at",
    "delivered_at",
    "closed_at",
)
# Actions that may end a pause (the special procedure ends with them).
_RESUMING = ("end_special", "withdraw", "terminate")
_NOTICE_DATE = "%Y年%m月%d日"


def _backdate(
    world: _World,
    case_id: int,
    *,
    since: dt.datetime,
    moment: dt.datetime,
    action: str,
    paused_on: dt.date | None = None,
) -> None:
    """Move what one step wrote at or after `since` to `moment`, and set the dates that
    follow from it (see the module docstring)."""
    shift = since - moment
    for model, stamp in _TOUCHED.get(action, (*_STEP_STAMPS, *_NOTICE_STAMPS)):
        model.objects.filter(case_id=case_id, **{f"{stamp}__gte": since}).update(  # type: ignore[attr-defined]
            **{stamp: F(stamp) - shift}
        )
    case = Case.objects.select_related("item").get(pk=case_id)
    for stamp in _CASE_STAMPS:
        value = getattr(case, stamp)
        if value is not None and value >= since:
            setattr(case, stamp, value - shift)
    cal, day = world.cal, timezone.localdate(moment)
    if action == "submit":
        # Numbered for the day it was submitted (the serial issued today stays unused).
        case.number = numbering.case_number(case.item.implementation_code, day)
    if action in ("submit", "resubmit"):
        case.received_on = cal.receipt_date(moment)
    if action == "accept":
        before = (case.promised_due, case.statutory_due)
        case.accepted_on = cal.receipt_date(moment)
        clock.recompute(case, cal)
        _redate_notice(case, "acceptance", before, (case.promised_due, case.statutory_due))
        _redate_tolerance(world, case)
    if action == "approve":
        policy = ClockPolicy.current()
        PostCheck.objects.filter(case_id=case_id, state="scheduled").update(
            due_on=cal.add_working_days(day, policy.postcheck_days)
        )
    if action == "start_special":
        case.paused_on = day
        SpecialProcedure.objects.filter(case=case, ended_on__isnull=True).update(started_on=day)
    if paused_on is not None and case.paused_on is None:
        # The pause ended in this step: count its days up to the story's day, not today.
        counted_working = max(cal.working_days_between(paused_on, world.today), 0)
        counted_natural = max((world.today - paused_on).days, 0)
        working = max(cal.working_days_between(paused_on, day), 0)
        natural = max((day - paused_on).days, 0)
        case.suspended_working_days += working - counted_working
        case.suspended_natural_days += natural - counted_natural
        clock.recompute(case, cal)
        SpecialProcedure.objects.filter(case=case, started_on=paused_on).update(
            ended_on=day, days_not_counted=natural if case.promised_unit == "natural" else working
        )
    if action in ("approve", "deny") and case.promised_due is not None:
        case.decided_on_time = day <= case.promised_due
    case.save()


def _redate_tolerance(world: _World, case: Case) -> None:
    """The deadline for tolerated materials counts from the story's acceptance day."""
    rows = CaseMaterial.objects.filter(case=case, status="tolerated", supplied_at__isnull=True)
    old = rows.values_list("due_on", flat=True).first()
    if old is None or case.accepted_on is None:
        return
    due = world.cal.add_working_days(case.accepted_on, ClockPolicy.current().tolerance_days)
    if case.promised_due is not None:
        due = max(min(due, case.promised_due), case.accepted_on)
    rows.update(due_on=due)
    for notice in CaseNotice.objects.filter(case=case, kind="tolerance"):
        notice.body = notice.body.replace(f"{old:{_NOTICE_DATE}}", f"{due:{_NOTICE_DATE}}")
        notice.save(update_fields=["body"])


def _redate_notice(
    case: Case, kind: str, before: tuple[dt.date | None, ...], after: tuple[dt.date | None, ...]
) -> None:
    swap = {
        f"{old:{_NOTICE_DATE}}": f"{new:{_NOTICE_DATE}}"
        for old, new in zip(before, after, strict=True)
        if old is not None and new is not None and old != new
    }
    if not swap:
        return
    pattern = re.compile("|".join(map(re.escape, swap)))
    for notice in CaseNotice.objects.filter(case=case, kind=kind):
        notice.body = pattern.sub(lambda m: swap[m.group()], notice.body)
        notice.save(update_fields=["body"])


def _pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII), to stand in for a scanned material."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def _upload(case: Case, actor: User, material: Material) -> None:
    content = _pdf(f"onewindow demo - case {case.pk} - material {material.pk}")
    services.material_add(
        actor=actor,
        case_id=case.pk,
        material_id=material.pk,
        upload=SimpleUploadedFile(f"{material.name}.pdf", content, "application/pdf"),
    )


def _materials(story: Story, case: Case, actor: User, *, draft: bool) -> None:
    """The window records the paper it received (and what it tolerates as missing);
    online applicants upload the required materials (a draft, only the first)."""
    required = list(Material.objects.filter(version_id=case.version_id, required=True))
    if draft:
        required = required[:1]
    for material in required:
        if actor.username == CLERK:
            tolerated = material.name in story.tolerated
            services.material_add(
                actor=actor,
                case_id=case.pk,
                material_id=material.pk,
                status=CaseMaterial.Status.TOLERATED if tolerated else CaseMaterial.Status.RECEIVED,
                paper_received=not tolerated,
                note="申请人承诺五个工作日内补交" if tolerated else "",
            )
        else:
            _upload(case, actor, material)


def _item(world: _World, key: tuple[str, str]) -> Item:
    department, basic_code = key
    item = Item.objects.get(department=world.departments[department], basic_code=basic_code)
    if not ItemHall.objects.filter(item=item, hall=world.county_hall).exists():
        # Every story is handled at the county centre (the demo clerk's hall).
        halls = list(ItemHall.objects.filter(item=item).values_list("hall_id", "mode"))
        catalog_services.item_set_halls(
            actor=None,
            item_id=item.pk,
            halls=[*halls, (world.county_hall.pk, str(ItemHall.Mode.DIRECT))],
        )
    return item


def tell(world: _World, story: Story) -> Case:
    """Create the story's case and take its steps, each back-dated to its moment."""
    item = _item(world, story.item)
    creator = world.actor(story.by, story)
    who: dict[str, Any] = {}
    if story.applicant == ENTERPRISE:
        who["enterprise_id"] = world.enterprise.pk
        if story.by == CLERK:
            who["applicant_id"] = world.users["qiye"].pk  # the agent who came to the window
    elif story.by == CLERK:
        who["applicant_id"] = world.users[story.applicant].pk
    moments = [world.moment(*story.filed), *(world.moment(d, t) for d, t, *_ in story.steps)]
    _check_order(story.key, moments)
    since = timezone.now()
    case = services.case_create(
        actor=creator,
        item_id=item.pk,
        channel=story.channel,
        form_data=story.form,
        proxy_region=story.proxy_region,
        **who,
    )
    _materials(story, case, creator, draft=not story.steps)
    if moments[0] is not None:
        _backdate(world, case.pk, since=since, moment=moments[0], action="create")
    for (_d, _t, who_name, action, payload), moment in zip(story.steps, moments[1:], strict=True):
        do = _action(case.pk, world.actor(who_name, story), action, payload)
        paused_on = None
        if action in _RESUMING:
            paused_on = Case.objects.values_list("paused_on", flat=True).get(pk=case.pk)
        since = timezone.now()
        do()
        if moment is not None:
            _backdate(
                world, case.pk, since=since, moment=moment, action=action, paused_on=paused_on
            )
    return Case.objects.get(pk=case.pk)


def _check_order(key: str, moments: list[dt.datetime | None]) -> None:
    """A story's moments run forward, and the steps taken now come last."""
    past = [m for m in moments if m is not None]
    if past != sorted(past) or moments[: len(past)] != past:
        raise ValueError(f"演示办件“{key}”的步骤时间顺序不对")


def _action(case_id: int, actor: User, action: str, payload: dict[str, Any]) -> Callable[[], Any]:
    if action in _FRONT_OF_HOUSE:
        return lambda: _FRONT_OF_HOUSE[action](case_id, actor, payload)
    if action == "upload":
        case = Case.objects.get(pk=case_id)
        material = Material.objects.get(version_id=case.version_id, name=payload["material"])
        return lambda: _upload(case, actor, material)
    kwargs = dict(payload)
    if "kind" in kwargs:
        kwargs["kind_id"] = SpecialProcedureKind.objects.get(name=kwargs.pop("kind")).pk
    service = cast(Callable[..., Case], services.ACTIONS[action])
    return lambda: service(actor=actor, case_id=case_id, **kwargs)


def _commit(case_id: int, actor: User, payload: dict[str, Any]) -> Any:
    online = payload["kind"] == "notification"
    return services.commitment_record(
        actor=actor,
        case_id=case_id,
        kind=payload["kind"],
        signer_name=payload.get("signer") or actor.name,
        via="online" if online else "paper",
    )


def _collect(case_id: int, actor: User, payload: dict[str, Any]) -> Any:
    return services.deliver_result(
        actor=actor,
        case_id=case_id,
        method="window",
        collector_name=payload["name"],
        collector_id_number=payload["id_number"],
        signature=DEMO_SIGNATURE,
    )


def _post(case_id: int, actor: User, payload: dict[str, Any]) -> Any:
    return services.deliver_result(
        actor=actor,
        case_id=case_id,
        method="post",
        courier=payload["courier"],
        tracking_number=payload["tracking_number"],
        address=payload.get("address", PARK),
    )


def _forward(case_id: int, actor: User, payload: dict[str, Any]) -> Any:
    case = Case.objects.get(pk=case_id)
    return proxy.forward(
        actor=actor,
        case_id=case_id,
        return_method=payload["return_method"],
        source_region=case.proxy_region,
    )


def _postcheck(case_id: int, actor: User, payload: dict[str, Any]) -> Any:
    check = PostCheck.objects.get(case_id=case_id)
    return commitment.postcheck_record(
        actor=actor, check_id=check.pk, truthful=payload["truthful"], note=payload["note"]
    )


_FRONT_OF_HOUSE: dict[str, Callable[[int, User, dict[str, Any]], Any]] = {
    "commit": _commit,
    "collect": _collect,
    "post": _post,
    "forward": _forward,
    "postcheck": _postcheck,
}


# --------------------------------------------------------------------------------------------
# Calendar and supervision
# --------------------------------------------------------------------------------------------
def ensure_calendar(today: dt.date) -> None:
    """Declare, with the weekday rule, the years around today that have no holiday data
    (chinese-calendar stops at 2026), so the demo's back-dated histories and due dates —
    and the cases people create while trying the demo — never meet `CalendarUnavailable`.
    A real county enters the State Council's arrangement instead (admin: 工作日历调整)."""
    cal = Calendar()
    start, end = today - dt.timedelta(days=60), today + dt.timedelta(days=120)
    for year in range(start.year, end.year + 1):
        if not cal.covers(year):
            entry, created = CalendarYear.objects.get_or_create(
                year=year,
                defaults={
                    "source": f"演示数据：{year} 年节假日安排尚未录入，暂按周一至周五上班计算",
                },
            )
            if created:
                audit.record(
                    code="core.calendar_year.demo_declared", obj=entry, after={"year": year}
                )


def _supervise(world: _World, case: Case) -> None:
    order = SupervisionOrder.objects.filter(
        subject_type=ContentType.objects.get_for_model(Case),
        subject_id=case.pk,
        state=SupervisionOrder.State.OPEN,
    ).first()
    if order is None:
        return
    ducha = world.users["ducha"]
    supervision.follow_up(
        actor=ducha,
        order_id=order.pk,
        note="请县市场监管局说明超期原因，并于三个工作日内作出决定。",
    )
    supervision.reply(
        actor=world.users["shenpi"],
        order_id=order.pk,
        note="罚款缴纳凭证需向县财政局核实，已发函，预计两个工作日内作出决定。",
    )
    supervision.talk(
        actor=ducha,
        order_id=order.pk,
        note="约谈县市场监管局承办人，指出信用修复审查超期，要求建立跨部门核实限时机制。",
        participants="周涛（县行政审批局督查）、赵军（县市场监管局承办人）、刘洋（县市场监管局）",
        talk_on=world.today,
    )


# --------------------------------------------------------------------------------------------
# The loader
# --------------------------------------------------------------------------------------------
def told() -> dict[str, int]:
    """Story key → case id, for every story already in the audit trail."""
    from onewindow.demo import stories_told

    return stories_told(DEMO_EVENT)


def load(ctx: Any) -> None:
    done = told()
    pending = [story for story in STORIES if story.key not in done]
    for _story in STORIES[len(pending) :]:
        ctx.count(False)
    if pending:
        today = timezone.localdate()
        ensure_calendar(today)
        world = _World(
            today=today,
            cal=Calendar(),
            users={u.username: u for u in User.objects.filter(username__in=_LOGINS)},
            enterprise=Enterprise.objects.get(uscc=COMPANY["enterprise.uscc"]),
            departments=ctx.objects["departments"],
            county_hall=ctx.objects["halls"]["county"],
        )
        supervised = []
        for story in pending:
            case = tell(world, story)
            audit.record(
                code=DEMO_EVENT,
                obj=case,
                after={
                    "key": story.key,
                    "number": case.number,
                    "note": "演示数据：办理过程已回溯到此前的工作日",
                },
            )
            done[story.key] = case.pk
            ctx.count(True)
            if story.supervise:
                supervised.append(case)
        if not Case.objects.exclude(pk__in=list(done.values())).exists():
            sweeps.run_all()
            for case in supervised:
                _supervise(world, case)
    by_pk = Case.objects.in_bulk(list(done.values()))
    ctx.objects["cases"] = {key: by_pk[pk] for key, pk in done.items() if pk in by_pk}
