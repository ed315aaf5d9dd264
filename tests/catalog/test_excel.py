"""Excel exchange of the catalog: export, validation row by row, import, the import job and
its API."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import openpyxl
import pytest

from onewindow.catalog import excel, search, selectors, services
from onewindow.catalog.content import content_of
from onewindow.catalog.models import (
    DataElement,
    FormField,
    ImportJob,
    Item,
    ItemVersion,
    Material,
    MaterialType,
    Review,
    SearchPosting,
    Theme,
    VersionStatus,
)
from onewindow.core import audit
from onewindow.core.errors import InvalidInput, PermissionDenied
from onewindow.core.models import AuditEvent

API = "/api/v1/catalog"

FOOD = "000103001000"  # 食品经营许可, 县市场监管局
BIRTH = "000107002000"  # 出生医学证明, 县卫健局
TOWN = "000103001000"  # 食品经营许可 delegated to 横渠镇


# --- a small published catalog, built through the services ------------------------------------
def _food_content() -> dict[str, Any]:
    return {
        "name": "食品经营许可",
        "item_type": "01",
        "level": 4,
        "legal_basis": "《中华人民共和国食品安全法》第三十五条",
        "service_objects": "126",
        # A leading "=" must stay text (never a formula); CR LF must survive the round trip.
        "conditions": "=具有与经营的食品品种相适应的经营场所；\r\n有食品安全管理人员。",
        "process": [
            {"name": "受理", "department": "眉县行政审批服务局", "role": "window_clerk"},
            {"name": "审查｜现场核查", "department": "眉县市场监督管理局", "role": "approver"},
            {"name": "决定", "department": "眉县市场监督管理局", "role": "approver"},
        ],
        "handling_type": 2,
        "statutory_limit": 20,
        "statutory_unit": "working",
        "statutory_note": "",
        "promised_limit": 5,
        "promised_unit": "working",
        "promised_note": "不含现场勘验时间",
        "charges_fee": True,
        "fee_standard": "工本费 10 元",
        "fee_basis": "陕价费发〔2020〕1 号",
        "result_name": "食品经营许可证",
        "result_licence_type": "食品经营许可证",
        "quantity_limit": "无数量限制",
        "annual_inspection": False,
        "special_procedures": [
            {"kind": "现场勘验", "max_days": 5},
            {"kind": "公示", "max_days": 3},
        ],
        "intermediary_services": "",
        "channels": "123",
        "online_depth": 4,
        "visits": 0,
        "appointment": True,
        "postal_delivery": True,
        "cross_region_scope": "",
        "location": "眉县政务服务中心 A05 窗口",
        "hours": "周一至周五 09:00–12:00、13:00–17:00",
        "phone": "0917-5512345",
        "supervision_phone": "0917-12345",
        "faq": [
            {"q": "小餐饮需要办理吗？", "a": "不需要。\n小餐饮办理登记证｜不办理本许可。"},
            {"q": "可以邮寄吗?", "a": "可以，路径 C:\\证照\\"},
        ],
        "high_frequency": True,
        "tolerant_acceptance": True,
        "commitment": False,
        "competent_department": "眉县市场监督管理局",
        "joint_departments": ["眉县卫生健康局", "眉县消防救援大队"],
        "themes": ["xe_move_e", "xe_restaurant"],
        "materials": [
            {
                "material_type": "食品经营许可申请书",
                "name": "食品经营许可申请书",
                "issuer": "",
                "originals": 1,
                "copies": 0,
                "form": "both",
                "required": True,
                "tolerable": False,
                "waivable": False,
                "source": "applicant",
                "licence_type": "",
                "notes": "法定代表人签字并加盖公章",
            },
            {
                "material_type": "营业执照",
                "name": "营业执照（副本）",
                "issuer": "市场监管部门",
                "originals": 0,
                "copies": 1,
                "form": "electronic",
                "required": True,
                "tolerable": False,
                "waivable": False,
                "source": "licence",
                "licence_type": "营业执照",
                "notes": "",
            },
            {
                "material_type": "食品安全管理制度文本",
                "name": "食品安全管理制度文本",
                "issuer": "",
                "originals": 1,
                "copies": 0,
                "form": "paper",
                "required": True,
                "tolerable": True,
                "waivable": False,
                "source": "applicant",
                "licence_type": "",
                "notes": "_x000D_ 原样保留",
            },
        ],
        "fields": [
            {"key": "xe.enterprise_name", "label": "", "required": True},
            {"key": "xe.uscc", "label": "申请企业统一社会信用代码", "required": True},
            {"key": "xe.address", "label": "", "required": False},
        ],
    }


def _birth_content() -> dict[str, Any]:
    return {
        "name": "出生医学证明首次签发",
        "item_type": "20",
        "level": 4,
        "legal_basis": "《中华人民共和国母婴保健法》第二十三条",
        "service_objects": "1",
        "conditions": "在本县医疗机构出生的新生儿。",
        "process": [{"name": "受理", "department": "眉县卫生健康局", "role": "window_clerk"}],
        "handling_type": 1,
        "statutory_limit": 1,
        "statutory_unit": "natural",
        "statutory_note": "当场办结",
        "promised_limit": 0,
        "promised_unit": "natural",
        "promised_note": "",
        "charges_fee": False,
        "fee_standard": "",
        "fee_basis": "",
        "result_name": "出生医学证明",
        "result_licence_type": "出生医学证明",
        "quantity_limit": "",
        "annual_inspection": True,
        "special_procedures": [],
        "intermediary_services": "无",
        "channels": "14",
        "online_depth": 2,
        "visits": 1,
        "appointment": False,
        "postal_delivery": False,
        "cross_region_scope": "跨省",
        "location": "眉县妇幼保健院",
        "hours": "周一至周日 08:00–18:00",
        "phone": "0917-5523456",
        "supervision_phone": "0917-12345",
        "faq": [],
        "high_frequency": False,
        "tolerant_acceptance": False,
        "commitment": True,
        "competent_department": "眉县卫生健康局",
        "joint_departments": [],
        "themes": ["xe_birth"],
        "materials": [
            {
                "material_type": "居民身份证",
                "name": "父母双方居民身份证",
                "issuer": "公安机关",
                "originals": 2,
                "copies": 0,
                "form": "both",
                "required": True,
                "tolerable": False,
                "waivable": False,
                "source": "licence",
                "licence_type": "居民身份证",
                "notes": "",
            },
            {
                "material_type": "结婚证",
                "name": "父母结婚证",
                "issuer": "婚姻登记机关",
                "originals": 1,
                "copies": 0,
                "form": "paper",
                "required": False,
                "tolerable": False,
                "waivable": True,
                "source": "government",
                "licence_type": "",
                "notes": "签署告知承诺书的免于提交",
            },
        ],
        "fields": [{"key": "xe.child_name", "label": "新生儿姓名", "required": True}],
    }


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def reference(county):
    for code, name, audience in [
        ("xe_restaurant", "开办餐饮店", "enterprise"),
        ("xe_birth", "生育收养", "person"),
        ("xe_move_p", "迁移", "person"),  # two themes named alike: exported by code
        ("xe_move_e", "迁移", "enterprise"),
    ]:
        Theme.objects.create(code=code, name=name, audience=audience)
    for key, label in [
        ("xe.enterprise_name", "企业名称"),
        ("xe.uscc", "统一社会信用代码"),
        ("xe.address", "经营场所"),
        ("xe.child_name", "新生儿姓名"),
    ]:
        DataElement.objects.create(key=key, label=label, type="text")


def _publish(version: ItemVersion, admin: Any) -> ItemVersion:
    services.version_submit(actor=admin, version_id=version.pk)
    services.version_approve(actor=admin, version_id=version.pk)
    return services.version_publish(actor=admin, version_id=version.pk)


@pytest.fixture
def catalog(county, users, reference) -> dict[str, Item]:
    """Three published items: a licence with every element filled in, an immediate public
    service, and the licence delegated to a town government."""
    admin = users["admin"]
    departments = county["departments"]
    made = {}
    for key, department, basic, content in [
        ("food", "县市场监管局", FOOD, _food_content()),
        ("birth", "县卫健局", BIRTH, _birth_content()),
        ("town", "横渠镇", TOWN, {**_food_content(), "level": 5, "themes": []}),
    ]:
        version = services.item_create(
            actor=admin,
            department_id=departments[department].pk,
            basic_code=basic,
            content=content,
            delegated_from_id=made["food"].pk if key == "town" else None,
        )
        _publish(version, admin)
        made[key] = Item.objects.get(pk=version.item_id)
    return made


def _contents() -> dict[str, dict[str, Any]]:
    return {
        v.item.implementation_code: {
            **content_of(v),
            "department": v.item.department.name,
            "delegated_from": v.item.delegated_from.implementation_code
            if v.item.delegated_from
            else None,
        }
        for v in excel.exportable_versions()
    }


def _wipe_catalog() -> None:
    """Leave the county with departments, themes and data elements but no catalog."""
    Item.objects.update(published_version=None, delegated_from=None)
    Item.objects.all().delete()
    MaterialType.objects.all().delete()


def _cells(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def _row(data: bytes, sheet: str, number: int) -> dict[str, Any]:
    rows = _cells(data)[sheet]
    return dict(zip(rows[0], rows[number - 1], strict=True))


def _edit(data: bytes, edits: Callable[[Any], None]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    edits(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _copy_row(ws: Any, source: int) -> None:
    """Append a copy of a row, text kept as text (a "=" in 受理条件 is not a formula)."""
    target = ws.max_row + 1
    for cell in ws[source]:
        copy = ws.cell(row=target, column=cell.column, value=cell.value)
        copy.data_type = cell.data_type


def _set(ws: Any, row: int, header: str, value: Any) -> None:
    headers = [c.value for c in ws[1]]
    ws.cell(row=row, column=headers.index(header) + 1, value=value)


COUNTED = (Item, ItemVersion, Material, MaterialType, FormField, Review, SearchPosting, AuditEvent)


@contextmanager
def nothing_written() -> Iterator[None]:
    before = {m.__name__: m.objects.count() for m in COUNTED}
    yield
    assert {m.__name__: m.objects.count() for m in COUNTED} == before


# --- export -----------------------------------------------------------------------------------
def test_export_writes_labels_and_one_line_per_entry(catalog):
    data = excel.export_workbook(excel.exportable_versions())
    food = catalog["food"]
    code = food.implementation_code

    row = _row(data, "事项", 2)
    assert row["实施编码"] == code
    assert row["基本编码"] == FOOD
    assert row["事项类型"] == "行政许可"
    assert row["行使层级"] == "县级"
    assert row["实施主体"] == "眉县市场监督管理局"
    assert row["联办部门"] == "眉县卫生健康局、眉县消防救援大队"
    assert row["服务对象"] == "自然人、企业法人、其他组织"
    assert row["办理形式"] == "窗口办理、网上办理、移动端办理"
    assert row["办件类型"] == "承诺件"
    assert row["法定办结时限"] == 20
    assert row["法定时限单位"] == "工作日"
    assert row["是否收费"] == "是"
    assert row["年检年报"] == "否"
    assert row["网办深度"] == "四级：全程网办"
    assert row["通办范围"] == "不通办"
    assert row[
        "受理条件"
    ] == "=具有与经营的食品品种相适应的经营场所；\r\n有食品安全管理人员。".replace("\r", "_x000D_")
    assert row["办理流程"] == (
        "受理｜眉县行政审批服务局｜window_clerk\n"
        "审查\\｜现场核查｜眉县市场监督管理局｜approver\n"
        "决定｜眉县市场监督管理局｜approver"
    )
    assert row["特别程序"] == "现场勘验｜5\n公示｜3"
    assert row["常见问题"] == (
        "小餐饮需要办理吗？｜不需要。\\n小餐饮办理登记证\\｜不办理本许可。\n"
        "可以邮寄吗?｜可以，路径 C:\\\\证照\\\\"
    )
    assert row["主题"] == "xe_move_e、开办餐饮店"  # "迁移" names two themes: written as code
    assert row["委托自"] is None

    town = _row(data, "事项", 4)
    assert town["行使层级"] == "乡镇（街道）级"
    assert town["实施主体"] == "眉县横渠镇人民政府"
    assert town["委托自"] == code

    birth = _row(data, "事项", 3)
    assert birth["事项类型"] == "公共服务"
    assert birth["办件类型"] == "即办件"
    assert birth["法定时限单位"] == "自然日"
    assert birth["通办范围"] == "跨省通办"
    assert birth["办理形式"] == "窗口办理、邮寄申请"
    assert birth["主题"] == "生育收养"

    materials = _cells(data)["申请材料"]
    assert materials[0] == tuple(c.header for c in excel.MATERIAL_COLUMNS)
    assert materials[2] == (
        code, 2, "营业执照（副本）", "营业执照", "市场监管部门", 0, 1, "电子", "是", "否", "否",
        "电子证照", "营业执照", None,
    )  # fmt: skip
    assert materials[3][-1] == "_x005F_x000D_ 原样保留"
    headers = list(materials[0])
    assert headers[headers.index("可容缺") + 1] == "告知承诺可免提交"
    waived = dict(zip(headers, materials[5], strict=True))  # birth, a 可告知承诺 item
    assert (waived["材料名称"], waived["告知承诺可免提交"]) == ("父母结婚证", "是")
    fields = _cells(data)["表单字段"]
    assert fields[0] == ("实施编码", "序号", "数据元代码", "显示名称", "是否必填")
    assert fields[1:4] == [
        (code, 1, "xe.enterprise_name", None, "是"),
        (code, 2, "xe.uscc", "申请企业统一社会信用代码", "是"),
        (code, 3, "xe.address", None, "否"),
    ]


def test_export_header_is_bold_frozen_and_codes_are_text(catalog):
    data = excel.export_workbook(excel.exportable_versions())
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["事项", "申请材料", "表单字段"]
    items = book["事项"]
    assert [c.value for c in items[1]] == [c.header for c in excel.ITEM_COLUMNS]
    assert all(c.font.b for c in items[1])
    assert items.freeze_panes == "A2"
    assert items.column_dimensions["A"].width >= 30
    assert items["A2"].number_format == "@"
    assert items["A2"].data_type == "s"
    assert items["K2"].value.startswith("=")  # 受理条件, kept as text
    assert items["K2"].data_type == "s"


# --- round trip -------------------------------------------------------------------------------
def test_round_trip_into_an_empty_county_reproduces_the_catalog(catalog, users):
    data = excel.export_workbook(excel.exportable_versions())
    before = _contents()
    _wipe_catalog()
    assert Item.objects.count() == 0

    result = excel.import_catalog(actor=users["admin"], data=data, publish=True)

    assert (result.items_created, result.items_updated, result.versions) == (3, 0, 3)
    assert (result.materials, result.fields) == (8, 7)
    assert _contents() == before
    again = excel.export_workbook(excel.exportable_versions())
    assert _cells(again) == _cells(data)
    # The dictionary entries were recreated with the materials that name them.
    assert MaterialType.objects.count() == 5


def test_parsed_rows_are_content_dicts(catalog):
    data = excel.export_workbook(excel.exportable_versions())
    items, errors = excel.parse_workbook(data)
    assert errors == []
    food = catalog["food"]
    (parsed,) = [p for p in items if p.implementation_code == food.implementation_code]
    assert parsed.content == content_of(food.published_version)
    assert (parsed.row, parsed.basic_code, parsed.department) == (2, FOOD, "眉县市场监督管理局")
    assert parsed.material_rows == [2, 3, 4]
    assert parsed.field_rows == [2, 3, 4]


def test_import_with_publish_replaces_the_published_versions(catalog, users):
    admin = users["admin"]
    food = catalog["food"]
    old = food.published_version
    data = excel.export_workbook(excel.exportable_versions())
    data = _edit(data, lambda book: _set(book["事项"], 2, "事项名称", "食品经营许可（含小餐饮）"))
    events = AuditEvent.objects.count()

    result = excel.import_catalog(actor=admin, data=data, publish=True)

    food.refresh_from_db()
    new = food.published_version
    assert (result.items_created, result.items_updated) == (0, 3)
    assert (new.number, new.based_on_id, new.status) == (2, old.pk, VersionStatus.PUBLISHED)
    assert new.name == "食品经营许可（含小餐饮）"
    assert new.published_at is not None
    assert new.created_by == admin
    old.refresh_from_db()
    assert old.status == VersionStatus.RETIRED
    assert old.retired_at == new.published_at
    assert list(new.reviews.values_list("action", "opinion", "actor")) == [
        ("publish", "Excel 导入", admin.pk)
    ]
    assert old.reviews.order_by("-id").values_list("action", "opinion")[0] == (
        "retire",
        "由第 2 版取代（Excel 导入）",
    )
    # The search index moved to the new versions.
    assert not SearchPosting.objects.filter(version=old).exists()
    hits = selectors.find_items(q="小餐饮").versions
    assert [v.pk for v in hits][:1] == [new.pk]
    assert SearchPosting.objects.filter(version=new).count() == len(
        search.postings_for(ItemVersion.objects.get(pk=new.pk))
    )
    # One event per imported version plus the summary.
    codes = list(
        AuditEvent.objects.filter(seq__gt=events).order_by("seq").values_list("code", flat=True)
    )
    assert codes == ["catalog.version.imported"] * 3 + ["catalog.imported"]
    summary = AuditEvent.objects.get(seq__gt=events, code="catalog.imported")
    assert summary.after == {
        "versions": 3,
        "items_created": 0,
        "items_updated": 3,
        "materials": 8,
        "fields": 7,
        "published": True,
    }
    assert audit.verify().ok


def test_import_without_publish_creates_drafts(catalog, users):
    bumen = users["bumen"]  # department admin of 县市场监管局
    data = _only_rows(excel.export_workbook(excel.exportable_versions()), keep={2})
    food = catalog["food"]
    published = food.published_version_id

    result = excel.import_catalog(actor=bumen, data=data, publish=False)

    (draft,) = ItemVersion.objects.filter(pk__in=result.version_ids)
    assert (draft.item_id, draft.number, draft.status) == (food.pk, 2, VersionStatus.DRAFT)
    assert draft.based_on_id == published
    assert draft.published_at is None
    assert content_of(draft) == content_of(ItemVersion.objects.get(pk=published))
    food.refresh_from_db()
    assert food.published_version_id == published
    assert not Review.objects.filter(version=draft).exists()
    assert not SearchPosting.objects.filter(version=draft).exists()
    assert result.summary() == (
        "已导入 1 个事项（新增 0 个，更新 1 个），均为草稿，请提交审核；申请材料 3 项，表单字段 3 个"
    )
    # The draft is a normal draft: it passes the quality rules and can be submitted.
    services.version_submit(actor=bumen, version_id=draft.pk)


def _only_rows(data: bytes, keep: set[int]) -> bytes:
    """The workbook with only the given "事项" rows and their materials and fields."""

    def edit(book: Any) -> None:
        items = book["事项"]
        codes = {items.cell(row=r, column=1).value for r in keep}
        for r in range(items.max_row, 1, -1):
            if r not in keep:
                items.delete_rows(r)
        for name in ("申请材料", "表单字段"):
            ws = book[name]
            for r in range(ws.max_row, 1, -1):
                if ws.cell(row=r, column=1).value not in codes:
                    ws.delete_rows(r)

    return _edit(data, edit)


# --- validation, row by row -------------------------------------------------------------------
def test_every_bad_row_is_reported_and_nothing_is_written(catalog, users):
    # Rows as exported: 2 food (县市场监管局), 3 birth (县卫健局), 4 town (横渠镇).
    birth, town = catalog["birth"], catalog["town"]
    data = excel.export_workbook(excel.exportable_versions())
    wrong_code = birth.department.uscc + "000103009000" + "1"

    def edit(book: Any) -> None:
        items, materials, fields = book["事项"], book["申请材料"], book["表单字段"]
        _copy_row(items, 4)  # row 5: the town row ...
        _set(items, 5, "实施编码", wrong_code)  # ... under another body's code
        _set(items, 2, "事项类型", "行政许可证")  # unknown label
        _set(items, 2, "法定办结时限", "二十")  # not a number
        _set(items, 2, "特别程序", "专家论证｜10")  # not an allowed kind
        _set(items, 2, "主题", "开饭店")  # unknown theme
        _set(items, 3, "实施主体", "眉县不存在局")  # unknown department
        _set(items, 3, "是否收费", "收")  # not 是/否
        _set(items, 4, "承诺办结时限", 30)  # promised > statutory (20)
        _set(materials, 3, "原件份数", -1)
        _set(materials, 7, "材料名称", "其他材料")  # vague
        materials.append([birth.implementation_code[:-1] + "9", 1, "居民身份证"])
        _set(fields, 2, "数据元代码", "xe.nope")

    bad = _edit(data, edit)
    with nothing_written(), pytest.raises(InvalidInput) as caught:
        excel.import_catalog(actor=users["admin"], data=bad, publish=True)

    errors = [
        (e["sheet"], e["row"], e["column"], e["message"]) for e in caught.value.details["errors"]
    ]
    kinds = "专家评审、公示、听证、拍卖、招标、检测、检疫、检验、现场勘验、鉴定"
    assert errors[0][:3] == ("事项", 2, "事项类型")
    assert errors[0][3].startswith("“行政许可证”不是有效的值，可选：行政许可、行政处罚、")
    assert errors[1:] == [
        ("事项", 2, "法定办结时限", "应为整数，现为“二十”"),
        ("事项", 2, "特别程序", f"第 1 条：特别程序“专家论证”不在允许的种类中（{kinds}）"),
        ("事项", 2, "主题", "主题“开饭店”不存在"),
        (
            "事项",
            3,
            "实施主体",
            "部门“眉县不存在局”不存在，请填写部门全称（如“眉县市场监督管理局”）",
        ),
        ("事项", 3, "是否收费", "应填“是”或“否”，现为“收”"),
        ("事项", 4, "承诺办结时限", "承诺时限 30 个工作日超过法定时限 20 个工作日"),
        (
            "事项",
            5,
            "实施编码",
            f"实施编码前 18 位应为实施主体（眉县横渠镇人民政府）的统一社会信用代码 {town.department.uscc}",
        ),
        ("事项", 5, "实施编码", "实施编码第 19–30 位应与基本编码一致"),
        ("事项", 5, "实施编码", "“申请材料”表中没有该事项的材料，至少列出一项申请材料"),
        ("事项", 5, "实施编码", "“表单字段”表中没有该事项的字段，缺少申请表单字段"),
        ("申请材料", 3, "原件份数", "不能为负数"),
        ("申请材料", 7, "材料名称", "含模糊表述“其他材料”，请写明具体材料名称"),
        (
            "申请材料",
            10,
            "实施编码",
            f"实施编码“{birth.implementation_code[:-1]}9”不在“事项”表中，请核对编码",
        ),
        ("表单字段", 2, "数据元代码", "数据元“xe.nope”不存在，请先在数据元目录中登记"),
    ]
    # The birth row's own material and field rows (申请材料 5–6, 表单字段 5) are not reported:
    # its errors are, on the "事项" sheet.
    assert caught.value.code == "import_invalid"
    assert caught.value.message.startswith(
        "文件未通过校验，共 15 处问题，未导入任何数据。“事项”表第 2 行“事项类型”列："
    )


def test_duplicate_codes_and_open_versions_are_row_errors(catalog, users):
    admin = users["admin"]
    food, birth = catalog["food"], catalog["birth"]
    data = excel.export_workbook(excel.exportable_versions())
    services.version_new_draft(actor=admin, item_id=birth.pk)

    def edit(book: Any) -> None:
        items = book["事项"]
        _copy_row(items, 2)  # row 5 repeats row 2

    bad = _edit(data, edit)
    with nothing_written(), pytest.raises(InvalidInput) as caught:
        excel.import_catalog(actor=admin, data=bad, publish=True)

    assert [(e["row"], e["column"], e["message"]) for e in caught.value.details["errors"]] == [
        (
            3,
            "实施编码",
            "该事项已有未发布的第 2 版（草稿），请先发布、退回或删除该版本后再导入",
        ),
        (5, "实施编码", f"实施编码“{food.implementation_code}”与第 2 行重复"),
    ]


def test_a_missing_column_is_one_clear_error(catalog, users):
    data = excel.export_workbook(excel.exportable_versions())
    position = [c.header for c in excel.ITEM_COLUMNS].index("办件类型") + 1
    bad = _edit(data, lambda book: book["事项"].delete_cols(position))

    items, errors = excel.parse_workbook(bad)

    assert items == []
    assert [e.as_dict() for e in errors] == [
        {
            "sheet": "事项",
            "row": 1,
            "column": "办件类型",
            "message": "缺少列“办件类型”，请使用导出的模板",
        }
    ]
    with nothing_written(), pytest.raises(InvalidInput):
        excel.import_catalog(actor=users["admin"], data=bad, publish=True)


def test_a_missing_sheet_and_an_unreadable_file(catalog):
    data = excel.export_workbook(excel.exportable_versions())
    bad = _edit(data, lambda book: book.remove(book["表单字段"]))
    _, errors = excel.parse_workbook(bad)
    assert [str(e) for e in errors] == [
        "“表单字段”表第 0 行：缺少工作表“表单字段”（应有：事项、申请材料、表单字段）"
    ]
    middle = len(data) // 2
    for junk, message in [
        (b"", "上传的文件是空的"),
        (b"name,code\n", "文件不是有效的 Excel（.xlsx）文件"),
        (b"PK\x03\x04broken", "文件不是有效的 Excel（.xlsx）文件"),
        (data[:middle], "文件不是有效的 Excel（.xlsx）文件"),  # cut short
        (data[:middle] + bytes(200) + data[middle + 200 :], "文件不是有效的 Excel（.xlsx）文件"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            excel.parse_workbook(junk)
        assert caught.value.message.startswith(message)


def test_a_damaged_file_is_refused_never_a_crash(catalog):
    import random

    data = excel.export_workbook(excel.exportable_versions())
    rng = random.Random(7)
    outcomes = set()
    for _ in range(40):
        start = rng.randrange(len(data))
        damaged = data[:start] + bytes(rng.randrange(256) for _ in range(16)) + data[start + 16 :]
        try:
            excel.parse_workbook(damaged)
            outcomes.add("read")
        except InvalidInput as exc:  # unreadable, too large once unpacked, ...
            outcomes.add(exc.message.split("：")[0].split("，")[0])
    assert outcomes <= {"read", "文件不是有效的 Excel（.xlsx）文件", "文件内容过大"}, outcomes
    assert "文件不是有效的 Excel（.xlsx）文件" in outcomes


def test_quality_rules_on_materials_and_items(catalog, users):
    data = excel.export_workbook(excel.exportable_versions())

    def edit(book: Any) -> None:
        items, materials = book["事项"], book["申请材料"]
        _set(items, 2, "受理条件", "提交有关材料")
        _set(items, 2, "咨询电话", "")
        _set(items, 3, "承诺时限单位", "工作日")  # statutory: 自然日
        _set(items, 3, "到现场次数", 2)
        _set(materials, 4, "可容缺", "否")  # the only tolerable material of a 可容缺受理 item
        _set(materials, 5, "可容缺", "是")
        _set(materials, 5, "是否必要", "否")

    _, errors = excel.parse_workbook(_edit(data, edit))
    assert [str(e) for e in errors] == [
        "“事项”表第 2 行“受理条件”列：受理条件含模糊表述“有关材料”",
        "“事项”表第 2 行“咨询电话”列：缺少必备要素：咨询电话",
        "“事项”表第 2 行“可容缺受理”列：标为可容缺受理的事项须至少有一项可容缺材料",
        "“事项”表第 3 行“承诺时限单位”列：承诺时限与法定时限的单位应一致（均为工作日或均为自然日）",
        "“事项”表第 3 行“到现场次数”列：到现场次数应为 0 或 1",
        "“申请材料”表第 5 行“可容缺”列：非必要材料，无需标为可容缺",
    ]


def test_commitment_rules_on_waivable_materials(catalog, users):
    # 申请材料 rows: 2–4 food (not 可告知承诺), 5–6 birth (可告知承诺; 6 is waivable).
    data = excel.export_workbook(excel.exportable_versions())

    def edit(book: Any) -> None:
        materials = book["申请材料"]
        _set(materials, 2, "告知承诺可免提交", "是")
        _set(materials, 6, "告知承诺可免提交", "否")

    _, errors = excel.parse_workbook(_edit(data, edit))
    assert [str(e) for e in errors] == [
        "“事项”表第 2 行“可告知承诺”列：未实行告知承诺的事项不能有告知承诺可免提交的材料",
        "“事项”表第 3 行“可告知承诺”列：标为可告知承诺的事项须至少有一项告知承诺可免提交的材料",
    ]

    # Left blank, the column reads as 否; "是" on the 可告知承诺 item's proof passes.
    def blank(book: Any) -> None:
        _set(book["申请材料"], 2, "告知承诺可免提交", None)

    items, errors = excel.parse_workbook(_edit(data, blank))
    assert errors == []
    food = next(p for p in items if p.implementation_code == catalog["food"].implementation_code)
    assert [m["waivable"] for m in food.content["materials"]] == [False, False, False]


def test_cells_read_from_labels_or_codes(catalog, users):
    data = excel.export_workbook(excel.exportable_versions())

    def edit(book: Any) -> None:
        items = book["事项"]
        _set(items, 2, "事项类型", "01")
        _set(items, 2, "行使层级", 4)
        _set(items, 2, "办件类型", "2")
        _set(items, 2, "网办深度", "四级")
        _set(items, 2, "服务对象", "企业法人，自然人, 6")
        _set(items, 2, "办理形式", "123")
        _set(items, 2, "法定办结时限", 20.0)
        _set(items, 2, "基本编码", int(FOOD))  # typed as a number: leading zeros lost
        _set(items, 2, "是否收费", "TRUE")
        _set(items, 2, "主管部门", "县市场监管局")  # short name
        _set(
            items,
            2,
            "办理流程",
            "受理 | 眉县行政审批服务局 | 窗口人员\n\n审查｜县市场监管局｜approver",
        )

    items, errors = excel.parse_workbook(_edit(data, edit))
    assert errors == []
    c = items[0].content
    assert (c["item_type"], c["level"], c["handling_type"], c["online_depth"]) == ("01", 4, 2, 4)
    assert (c["service_objects"], c["channels"], c["statutory_limit"]) == ("126", "123", 20)
    assert (items[0].basic_code, c["charges_fee"]) == (FOOD, True)
    assert c["competent_department"] == "眉县市场监督管理局"
    departments = {d: pk for pk, d in _department_names().items()}
    assert c["process"] == [
        {"name": "受理", "department": departments["眉县行政审批服务局"], "role": "window_clerk"},
        {"name": "审查", "department": departments["眉县市场监督管理局"], "role": "approver"},
    ]


def _department_names() -> dict[int, str]:
    from onewindow.org.models import Department

    return dict(Department.objects.values_list("pk", "name"))


def test_ambiguous_theme_names_must_be_codes(catalog):
    data = excel.export_workbook(excel.exportable_versions())
    bad = _edit(data, lambda book: _set(book["事项"], 2, "主题", "迁移"))
    _, errors = excel.parse_workbook(bad)
    assert [e.message for e in errors] == [
        "主题名称“迁移”对应多个主题，请改填主题代码（xe_move_e、xe_move_p）"
    ]


def test_order_numbers_delegations_and_blank_rows(catalog):
    food = catalog["food"]
    data = excel.export_workbook(excel.exportable_versions())

    def edit(book: Any) -> None:
        items, fields = book["事项"], book["表单字段"]
        _set(items, 4, "委托自", food.implementation_code[:-1] + "7")  # no such item
        _set(fields, 3, "序号", 1)  # the food item's fields: 1, 1, 3
        items.insert_rows(3, amount=2)  # blank rows: skipped, later rows keep their numbers

    _, errors = excel.parse_workbook(_edit(data, edit))
    assert [str(e) for e in errors] == [
        f"“事项”表第 6 行“委托自”列：委托的县级事项“{food.implementation_code[:-1]}7”"
        "既不在本文件中，也不在事项清单中",
        "“表单字段”表第 3 行“序号”列：序号 1 与第 2 行重复（同一事项内）",
    ]


def test_an_empty_items_sheet(catalog):
    data = excel.export_workbook(excel.exportable_versions())

    def edit(book: Any) -> None:
        for ws in book:
            ws.delete_rows(2, ws.max_row)

    assert excel.check_structure(_edit(data, edit)) == 0
    _, errors = excel.parse_workbook(_edit(data, edit))
    assert [str(e) for e in errors] == ["“事项”表第 2 行：“事项”表没有数据行"]


def _shared_strings(data: bytes) -> bytes:
    """The workbook as Excel saves it: text in a shared-string table, the first entry (the
    header 实施编码) as two rich-text runs with a phonetic hint."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    table: list[str] = []

    def share(match: re.Match[str]) -> str:
        table.append(match.group(3))
        return f'<c r="{match.group(1)}"{match.group(2)} t="s"><v>{len(table) - 1}</v></c>'

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                text = re.sub(
                    r'<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>',
                    share,
                    body.decode(),
                    flags=re.DOTALL,
                )
                body = text.encode()
            elif info.filename == "[Content_Types].xml":
                body = body.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(info, body)
        items = "".join(
            # The first string split into two runs with a phonetic hint, as Excel does for
            # text typed with an input method.
            f'<si><r><t>{t[:2]}</t></r><r><rPr><b/></rPr><t xml:space="preserve">{t[2:]}</t></r>'
            '<rPh sb="0" eb="1"><t>ピン</t></rPh></si>'
            if i == 0
            else f'<si><t xml:space="preserve">{t}</t></si>'
            for i, t in enumerate(table)
        )
        target.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{excel._MAIN_NS}" '
            f'count="{len(table)}" uniqueCount="{len(table)}">{items}</sst>',
        )
    return out.getvalue()


