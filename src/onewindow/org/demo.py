"""眉县 (610326): divisions, departments, halls and windows."""

from __future__ import annotations

from typing import Any

from onewindow.core.validators import uscc_check_char

from . import services
from .models import Department, Division, Hall, Window

COUNTY = ("610326000000", "眉县")
TOWNS = [
    ("610326001000", "首善街道", "street"),
    ("610326100000", "横渠镇", "town"),
    ("610326101000", "槐芽镇", "town"),
    ("610326102000", "汤峪镇", "town"),
    ("610326103000", "常兴镇", "town"),
    ("610326104000", "金渠镇", "town"),
    ("610326105000", "营头镇", "town"),
    ("610326106000", "齐镇", "town"),
]
VILLAGES = [
    ("610326001001", "东大街社区", "community"),
    ("610326001002", "西大街社区", "community"),
    ("610326001201", "城关村", "village"),
    ("610326100201", "横渠村", "village"),
    ("610326100202", "崖下村", "village"),
    ("610326101201", "槐芽村", "village"),
    ("610326101202", "西铺村", "village"),
    ("610326102201", "汤峪村", "village"),
    ("610326103201", "常兴村", "village"),
    ("610326104201", "金渠村", "village"),
    ("610326105201", "营头村", "village"),
    ("610326106201", "齐镇村", "village"),
]

# (full name, short name as the seeds write it, platform operator?)
DEPARTMENTS = [
    ("眉县行政审批服务局", "县行政审批局", True),
    ("眉县人民政府办公室", "县政府办", False),
    ("眉县公安局", "县公安局", False),
    ("眉县人力资源和社会保障局", "县人社局", False),
    ("眉县医疗保障局", "县医保局", False),
    ("国家税务总局眉县税务局", "县税务局", False),
    ("眉县市场监督管理局", "县市场监管局", False),
    ("眉县卫生健康局", "县卫健局", False),
    ("眉县教育体育局", "县教体局", False),
    ("眉县民政局", "县民政局", False),
    ("眉县残疾人联合会", "县残联", False),
    ("眉县住房和城乡建设局", "县住建局", False),
    ("眉县自然资源局", "县自然资源局", False),
    ("眉县交通运输局", "县交通局", False),
    ("眉县发展和改革局", "县发改局", False),
    ("宝鸡市住房公积金管理中心眉县管理部", "县住房公积金管理中心", False),
    ("眉县城市管理执法局", "县城管执法局", False),
    ("眉县消防救援大队", "县消防救援大队", False),
    ("眉县水利局", "县水利局", False),
    ("眉县商务和工业信息化局", "县商务和工业信息化局", False),
    ("宝鸡市生态环境局眉县分局", "县生态环境局", False),
    ("眉县文化和旅游局", "县文旅局", False),
    ("眉县应急管理局", "县应急管理局", False),
    ("眉县人民法院", "县法院", False),
    ("眉县司法局", "县司法局", False),
]

COUNTY_HOURS = "1-5 09:00-12:00,13:00-17:00; 6 09:00-12:00"
TOWN_HOURS = "1-5 08:30-12:00,14:00-17:30"
TIDAL_HOURS = "1-5 12:00-13:00,17:00-18:30; 6-7 09:00-12:00"

COUNTY_WINDOWS = [
    ("A01", "综合受理窗口一", "comprehensive", []),
    ("A02", "综合受理窗口二", "comprehensive", []),
    ("A03", "综合受理窗口三", "comprehensive", []),
    ("A04", "“高效办成一件事”窗口", "comprehensive", []),
    ("A05", "企业开办综合窗口", "comprehensive", ["县行政审批局", "县税务局", "县公安局"]),
    ("A06", "统一出件窗口", "comprehensive", []),
    ("B01", "公安户籍窗口", "professional", ["县公安局"]),
    ("B02", "税务窗口", "professional", ["县税务局"]),
    ("B03", "不动产登记窗口", "professional", ["县自然资源局"]),
    ("B04", "社保医保窗口", "professional", ["县人社局", "县医保局"]),
    ("B05", "住房公积金窗口", "professional", ["县住房公积金管理中心"]),
    ("C01", "帮办代办窗口", "help", []),
    ("C02", "“办不成事”反映窗口", "cant_do", []),
    ("C03", "跨域通办窗口", "cross_region", []),
    ("C04", "潮汐窗口", "tidal", []),
    ("C05", "中介服务窗口", "intermediary", []),
]


def usc_code(index: int, *, category: str = "11") -> str:
    """A well-formed demo USCC for a government body (登记管理部门 1 = 机构编制)."""
    first17 = f"{category}610326{'MB'}{index:07d}"
    return first17 + uscc_check_char(first17)


