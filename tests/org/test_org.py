from __future__ import annotations

import datetime as dt

import pytest

from onewindow.core.errors import Conflict, InvalidInput, PermissionDenied
from onewindow.core.models import AuditEvent
from onewindow.org import hours, services
from onewindow.org.demo import usc_code
from onewindow.org.models import Department, Division, Hall, Window

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_demo_county_matches_the_seeds(county):
    assert Division.objects.get(code="610326000000").name == "眉县"
    towns = Division.objects.filter(parent__code="610326000000")
    assert towns.count() == 8
    assert set(towns.values_list("name", flat=True)) >= {"首善街道", "横渠镇", "齐镇"}
    operator = Department.objects.get(is_platform_operator=True)
    assert operator.name == "眉县行政审批服务局"
    for short in [
        "县公安局",
        "县人社局",
        "县医保局",
        "县税务局",
        "县市场监管局",
        "县卫健局",
        "县教体局",
        "县民政局",
        "县残联",
        "县住建局",
        "县自然资源局",
        "县交通局",
        "县发改局",
        "县住房公积金管理中心",
    ]:
        assert Department.objects.filter(short_name=short).exists(), short
    center = Hall.objects.get(kind=Hall.Kind.COUNTY_CENTER)
    assert set(center.windows.values_list("kind", flat=True)) == set(Window.Kind.values)
    assert Division.objects.get(code="610326100201").full_name == "眉县横渠镇横渠村"


def test_demo_loader_is_idempotent(county):
    from onewindow import demo

    counts = (
        Division.objects.count(),
        Department.objects.count(),
        Window.objects.count(),
        AuditEvent.objects.count(),
    )
    again = demo.load_all(upto="onewindow.identity.demo")
    assert again.created == 0
    assert (
        Division.objects.count(),
        Department.objects.count(),
        Window.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"code": "61032610000", "name": "x", "kind": "village", "parent_code": "610326100000"},
            "12 位",
        ),
        (
            {"code": "610326100299", "name": "x", "kind": "village", "parent_code": "999999999999"},
            "不存在",
        ),
        (
            {"code": "610327100299", "name": "x", "kind": "village", "parent_code": "610326100000"},
            "前缀",
        ),
        ({"code": "610326100299", "name": "x", "kind": "village"}, "上级区划"),
        (
            {"code": "610326100299", "name": "x", "kind": "hamlet", "parent_code": "610326100000"},
            "类别",
        ),
        (
            {"code": "610326100299", "name": "x", "kind": "village", "parent_code": "610326000000"},
            "层级",
        ),
    ],
)
def test_bad_divisions_are_refused(county, kwargs, message):
    before = Division.objects.count()
    with pytest.raises(InvalidInput, match=message):
        services.division_create(actor=None, **kwargs)
    assert Division.objects.count() == before


def test_departments_are_validated(users):
    admin = users["admin"]
    good = usc_code(900)
    with pytest.raises(InvalidInput, match="校验位"):
        services.department_create(
            actor=admin,
            name="新部门",
            short_name="新",
            uscc=good[:-1] + ("0" if good[-1] != "0" else "1"),
            division_code="610326000000",
        )
    with pytest.raises(InvalidInput, match="不存在"):
        services.department_create(
            actor=admin, name="新部门", short_name="新", uscc=good, division_code="610326999000"
        )
    with pytest.raises(Conflict, match="只能有一个"):
        services.department_create(
            actor=admin,
            name="新部门",
            short_name="新",
            uscc=good,
            division_code="610326000000",
            is_platform_operator=True,
        )
    with pytest.raises(PermissionDenied):
        services.department_create(
            actor=users["bumen"],
            name="新部门",
            short_name="新",
            uscc=good,
            division_code="610326000000",
        )
    dept = services.department_create(
        actor=admin, name="新部门", short_name="新", uscc=good.lower(), division_code="610326000000"
    )
    assert dept.uscc == good
    with pytest.raises(Conflict, match="已被其他部门使用"):
        services.department_create(
            actor=admin, name="另一个", short_name="另", uscc=good, division_code="610326000000"
        )
    updated = services.department_update(actor=admin, department_id=dept.pk, phone="0917-1")
    assert updated.phone == "0917-1"
    event = AuditEvent.objects.filter(code="org.department.updated").get()
    assert (event.before["phone"], event.after["phone"]) == ("", "0917-1")


def test_windows_respect_hall_scope(users, county):
    center = county["halls"]["county"]
    town = county["halls"]["横渠镇"]
    hall_admin = users["dating"]  # county centre
    w = services.window_create(
        actor=hall_admin,
        hall_id=center.pk,
        number="D01",
        name="新窗口",
        kind="comprehensive",
        opening_hours="1-5 09:00-12:00",
    )
    with pytest.raises(PermissionDenied):
        services.window_create(
            actor=hall_admin, hall_id=town.pk, number="09", name="x", kind="comprehensive"
        )
    with pytest.raises(Conflict, match="D01"):
        services.window_create(
            actor=hall_admin, hall_id=center.pk, number="D01", name="x", kind="comprehensive"
        )
    with pytest.raises(InvalidInput, match="时间段"):
        services.window_update(actor=hall_admin, window_id=w.pk, opening_hours="1-5 9点-12点")
    with pytest.raises(InvalidInput, match="类别"):
        services.window_update(actor=hall_admin, window_id=w.pk, kind="vip")
    w = services.window_update(
        actor=hall_admin,
        window_id=w.pk,
        kind="tidal",
        department_ids=[county["departments"]["县税务局"].pk],
    )
    assert w.kind == "tidal"
    assert list(w.departments.values_list("short_name", flat=True)) == ["县税务局"]


@pytest.mark.parametrize(
    ("text", "moment", "is_open"),
    [
        ("1-5 09:00-12:00,13:30-17:30", dt.datetime(2026, 11, 23, 9, 0), True),  # Monday 9:00
        ("1-5 09:00-12:00,13:30-17:30", dt.datetime(2026, 11, 23, 12, 0), False),
        ("1-5 09:00-12:00,13:30-17:30", dt.datetime(2026, 11, 22, 10, 0), False),  # Sunday
        ("1-5 09:00-12:00; 6-7 09:00-11:00", dt.datetime(2026, 11, 22, 10, 0), True),
        ("1,3,5 14:00-16:00", dt.datetime(2026, 11, 25, 15, 0), True),  # Wednesday
        ("", dt.datetime(2026, 11, 23, 10, 0), False),
    ],
)
def test_opening_hours(text, moment, is_open):
    assert hours.is_open(text, moment.replace(tzinfo=SHANGHAI)) is is_open


def test_opening_hours_display_and_errors():
    assert hours.display("1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00") == (
        "周一至周五 09:00–12:00、13:30–17:30；周六 09:00–12:00"
    )
    for bad, message in [
        ("8 09:00-10:00", "1–7"),
        ("1-5", "缺少时间段"),
        ("1-5 10:00-09:00", "晚于"),
        ("1-5 25:00-26:00", "不存在"),
        ("5-1 09:00-10:00", "从小到大"),
        ("x 09:00-10:00", "星期"),
    ]:
        with pytest.raises(hours.HoursError, match=message):
            hours.parse(bad)