def test_a_workbook_with_shared_strings_reads_the_same(catalog, users):
    data = excel.export_workbook(excel.exportable_versions())
    shared = _shared_strings(data)
    assert b"<is>" not in zipfile_part(shared, "xl/worksheets/sheet1.xml")

    items, errors = excel.parse_workbook(shared)
    assert (items, errors) == excel.parse_workbook(data)
    # The literal "_x000D_", escaped by the writer as "_x005F_x000D_", survives the table.
    food = next(p for p in items if p.implementation_code == catalog["food"].implementation_code)
    assert food.content["materials"][2]["notes"] == "_x000D_ 原样保留"
    assert food.content == content_of(catalog["food"].published_version)


def zipfile_part(data: bytes, name: str) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def test_rows_are_read_as_openpyxl_reads_them(catalog):
    """Cell kinds Excel writes that the export does not: booleans, formulas with cached
    values, errors, floats, cells without references, missing rows."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "事项"
    ws.append(["a", "b", "c"])
    ws["A3"] = True
    ws["B3"] = 1.5
    ws["C3"] = "=1+1"
    ws["A5"] = "x"
    ws["C5"] = 7
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()

    rows = list(excel._Book(data).rows("事项"))
    # (the formula was never calculated: it has no cached value)
    assert rows == [("a", "b", "c"), (), (True, 1.5, None), (), ("x", None, 7)]
    reference = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = reference["事项"]
    sheet.reset_dimensions()
    assert [tuple(v for v in r) for r in sheet.iter_rows(values_only=True)] == [
        ("a", "b", "c"),
        (),
        (True, 1.5, None),
        (),
        ("x", None, 7),
    ]


# --- permissions ------------------------------------------------------------------------------
def test_only_reviewers_may_import_and_publish(catalog, users):
    data = excel.export_workbook(excel.exportable_versions())
    with nothing_written(), pytest.raises(PermissionDenied):
        excel.import_catalog(actor=users["bumen"], data=data, publish=True)

    # The platform operator's hall admin reviews: it may publish every department's items.
    result = excel.import_catalog(actor=users["dating"], data=data, publish=True)
    assert result.versions == 3


def test_drafts_only_for_departments_the_actor_maintains(catalog, users):
    data = excel.export_workbook(excel.exportable_versions())
    with nothing_written(), pytest.raises(PermissionDenied) as caught:
        excel.import_catalog(actor=users["bumen"], data=data, publish=False)
    assert caught.value.details == {"departments": ["眉县卫生健康局", "眉县横渠镇人民政府"]}
    assert caught.value.message.startswith(
        "您不能维护以下部门的事项：眉县卫生健康局、眉县横渠镇人民政府。"
    )
    with nothing_written(), pytest.raises(PermissionDenied):
        excel.import_catalog(actor=users["chuangkou"], data=data, publish=False)


# --- progress and the import job --------------------------------------------------------------
def test_progress_is_reported_while_rows_are_read(catalog, users, monkeypatch):
    monkeypatch.setattr(excel, "PROGRESS_EVERY", 4)
    data = excel.export_workbook(excel.exportable_versions())
    calls: list[tuple[int, int]] = []

    excel.import_catalog(
        actor=users["admin"], data=data, publish=True, progress=lambda *a: calls.append(a)
    )

    # 3 items + 8 materials + 7 fields = 18 rows.
    assert calls == [(4, 18), (8, 18), (12, 18), (16, 18), (18, 18)]


def _run_job(django_capture_on_commit_callbacks, actor: Any, data: bytes, publish: bool):
    with django_capture_on_commit_callbacks(execute=True):
        job = excel.import_job_create(
            actor=actor, data=data, filename="事项清单.xlsx", publish=publish
        )
    job.refresh_from_db()
    return job


def test_import_job_runs_the_import_and_records_progress(
    catalog, users, django_capture_on_commit_callbacks
):
    data = excel.export_workbook(excel.exportable_versions())
    job = _run_job(django_capture_on_commit_callbacks, users["admin"], data, publish=True)

    assert job.status == ImportJob.Status.DONE
    assert (job.processed_rows, job.total_rows) == (18, 18)
    assert job.errors == []
    assert job.summary.startswith("已导入 3 个事项（新增 0 个，更新 3 个），已直接发布")
    assert job.finished_at is not None
    assert job.file.name.startswith("catalog/imports/")
    assert AuditEvent.objects.filter(code="catalog.imported", object_id=str(job.pk)).count() == 1
    # A retried task does not import twice.
    assert excel.import_job_run(job.pk) == "skipped"
    assert ItemVersion.objects.filter(status=VersionStatus.PUBLISHED).count() == 3


def test_import_job_fails_with_the_row_errors(catalog, users, django_capture_on_commit_callbacks):
    data = excel.export_workbook(excel.exportable_versions())
    bad = _edit(data, lambda book: _set(book["事项"], 3, "法定办结时限", "很快"))
    versions = ItemVersion.objects.count()

    job = _run_job(django_capture_on_commit_callbacks, users["admin"], bad, publish=True)

    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        {"sheet": "事项", "row": 3, "column": "法定办结时限", "message": "应为整数，现为“很快”"}
    ]
    assert job.summary.startswith("文件未通过校验，共 1 处问题，未导入任何数据。")
    assert ItemVersion.objects.count() == versions
    assert AuditEvent.objects.filter(code="catalog.import.failed", object_id=str(job.pk)).exists()


def test_import_job_fails_on_a_permission_found_while_importing(
    catalog, users, django_capture_on_commit_callbacks
):
    data = excel.export_workbook(excel.exportable_versions())
    job = _run_job(django_capture_on_commit_callbacks, users["bumen"], data, publish=False)
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["message"].startswith("您不能维护以下部门的事项：眉县卫生健康局")


def test_the_task_wrapper_runs_a_pending_job(catalog, users):
    from django.core.files.base import ContentFile

    from onewindow.catalog.tasks import run_import

    data = excel.export_workbook(excel.exportable_versions())
    job = ImportJob(publish=True, created_by=users["admin"])
    job.file.save("catalog.xlsx", ContentFile(data), save=True)

    result = run_import.enqueue(job.pk)

    assert result.return_value == "done"
    job.refresh_from_db()
    assert (job.status, job.processed_rows) == (ImportJob.Status.DONE, 18)


# --- API --------------------------------------------------------------------------------------
def test_export_endpoint_requires_login_and_names_the_file(catalog, users, login_client):
    from django.test import Client

    assert Client().get(f"{API}/export.xlsx").status_code == 401

    response = login_client(users["chuangkou"]).get(f"{API}/export.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_CONTENT_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert quote("政务服务事项清单-") in disposition
    assert disposition.endswith(".xlsx")
    assert [len(rows) for rows in _cells(response.content).values()] == [4, 9, 8]


def _upload(client: Any, data: bytes, *, name: str = "清单.xlsx", publish: bool = True):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, data, content_type=excel.XLSX_CONTENT_TYPE)
    return client.post(f"{API}/imports", {"file": upload, "publish": publish})


def test_import_endpoint_queues_a_job_and_reports_it(
    catalog, users, login_client, django_capture_on_commit_callbacks
):
    client = login_client(users["admin"])
    data = excel.export_workbook(excel.exportable_versions())

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, data)

    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    body = client.get(f"{API}/imports/{job_id}").json()
    assert body["status"] == "done"
    assert body["status_label"] == "已导入"
    assert (body["processed_rows"], body["total_rows"]) == (18, 18)
    assert body["publish"] is True
    assert body["errors"] == []
    # Someone else's job is not theirs to see.
    other = login_client(users["bumen"]).get(f"{API}/imports/{job_id}")
    assert other.status_code == 403
    assert client.get(f"{API}/imports/999999").status_code == 404


def test_import_endpoint_reports_row_errors_through_the_job(
    catalog, users, login_client, django_capture_on_commit_callbacks
):
    client = login_client(users["admin"])
    data = excel.export_workbook(excel.exportable_versions())
    bad = _edit(data, lambda book: _set(book["表单字段"], 3, "是否必填", "必须"))
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, bad)
    body = client.get(f"{API}/imports/{response.json()['id']}").json()
    assert body["status"] == "failed"
    assert body["errors"] == [
        {
            "sheet": "表单字段",
            "row": 3,
            "column": "是否必填",
            "message": "应填“是”或“否”，现为“必须”",
        }
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"implementation_code,name\n1,2\n", "文件不是有效的 Excel（.xlsx）文件"),
        (b"", "上传的文件是空的"),
    ],
)
def test_import_endpoint_refuses_a_file_that_is_not_a_workbook(
    catalog, users, login_client, content, message
):
    client = login_client(users["admin"])
    with nothing_written():
        response = _upload(client, content, name="清单.csv")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"].startswith(message)
    assert ImportJob.objects.count() == 0


def test_import_endpoint_refuses_wrong_headers_at_once(catalog, users, login_client):
    client = login_client(users["admin"])
    data = excel.export_workbook(excel.exportable_versions())
    bad = _edit(data, lambda book: _set(book["申请材料"], 1, "材料名称", "名称"))

    response = _upload(client, bad)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "import_invalid"
    assert body["details"]["errors"] == [
        {
            "sheet": "申请材料",
            "row": 1,
            "column": "材料名称",
            "message": "缺少列“材料名称”，请使用导出的模板",
        }
    ]
    assert ImportJob.objects.count() == 0


def test_import_endpoint_checks_rights_and_the_upload(catalog, users, login_client):
    data = excel.export_workbook(excel.exportable_versions())
    response = _upload(login_client(users["bumen"]), data, publish=True)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    response = _upload(login_client(users["chuangkou"]), data, publish=False)
    assert response.status_code == 403
    missing = login_client(users["admin"]).post(f"{API}/imports", {"publish": "true"})
    assert missing.status_code == 422
    assert ImportJob.objects.count() == 0