def _division(ctx: Any, code: str, name: str, kind: str, parent: str | None) -> None:
    exists = Division.objects.filter(code=code).exists()
    if not exists:
        services.division_create(actor=None, code=code, name=name, kind=kind, parent_code=parent)
    ctx.count(not exists)


def load(ctx: Any) -> None:
    _division(ctx, *COUNTY, "county", None)
    for code, name, kind in TOWNS:
        _division(ctx, code, name, kind, COUNTY[0])
    for code, name, kind in VILLAGES:
        _division(ctx, code, name, kind, code[:9] + "000")

    departments: dict[str, Department] = {}
    for index, (name, short, operator) in enumerate(DEPARTMENTS, start=1):
        dept = Department.objects.filter(name=name).first()
        ctx.count(dept is None)
        if dept is None:
            dept = services.department_create(
                actor=None,
                name=name,
                short_name=short,
                uscc=usc_code(index),
                division_code=COUNTY[0],
                is_platform_operator=operator,
                phone=f"0917-55{index:05d}"[:13],
                supervision_phone="0917-12345",
            )
        departments[short] = dept
    for index, (code, name, _kind) in enumerate(TOWNS, start=len(DEPARTMENTS) + 1):
        full = f"眉县{name}{'办事处' if name.endswith('街道') else '人民政府'}"
        dept = Department.objects.filter(name=full).first()
        ctx.count(dept is None)
        if dept is None:
            dept = services.department_create(
                actor=None,
                name=full,
                short_name=name,
                uscc=usc_code(index),
                division_code=code,
            )
        departments[name] = dept
    ctx.objects["departments"] = departments

    bureau = departments["县行政审批局"]
    center = _hall(
        ctx,
        name="眉县政务服务中心",
        kind="county_center",
        division=COUNTY[0],
        department=bureau,
        address="眉县首善街道平阳街政务服务中心",
        phone="0917-5512345",
        hours=COUNTY_HOURS,
    )
    _hall(
        ctx,
        name="眉县经开区政务服务中心",
        kind="sub_center",
        division=TOWNS[0][0],
        department=bureau,
        address="眉县经济技术开发区管委会一楼",
        phone="0917-5598765",
        hours=COUNTY_HOURS,
        parent=center,
    )
    halls = {"county": center}
    for code, name, _kind in TOWNS:
        halls[name] = _hall(
            ctx,
            name=f"{name}便民服务中心",
            kind="town_center",
            division=code,
            department=departments[name],
            address=f"眉县{name}政府院内",
            phone="",
            hours=TOWN_HOURS,
            parent=center,
        )
    for code, name, _kind in VILLAGES[:4]:
        town_name = next(t[1] for t in TOWNS if t[0][:9] == code[:9])
        _hall(
            ctx,
            name=f"{name}便民服务站",
            kind="village_station",
            division=code,
            department=departments[town_name],
            address=f"眉县{town_name}{name}",
            phone="",
            hours="1-5 09:00-12:00",
            parent=halls[town_name],
        )
    ctx.objects["halls"] = halls

    for number, name, kind, dept_names in COUNTY_WINDOWS:
        _window(
            ctx,
            center,
            number,
            name,
            kind,
            [departments[d].pk for d in dept_names],
            TIDAL_HOURS if kind == "tidal" else "",
        )
    for _code, town_name, _kind in TOWNS:
        _window(ctx, halls[town_name], "01", "综合受理窗口", "comprehensive", [], "")
        _window(ctx, halls[town_name], "02", "帮办代办窗口", "help", [], "")


def _hall(
    ctx: Any,
    *,
    name: str,
    kind: str,
    division: str,
    department: Department,
    address: str,
    phone: str,
    hours: str,
    parent: Hall | None = None,
) -> Hall:
    hall = Hall.objects.filter(name=name).first()
    ctx.count(hall is None)
    if hall is None:
        hall = services.hall_create(
            actor=None,
            name=name,
            kind=kind,
            division_code=division,
            parent_id=parent.pk if parent else None,
            managing_department_id=department.pk,
            address=address,
            phone=phone,
            opening_hours=hours,
        )
    return hall


def _window(
    ctx: Any, hall: Hall, number: str, name: str, kind: str, dept_ids: list[int], hours: str
) -> None:
    exists = Window.objects.filter(hall=hall, number=number).exists()
    ctx.count(not exists)
    if not exists:
        services.window_create(
            actor=None,
            hall_id=hall.pk,
            number=number,
            name=name,
            kind=kind,
            department_ids=dept_ids,
            opening_hours=hours,
        )
