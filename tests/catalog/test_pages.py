"""The catalog's pages: the public portal and guides, maintenance, review, quality report,
halls and the admin. The catalog is built here through the services (the demo catalog is
not used), so the tests read the same whether or not the demo loads one."""

from __future__ import annotations

import io
import itertools
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client

from onewindow.catalog import services
from onewindow.catalog.models import (
    DataElement,
    ItemHall,
    ItemVersion,
    MaterialType,
    SearchPosting,
    Synonym,
    Theme,
    VersionStatus,
)
from onewindow.org.models import Hall

PORTAL = "/services/"
_basic_codes = itertools.count(1)


def basic_code() -> str:
    return f"0009{next(_basic_codes):08d}"


@pytest.fixture
def ref(county) -> dict[str, Any]:
    """Dictionaries and an empty published catalog (whatever the demo may have published is
    retired for the test, which runs in a rolled-back transaction)."""
    ItemVersion.objects.filter(status=VersionStatus.PUBLISHED).update(status=VersionStatus.RETIRED)
    SearchPosting.objects.all().delete()
    for code, name, audience in [
        ("pg-birth", "生育收养", "person"),
        ("pg-restaurant", "开办餐饮店", "enterprise"),
    ]:
        Theme.objects.get_or_create(code=code, defaults={"name": name, "audience": audience})
    for name, source, issuer in [
        ("居民身份证", "licence", "公安机关"),
        ("出生医学证明", "licence", "助产机构"),
        ("营业执照", "licence", "市场监管部门"),
        ("食品经营许可申请书", "applicant", ""),
    ]:
        MaterialType.objects.get_or_create(name=name, defaults={"source": source, "issuer": issuer})
    for key, label, kind in [
        ("pg.applicant_name", "申请人姓名", "text"),
        ("pg.child_name", "新生儿姓名", "text"),
        ("pg.phone", "联系电话", "phone"),
    ]:
        DataElement.objects.get_or_create(key=key, defaults={"label": label, "type": kind})
    Synonym.objects.update_or_create(phrase="生孩子", defaults={"expansions": "新生儿 出生"})
    return {"departments": county["departments"], "halls": county["halls"]}


def content(ref: dict[str, Any], **changes: Any) -> dict[str, Any]:
    departments = ref["departments"]
    data: dict[str, Any] = {
        "name": "新生儿出生登记",
        "item_type": "07",
        "level": 4,
        "legal_basis": "《中华人民共和国户口登记条例》第七条",
        "service_objects": "1",
        "conditions": "婴儿出生后一个月以内，由户主、亲属或者抚养人申报出生登记。",
        "process": [
            {"name": "受理", "department": departments["县行政审批局"].pk, "role": "window_clerk"},
            {"name": "审核登记", "department": departments["县公安局"].pk, "role": "approver"},
        ],
        "handling_type": 2,
        "statutory_limit": 20,
        "statutory_unit": "working",
        "promised_unit": "working",
        "statutory_note": "自受理之日起计算",
        "promised_limit": 5,
        "promised_note": "材料齐全的当场办结",
        "charges_fee": True,
        "fee_standard": "工本费每证 5 元",
        "fee_basis": "陕价费发〔2024〕1号",
        "result_name": "居民户口簿（出生登记页）",
        "result_licence_type": "居民户口簿",
        "quantity_limit": "每名新生儿登记一次",
        "annual_inspection": False,
        "special_procedures": [{"kind": "现场勘验", "max_days": 3}],
        "intermediary_services": "无需中介服务",
        "channels": "123",
        "online_depth": 4,
        "visits": 0,
        "appointment": True,
        "postal_delivery": True,
        "cross_region_scope": "全国",
        "location": "眉县政务服务中心 B01 公安户籍窗口",
        "hours": "周一至周五 09:00–12:00、13:00–17:00",
        "phone": "0917-5511110",
        "supervision_phone": "0917-12345",
        "faq": [{"q": "孩子出生超过一个月还能登记吗？", "a": "可以，需另行提交情况说明。"}],
        "high_frequency": True,
        "tolerant_acceptance": True,
        "commitment": True,
        "themes": ["pg-birth"],
        "joint_departments": [departments["县卫健局"].pk],
        "materials": [
            {"material_type": "出生医学证明", "originals": 1, "copies": 1, "tolerable": True},
            {
                "material_type": "居民身份证",
                "name": "父母双方居民身份证",
                "originals": 2,
                "copies": 0,
                "form": "paper",
                "notes": "父母双方各一份",
            },
            {
                "material_type": "结婚证",
                "name": "父母结婚证",
                "form": "paper",
                "required": False,
                "waivable": True,
                "notes": "签署告知承诺书的免于提交",
            },
        ],
        "fields": [
            {"key": "pg.child_name"},
            {"key": "pg.applicant_name", "label": "申报人姓名"},
            {"key": "pg.phone", "required": False},
        ],
    }
    data.update(changes)
    return data


def publish(ref: dict[str, Any], department: str = "县公安局", **changes: Any) -> ItemVersion:
    """An item created and published through the services."""
    version = services.item_create(
        actor=None,
        department_id=ref["departments"][department].pk,
        basic_code=basic_code(),
        content=content(ref, **changes),
    )
    for step in (services.version_submit, services.version_approve, services.version_publish):
        step(actor=None, version_id=version.pk)
    version.refresh_from_db()
    return version


def text(response) -> str:
    return unescape(response.content.decode())


def names(response) -> list[str]:
    """The item names listed on a portal page, in order."""
    html = response.content.decode()
    return [
        unescape(m)
        for m in re.findall(r'data-testid="result">.*?<h2[^>]*>(.*?)</h2>', html, flags=re.S)
    ]


# --- portal -----------------------------------------------------------------------------------
# For items that have nothing to do with births: their text must not match "出生".
UNRELATED = {
    "conditions": "申请人具备相应条件。",
    "faq": [],
    "materials": [{"material_type": "营业执照", "copies": 1}],
    "fields": [{"key": "pg.applicant_name"}],
    "tolerant_acceptance": False,
    "commitment": False,
    "result_name": "许可决定书",
}


@pytest.fixture
def small_catalog(ref):
    birth = publish(ref)
    restaurant = publish(
        ref,
        department="县市场监管局",
        name="食品经营许可",
        item_type="01",
        **UNRELATED,
        service_objects="2",
        themes=["pg-restaurant"],
        online_depth=3,
        visits=1,
        high_frequency=False,
        handling_type=2,
        promised_limit=10,
    )
    town = publish(
        ref,
        department="横渠镇",
        name="老年人优待证办理",
        item_type="20",
        **UNRELATED,
        level=5,
        themes=[],
        online_depth=2,
        visits=1,
        high_frequency=False,
        handling_type=1,
        promised_limit=1,
        statutory_limit=1,
        special_procedures=[],
    )
    draft = services.item_create(
        actor=None,
        department_id=ref["departments"]["县公安局"].pk,
        basic_code=basic_code(),
        content=content(ref, name="尚未发布的户籍草稿"),
    )
    return {"birth": birth, "restaurant": restaurant, "town": town, "draft": draft}


def test_portal_lists_published_items_with_what_a_citizen_needs(small_catalog):
    response = Client().get(PORTAL)
    assert response.status_code == 200
    html = text(response)
    assert names(response) == sorted(
        ["新生儿出生登记", "食品经营许可", "老年人优待证办理"],
        key=lambda n: next(
            v.item.implementation_code for v in small_catalog.values() if v.name == n
        ),
    )
    assert "尚未发布的户籍草稿" not in html
    assert "事项共 3 项" in html
    assert "眉县公安局" in html
    assert "眉县市场监督管理局" in html
    assert "承诺件" in html
    assert "即办件" in html
    assert "承诺时限：5 个工作日" in html
    assert "承诺时限：10 个工作日" in html
    assert "全程网办" in html
    assert "零跑动" in html
    assert "最多跑一次" in html
    assert 'name="q"' in html
    assert "keyup changed delay:300ms" in html
    code = small_catalog["birth"].item.implementation_code
    assert f'href="/services/{code}/"' in html


def test_colloquial_query_is_widened_by_synonyms(small_catalog):
    response = Client().get(PORTAL, {"q": "生孩子"})
    assert names(response)[0] == "新生儿出生登记"
    assert "食品经营许可" not in names(response)
    html = text(response)
    assert "已按“生孩子”为您查找：新生儿、出生" in html
    assert 'value="生孩子"' in html
    nothing = Client().get(PORTAL, {"q": "宇宙飞船"})
    assert names(nothing) == []
    assert "没有找到与“宇宙飞船”相关的事项" in text(nothing)


def test_typing_in_the_box_returns_only_the_results_fragment(small_catalog):
    response = Client().get(
        PORTAL, {"q": "食品"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="ow-results"
    )
    assert response.status_code == 200
    html = text(response)
    assert "<html" not in html
    assert '<nav class="navbar' not in html
    assert 'name="department"' not in html  # the filters are not re-sent
    assert names(response) == ["食品经营许可"]
    assert "HX-Target" in response["Vary"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"department": "县市场监管局"}, {"食品经营许可"}),
        ({"theme": "pg-birth"}, {"新生儿出生登记"}),
        ({"theme": "pg-restaurant"}, {"食品经营许可"}),
        ({"level": "5"}, {"老年人优待证办理"}),
        ({"level": "4"}, {"新生儿出生登记", "食品经营许可"}),
        ({"object": "2"}, {"食品经营许可"}),
        ({"online": "1"}, {"新生儿出生登记"}),
        ({"hf": "1"}, {"新生儿出生登记"}),
        ({"online": "1", "q": "食品"}, set()),
        (
            {"level": "bogus", "department": "x"},
            {"新生儿出生登记", "食品经营许可", "老年人优待证办理"},
        ),
    ],
)
def test_filters(small_catalog, ref, params, expected):
    if params.get("department") in ref["departments"]:
        params = {**params, "department": ref["departments"][params["department"]].pk}
    response = Client().get(PORTAL, params)
    assert response.status_code == 200
    assert set(names(response)) == expected


def test_filter_controls_keep_their_values_and_group_themes(small_catalog, ref):
    dept = ref["departments"]["县市场监管局"].pk
    html = text(Client().get(PORTAL, {"department": dept, "online": "1", "theme": "pg-birth"}))
    assert f'<option value="{dept}" selected>' in html
    assert 'name="online" value="1" id="f-online" checked' in html
    assert '<optgroup label="个人">' in html
    assert '<optgroup label="法人">' in html
    assert '<option value="pg-birth" selected>' in html
    assert "已筛选" in html


def test_list_paginates_by_20_without_queries_per_item(ref, django_assert_max_num_queries):
    for i in range(3):
        publish(ref, name=f"测试事项{i:02d}")
    client = Client()
    client.get(PORTAL)  # warm up jieba and the synonym cache
    with django_assert_max_num_queries(9) as small:
        client.get(PORTAL)
    base = len(small.captured_queries)
    for i in range(3, 23):
        publish(ref, name=f"测试事项{i:02d}")
    with django_assert_max_num_queries(base):
        first = client.get(PORTAL)
    assert names(first) == [f"测试事项{i:02d}" for i in range(20)]
    assert "第 1 / 2 页" in text(first)
    second = client.get(PORTAL, {"page": 2})
    assert names(second) == ["测试事项20", "测试事项21", "测试事项22"]
    assert client.get(PORTAL, {"page": "abc"}).status_code == 200
    with django_assert_max_num_queries(base + 4):
        searched = client.get(PORTAL, {"q": "测试事项"})
    assert len(names(searched)) == 20


# --- guide ------------------------------------------------------------------------------------
def test_guide_shows_every_element(small_catalog, ref):
    version = small_catalog["birth"]
    item = version.item
    ItemHall.objects.create(item=item, hall=ref["halls"]["county"], mode="direct")
    response = Client().get(f"/services/{item.implementation_code}/")
    assert response.status_code == 200
    html = text(response)
    expected = [
        # basic information
        "新生儿出生登记",
        "行政确认",
        "县级",
        "眉县公安局",
        "眉县卫生健康局",  # joint department
        "自然人",
        "生育收养",
        item.implementation_code,
        item.basic_code,
        "每名新生儿登记一次",
        # conditions
        "婴儿出生后一个月以内",
        # materials
        "出生医学证明",
        "父母双方居民身份证",
        "父母双方各一份",
        "原件 2 份",
        "复印件 1 份",
        "纸质",
        "电子证照",
        "可容缺",
        "父母结婚证",
        "可承诺免交",
        # form fields
        "新生儿姓名",
        "申报人姓名",
        "联系电话",
        # process with department names
        "受理",
        "眉县行政审批服务局",
        "审核登记",
        "窗口人员",
        "审批人员",
        # limits
        "20 个工作日（自受理之日起计算）",
        "5 个工作日（材料齐全的当场办结）",
        "现场勘验（最长 3 个工作日）",
        # fees and result
        "工本费每证 5 元",
        "陕价费发〔2024〕1号",
        "居民户口簿（出生登记页）",
        "无需中介服务",
        # channels and visits
        "窗口办理、网上办理、移动端办理",
        "四级：全程网办",
        "零跑动",
        "预约办理",
        "支持（结果可邮寄送达）",
        "全国通办",
        # where and whom to call
        "眉县政务服务中心 B01 公安户籍窗口",
        "周一至周五 09:00–12:00、13:00–17:00",
        "0917-5511110",
        "0917-12345",
        "眉县政务服务中心（直接受理）",
        # FAQ and legal basis
        "孩子出生超过一个月还能登记吗？",
        "可以，需另行提交情况说明。",
        "《中华人民共和国户口登记条例》第七条",
        # version and publish date
        f"第 {version.number} 版",
        f"{version.published_at.astimezone().year}年",
    ]
    missing = [e for e in expected if e not in html]
    assert not missing, missing
    assert 'class="navbar' in html
    assert "?print=1" in html


def test_guide_marks_the_materials_a_commitment_waives(small_catalog):
    birth = small_catalog["birth"]
    html = text(Client().get(f"/services/{birth.item.implementation_code}/"))
    assert "可告知承诺" in html
    desktop, mobile = html.split('class="list-group list-group-numbered d-md-none"')
    desktop = desktop.split('data-testid="materials"')[1]
    assert '<th scope="col">告知承诺</th>' in desktop
    rows = re.findall(r"<tr>\s*<td>\d+</td>.*?</tr>", desktop, flags=re.S)
    assert ["可承诺免交" in row for row in rows] == [False, False, True]
    assert "父母结婚证" in rows[2]
    items = re.findall(r'<li class="list-group-item small">.*?</li>', mobile, flags=re.S)
    assert ["可承诺免交" in item for item in items] == [False, False, True]
    # An item without 告知承诺 has no such column.
    restaurant = small_catalog["restaurant"]
    other = text(Client().get(f"/services/{restaurant.item.implementation_code}/"))
    assert "告知承诺</th>" not in other
    assert "可承诺免交" not in other


def test_guide_links_blank_forms_and_samples(small_catalog, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    version = small_catalog["birth"]
    material = version.materials.first()
    material.blank_form.save("shenqingbiao.docx", io.BytesIO(b"x"), save=False)
    material.sample.save("yangbiao.pdf", io.BytesIO(b"x"), save=False)
    material.save()
    html = text(Client().get(f"/services/{version.item.implementation_code}/"))
    assert "空白表格" in html
    assert "示例样表" in html
    assert "/media/catalog/forms/shenqingbiao" in html
    assert "/media/catalog/samples/yangbiao" in html


def test_print_view_has_no_navigation(small_catalog):
    code = small_catalog["birth"].item.implementation_code
    response = Client().get(f"/services/{code}/", {"print": "1"})
    assert response.status_code == 200
    html = text(response)
    assert 'class="navbar' not in html
    assert "window.print()" in html
    assert "新生儿出生登记" in html
    assert "出生医学证明" in html
    assert "0917-12345" in html
    assert "?print=1" not in html


def test_unknown_or_unpublished_code_is_a_chinese_404(small_catalog):
    response = Client().get("/services/NOPE123/")
    assert response.status_code == 404
    html = text(response)
    assert "未找到该事项" in html
    assert "NOPE123" in html
    draft = small_catalog["draft"]
    assert Client().get(f"/services/{draft.item.implementation_code}/").status_code == 404


def test_guide_by_unique_basic_code(small_catalog):
    item = small_catalog["restaurant"].item
    assert Client().get(f"/services/{item.basic_code}/").status_code == 200


# --- maintenance: the department admin's form ------------------------------------------------
FORMSETS = {
    "materials": "materials",
    "fields": "fields",
    "process": "process",
    "special_procedures": "special",
    "faq": "faq",
}
MULTI = {"service_objects", "channels", "themes", "joint_departments"}


def form_data(content: dict[str, Any], *, action: str = "save", **head: Any) -> dict[str, Any]:
    """What the edit form posts for `content` (the shape of content.py)."""
    data: dict[str, Any] = {"action": action, **head}
    for name, value in content.items():
        if name in FORMSETS:
            continue
        if name in MULTI:
            data[f"v-{name}"] = list(value)
        elif isinstance(value, bool):
            if value:
                data[f"v-{name}"] = "on"
        else:
            data[f"v-{name}"] = value
    for name, prefix in FORMSETS.items():
        rows = content.get(name, [])
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = 0
        for i, row in enumerate(rows):
            if name == "materials":
                row = {"originals": 1, "copies": 0, "form": "both", "required": True, **row}
            if name == "fields":
                row = {"element": row["key"], "label": row.get("label", "")} | {
                    "required": row.get("required", True)
                }
            for key, value in row.items():
                if isinstance(value, bool):
                    if value:
                        data[f"{prefix}-{i}-{key}"] = "on"
                else:
                    data[f"{prefix}-{i}-{key}"] = value
    return data


def simple_content(ref: dict[str, Any], **changes: Any) -> dict[str, Any]:
    dept = ref["departments"]["县市场监管局"].pk
    data = content(
        ref,
        name="食品小作坊登记",
        item_type="01",
        service_objects="26",
        themes=["pg-restaurant"],
        joint_departments=[],
        process=[
            {"name": "受理", "department": dept, "role": "window_clerk"},
            {"name": "审查决定", "department": dept, "role": "approver"},
        ],
        materials=[
            {"material_type": "营业执照", "copies": 1},
            {"material_type": "其他材料"},
        ],
        fields=[{"key": "pg.applicant_name"}, {"key": "pg.phone"}],
        tolerant_acceptance=False,
        commitment=False,
    )
    data.update(changes)
    return data


def test_department_admin_creates_edits_and_submits_after_fixing_a_vague_material(
    ref, users, login_client
):
    bumen = login_client(users["bumen"])
    page = text(bumen.get("/services/manage/new/"))
    assert "新增事项" in page
    assert "材料（字典）" in page
    assert '<option value="出生医学证明">' in page  # the material dictionary as a datalist
    # Only the department the admin maintains can be chosen.
    assert "眉县市场监督管理局" in page
    assert re.search(r'name="department"[^>]*>\s*<option value="">[^<]*</option>\s*<option', page)
    assert page.count('name="department"') == 1
    assert "眉县公安局</option>" not in page.split('name="department"')[1].split("</select>")[0]

    data = simple_content(ref)
    created = bumen.post(
        "/services/manage/new/",
        form_data(
            data, department=ref["departments"]["县市场监管局"].pk, basic_code="000103009000"
        ),
    )
    assert created.status_code == 302, text(created)
    version = ItemVersion.objects.get(name="食品小作坊登记")
    edit_url = f"/services/manage/versions/{version.pk}/edit/"
    assert created["Location"] == edit_url
    assert version.item.department == users["bumen"].department
    assert [m.name for m in version.materials.all()] == ["营业执照", "其他材料"]
    # Left at "同材料字典", the source comes from the dictionary entry.
    assert [m.source for m in version.materials.all()] == ["licence", "applicant"]

    page = text(bumen.get(edit_url))
    assert 'value="食品小作坊登记"' in page
    assert 'value="其他材料"' in page
    assert "事项名称" in page
    assert "承诺办结时限" in page

    data["location"] = "眉县政务服务中心 A05 窗口"
    refused = bumen.post(edit_url, form_data(data, action="submit"))
    assert refused.status_code == 422
    html = text(refused)
    assert "未通过质量检查" in html
    assert "第 2 项材料“其他材料”含模糊表述“其他材料”，请写明具体材料名称" in html
    # The problem is shown in the material's own row, and the form keeps what was typed.
    rows = html.split('data-testid="row"')
    assert "含模糊表述" in rows[2]
    assert 'value="其他材料"' in rows[2]
    assert "含模糊表述" not in rows[1]
    assert 'value="眉县政务服务中心 A05 窗口"' in html
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert version.location == "眉县政务服务中心 A05 窗口"  # saved though not submitted

    data["materials"] = [
        {"material_type": "营业执照", "copies": 1},
        {"material_type": "食品经营许可申请书"},
    ]
    submitted = bumen.post(edit_url, form_data(data, action="submit"))
    assert submitted.status_code == 302
    assert submitted["Location"] == "/services/manage/"
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED
    assert [m.name for m in version.materials.all()] == ["营业执照", "食品经营许可申请书"]
    listing = text(bumen.get("/services/manage/"))
    assert "食品小作坊登记" in listing
    assert "待审核" in listing
    assert "撤回" in listing


def test_form_errors_and_service_refusals_keep_the_form(ref, users, login_client):
    bumen = login_client(users["bumen"])
    dept = ref["departments"]["县市场监管局"].pk
    data = simple_content(ref, name="")
    response = bumen.post(
        "/services/manage/new/", form_data(data, department=dept, basic_code="000103009000")
    )
    assert response.status_code == 422
    html = text(response)
    assert "这个字段是必填项" in html
    assert 'value="000103009000"' in html
    assert 'value="其他材料"' in html

    data = simple_content(ref)
    response = bumen.post(
        "/services/manage/new/", form_data(data, department=dept, basic_code="12345")
    )
    assert response.status_code == 422
    assert "基本编码" in text(response)

    data = simple_content(ref, fields=[{"key": "pg.phone"}, {"key": "pg.phone"}])
    response = bumen.post(
        "/services/manage/new/", form_data(data, department=dept, basic_code="000103009000")
    )
    assert response.status_code == 422
    assert "表单字段有重复的数据元" in text(response)
    assert not ItemVersion.objects.filter(name="食品小作坊登记").exists()


def test_editing_keeps_rows_and_deletes_ticked_ones(ref, users, login_client):
    bumen = login_client(users["bumen"])
    version = services.item_create(
        actor=None,
        department_id=ref["departments"]["县市场监管局"].pk,
        basic_code=basic_code(),
        content=simple_content(ref),
    )
    url = f"/services/manage/versions/{version.pk}/edit/"
    data = form_data(simple_content(ref))
    data["materials-INITIAL_FORMS"] = 2
    data["materials-1-DELETE"] = "on"
    data["faq-TOTAL_FORMS"] = 2  # one more, left blank: ignored
    data["faq-1-q"] = ""
    response = bumen.post(url, data)
    assert response.status_code == 302, text(response)
    assert [m.name for m in version.materials.all()] == ["营业执照"]
    assert ItemVersion.objects.get(pk=version.pk).faq == content(ref)["faq"]


def test_department_admin_marks_the_materials_a_commitment_waives(ref, users, login_client):
    bumen = login_client(users["bumen"])
    dating = login_client(users["dating"])
    materials = [
        {"material_type": "食品经营许可申请书"},
        {"material_type": "住所（经营场所）使用证明"},
    ]
    version = services.item_create(
        actor=None,
        department_id=ref["departments"]["县市场监管局"].pk,
        basic_code=basic_code(),
        content=simple_content(ref, materials=materials),
    )
    url = f"/services/manage/versions/{version.pk}/edit/"
    page = text(bumen.get(url))
    assert "告知承诺可免提交" in page
    assert 'name="materials-1-waivable"' in page

    # 可告知承诺 ticked, but no material marked: refused, the problem at the element.
    data = simple_content(ref, materials=materials, commitment=True)
    refused = bumen.post(url, form_data(data, action="submit"))
    assert refused.status_code == 422
    html = text(refused)
    element = html.split('id="el-v-commitment"')[1].split('id="el-')[0]
    assert "标为可告知承诺的事项须至少有一项告知承诺可免提交的材料" in element

    data["materials"] = [materials[0], {**materials[1], "waivable": True}]
    saved = bumen.post(url, form_data(data))
    assert saved.status_code == 302, text(saved)
    assert [m.waivable for m in version.materials.all()] == [False, True]
    page = text(bumen.get(url))
    assert re.search(r'name="materials-1-waivable"[^>]*checked', page)
    assert not re.search(r'name="materials-0-waivable"[^>]*checked', page)

    assert bumen.post(f"/services/manage/versions/{version.pk}/submit/").status_code == 302
    review = text(dating.get(f"/services/review/{version.pk}/"))
    assert "住所（经营场所）使用证明：" in review
    assert review.count("告知承诺可免提交") == 1


# --- review -----------------------------------------------------------------------------------
def test_review_round_trip_to_the_citizen(ref, users, login_client):
    bumen = login_client(users["bumen"])
    dating = login_client(users["dating"])
    version = services.item_create(
        actor=users["bumen"],
        department_id=ref["departments"]["县市场监管局"].pk,
        basic_code=basic_code(),
        content=simple_content(ref, materials=[{"material_type": "营业执照"}]),
    )
    assert bumen.post(f"/services/manage/versions/{version.pk}/submit/").status_code == 302

    queue = text(dating.get("/services/review/"))
    assert "食品小作坊登记" in queue
    review_url = f"/services/review/{version.pk}/"
    page = text(dating.get(review_url))
    assert "质量检查" in page
    assert "未发现问题" in page
    assert "全部要素（首次提交）" in page
    assert "修改前" not in page  # nothing to compare with: every element is shown
    assert "申请表单</th>" in page
    assert "1. 申请人姓名（pg.applicant_name）必填" in page
    assert "食品小作坊登记" in page
    assert "审查决定：眉县市场监督管理局 · 审批人员" in page
    assert "审核通过" in page
    assert "退回修改" in page

    refused = dating.post(review_url, {"action": "reject", "opinion": " "})
    assert refused.status_code == 422
    assert "退回修改须填写审核意见" in text(refused)
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED

    rejected = dating.post(review_url, {"action": "reject", "opinion": "请写明小作坊的具体条件"})
    assert rejected.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT

    page = text(bumen.get(f"/services/manage/versions/{version.pk}/edit/"))
    assert "审核退回" in page
    assert "请写明小作坊的具体条件" in page
    assert "陈静" in page  # who returned it, in the history

    assert bumen.post(f"/services/manage/versions/{version.pk}/submit/").status_code == 302
    assert dating.post(review_url, {"action": "approve", "opinion": ""}).status_code == 302
    too_early = Client().get(f"/services/{version.item.implementation_code}/")
    assert too_early.status_code == 404
    page = text(dating.get(review_url))
    assert "发布" in page
    assert dating.post(review_url, {"action": "publish"}).status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED

    citizen = Client()
    found = citizen.get(PORTAL, {"q": "小作坊"})
    assert names(found) == ["食品小作坊登记"]
    guide = citizen.get(f"/services/{version.item.implementation_code}/")
    assert guide.status_code == 200
    assert "食品小作坊登记" in text(guide)

    # A change is a new version, reviewed as a diff against the version in force.
    new_draft = bumen.post(f"/services/manage/items/{version.item_id}/new-draft/")
    assert new_draft.status_code == 302
    draft = ItemVersion.objects.get(item=version.item, number=2)
    data = form_data(
        simple_content(ref, materials=[{"material_type": "营业执照"}], promised_limit=3)
    )
    assert (
        bumen.post(draft_url := f"/services/manage/versions/{draft.pk}/edit/", data).status_code
        == 302
    )
    assert "基于现行版本修改" not in text(bumen.get(draft_url))
    assert bumen.post(f"/services/manage/versions/{draft.pk}/submit/").status_code == 302
    page = text(dating.get(f"/services/review/{draft.pk}/"))
    assert "与第 1 版相比的修改" in page
    assert "修改前" in page
    assert "修改后" in page
    assert re.search(r"承诺办结时限</th>\s*<td[^>]*><div>5</div></td>\s*<td><div>3</div>", page)
    assert "事项名称</th>" not in page  # unchanged elements are not listed

    # 停用 needs a reason.
    refused = dating.post(f"/services/review/{draft.pk}/", {"action": "retire", "reason": ""})
    assert refused.status_code == 422
    assert "停用事项须说明理由" in text(refused)
    retired = dating.post(
        f"/services/review/{draft.pk}/", {"action": "retire", "reason": "职能划转至县行政审批局"}
    )
    assert retired.status_code == 302
    assert citizen.get(f"/services/{version.item.implementation_code}/").status_code == 404


def test_withdraw_and_illegal_transitions_are_explained(ref, users, login_client):
    bumen = login_client(users["bumen"])
    version = services.item_create(
        actor=None,
        department_id=ref["departments"]["县市场监管局"].pk,
        basic_code=basic_code(),
        content=simple_content(ref, materials=[{"material_type": "营业执照"}]),
    )
    services.version_submit(actor=None, version_id=version.pk)
    page = text(bumen.get(f"/services/manage/versions/{version.pk}/edit/"))
    assert "撤回修改" in page
    assert 'name="v-name"' not in page
    response = bumen.post(f"/services/manage/versions/{version.pk}/withdraw/")
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    again = bumen.post(f"/services/manage/versions/{version.pk}/withdraw/")
    assert again.status_code == 409
    assert "不能撤回" in text(again)
    quick = bumen.post(f"/services/manage/versions/{version.pk}/submit/")
    assert quick.status_code == 302
    assert bumen.get(f"/services/manage/versions/{version.pk}/edit/").status_code == 200
    stale = bumen.post(
        f"/services/manage/versions/{version.pk}/edit/", form_data(simple_content(ref))
    )
    assert stale.status_code == 409
    assert "只有草稿可以修改" in text(stale)
    assert 'value="食品小作坊登记"' in text(stale)


def test_quick_submit_of_a_failing_draft_shows_the_problems(ref, users, login_client):
    bumen = login_client(users["bumen"])
    version = services.item_create(
        actor=None,
        department_id=ref["departments"]["县市场监管局"].pk,
        basic_code=basic_code(),
        content=simple_content(ref, phone=""),
    )
    response = bumen.post(f"/services/manage/versions/{version.pk}/submit/")
    assert response.status_code == 422
    html = text(response)
    assert "缺少必备要素：咨询电话" in html
    assert re.search(r'id="el-v-phone".*?缺少必备要素：咨询电话', html, flags=re.S)
    assert "含模糊表述" in html.split('data-testid="row"')[2]


# --- permissions ------------------------------------------------------------------------------
def test_citizens_and_anonymous_cannot_reach_maintenance_or_review(
    small_catalog, users, login_client
):
    version = small_catalog["birth"]
    anonymous = Client()
    for url in ["/services/manage/", "/services/review/", "/services/quality/"]:
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    citizen = login_client(users["zhangsan"])
    for url in [
        "/services/manage/",
        "/services/manage/new/",
        f"/services/manage/versions/{version.pk}/edit/",
        "/services/review/",
        f"/services/review/{version.pk}/",
        "/services/quality/",
        f"/services/manage/items/{version.item_id}/halls/",
    ]:
        response = citizen.get(url)
        assert response.status_code == 403, url
        assert "没有权限" in text(response)
    assert (
        citizen.post(
            f"/services/review/{version.pk}/", {"action": "retire", "reason": "x"}
        ).status_code
        == 403
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED


def test_department_admin_cannot_touch_another_departments_item(small_catalog, users, login_client):
    other = small_catalog["draft"]  # an item of 县公安局
    bumen = login_client(users["bumen"])
    url = f"/services/manage/versions/{other.pk}/edit/"
    response = bumen.get(url)
    assert response.status_code == 403
    assert "只有眉县公安局的部门管理员可以维护该事项" in text(response)
    assert bumen.post(url, {"action": "save"}).status_code == 403
    assert bumen.post(f"/services/manage/versions/{other.pk}/submit/").status_code == 403
    assert bumen.post(f"/services/manage/items/{other.item_id}/new-draft/").status_code == 403
    assert bumen.get(f"/services/manage/items/{other.item_id}/halls/").status_code == 403
    assert "尚未发布的户籍草稿" not in text(bumen.get("/services/manage/"))
    other.refresh_from_db()
    assert other.status == VersionStatus.DRAFT


def test_approver_and_department_admin_cannot_review(small_catalog, users, login_client):
    draft = small_catalog["draft"]
    services.version_submit(actor=None, version_id=draft.pk)
    for username in ["shenpi", "bumen", "chuangkou"]:
        client = login_client(users[username])
        assert client.get("/services/review/").status_code == 403
        response = client.post(f"/services/review/{draft.pk}/", {"action": "approve"})
        assert response.status_code == 403
        assert "县行政审批服务局" in text(response)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.SUBMITTED
    admin = login_client(users["admin"])
    assert admin.post(f"/services/review/{draft.pk}/", {"action": "approve"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.APPROVED


def test_hall_admin_cannot_maintain(small_catalog, users, login_client):
    dating = login_client(users["dating"])
    assert dating.get("/services/manage/").status_code == 403
    assert dating.get("/services/manage/new/").status_code == 403


def test_unknown_version_is_a_chinese_404(ref, users, login_client):
    response = login_client(users["bumen"]).get("/services/manage/versions/999999/edit/")
    assert response.status_code == 404
    assert "事项版本不存在" in text(response)


# --- navigation -------------------------------------------------------------------------------
def test_nav_links_by_role(county, users, login_client):
    anonymous = text(Client().get("/"))
    assert "办事指南" in anonymous
    assert "事项维护" not in anonymous
    bumen = text(login_client(users["bumen"]).get("/"))
    assert "事项维护" in bumen
    assert "事项审核" not in bumen
    dating = text(login_client(users["dating"]).get("/"))
    assert "事项审核" in dating
    assert "事项维护" not in dating
    admin = text(login_client(users["admin"]).get("/"))
    assert "事项审核" in admin
    assert "事项维护" in admin
    shenpi = text(login_client(users["shenpi"]).get("/"))
    assert "事项审核" not in shenpi
    assert "事项维护" not in shenpi
    citizen = text(login_client(users["zhangsan"]).get("/"))
    assert "办事指南" in citizen
    assert "事项维护" not in citizen


# --- halls and quality report -----------------------------------------------------------------
def test_department_admin_sets_the_halls_that_accept_an_item(
    small_catalog, ref, users, login_client
):
    item = small_catalog["restaurant"].item
    bumen = login_client(users["bumen"])
    url = f"/services/manage/items/{item.pk}/halls/"
    page = text(bumen.get(url))
    assert "眉县政务服务中心" in page
    assert "横渠镇便民服务中心" in page
    county_hall, town_hall = ref["halls"]["county"], ref["halls"]["横渠镇"]
    data = {f"mode_{h.pk}": "direct" for h in [county_hall, town_hall]}
    data |= {
        f"hall_{county_hall.pk}": "on",
        f"hall_{town_hall.pk}": "on",
        f"mode_{town_hall.pk}": "proxy",
    }
    # Every hall's mode select is posted, as a browser does.
    for hall in Hall.objects.filter(is_active=True):
        data.setdefault(f"mode_{hall.pk}", "direct")
    response = bumen.post(url, data)
    assert response.status_code == 302
    assert set(ItemHall.objects.filter(item=item).values_list("hall_id", "mode")) == {
        (county_hall.pk, "direct"),
        (town_hall.pk, "proxy"),
    }
    page = text(bumen.get(url))
    assert (
        f'name="hall_{town_hall.pk}" class="form-check-input" id="id_hall_{town_hall.pk}" checked'
        in page
    )
    guide = text(Client().get(f"/services/{item.implementation_code}/"))
    assert "横渠镇便民服务中心（代收代办）" in guide


def test_quality_report_by_department(ref, users, login_client):
    services.item_create(
        actor=None,
        department_id=ref["departments"]["县市场监管局"].pk,
        basic_code=basic_code(),
        content=simple_content(ref, name="市场监管的问题事项"),
    )
    services.item_create(
        actor=None,
        department_id=ref["departments"]["县公安局"].pk,
        basic_code=basic_code(),
        content=content(ref, name="公安的问题事项", hours=""),
    )
    mine = text(login_client(users["bumen"]).get("/services/quality/"))
    assert "市场监管的问题事项" in mine
    assert "含模糊表述“其他材料”" in mine
    assert "公安的问题事项" not in mine
    everyone = text(login_client(users["dating"]).get("/services/quality/"))
    assert "市场监管的问题事项" in everyone
    assert "公安的问题事项" in everyone
    assert "缺少必备要素：办理时间" in everyone
    one = login_client(users["dating"]).get(
        "/services/quality/", {"department": ref["departments"]["县公安局"].pk}
    )
    assert "市场监管的问题事项" not in text(one)
    assert "公安的问题事项" in text(one)


# --- admin ------------------------------------------------------------------------------------
def test_admin_registers_the_catalog(small_catalog, users, login_client):
    admin = login_client(users["admin"])
    version = small_catalog["birth"]
    for url in [
        "/admin/catalog/theme/",
        "/admin/catalog/theme/add/",
        "/admin/catalog/materialtype/",
        "/admin/catalog/dataelement/",
        "/admin/catalog/specialprocedurekind/",
        "/admin/catalog/synonym/",
        "/admin/catalog/synonym/add/",
        "/admin/catalog/item/",
        f"/admin/catalog/item/{version.item_id}/change/",
        "/admin/catalog/itemversion/?status__exact=published",
        f"/admin/catalog/itemversion/{version.pk}/change/",
        "/admin/catalog/importjob/",
    ]:
        assert admin.get(url).status_code == 200, url
    assert admin.get("/admin/catalog/itemversion/add/").status_code == 403
    assert admin.get("/admin/catalog/item/add/").status_code == 403
    page = text(admin.get(f"/admin/catalog/itemversion/{version.pk}/change/"))
    assert 'name="_save"' not in page  # view only
    assert "告知承诺可免提交" in page  # the materials inline
    response = admin.post(
        "/admin/catalog/synonym/add/", {"phrase": "办个小吃摊", "expansions": "食品 摊贩"}
    )
    assert response.status_code == 302
    assert Synonym.objects.filter(phrase="办个小吃摊").exists()


def test_manage_list_and_review_queue_do_not_query_per_item(
    ref, users, login_client, django_assert_max_num_queries
):
    def add(n: int) -> None:
        for _ in range(n):
            version = services.item_create(
                actor=None,
                department_id=ref["departments"]["县市场监管局"].pk,
                basic_code=basic_code(),
                content=simple_content(ref, materials=[{"material_type": "营业执照"}]),
            )
            services.version_submit(actor=None, version_id=version.pk)

    bumen = login_client(users["bumen"])
    dating = login_client(users["dating"])
    add(2)
    bumen.get("/services/manage/")
    dating.get("/services/review/")
    with django_assert_max_num_queries(20) as ctx:
        bumen.get("/services/manage/")
    manage_queries = len(ctx.captured_queries)
    with django_assert_max_num_queries(20) as ctx:
        dating.get("/services/review/")
    review_queries = len(ctx.captured_queries)
    shown = text(bumen.get("/services/manage/")).count('data-testid="managed-item"')
    add(8)
    with django_assert_max_num_queries(manage_queries):
        listing = bumen.get("/services/manage/")
    # 30 a page; the department may hold items beyond the ones made here.
    assert text(listing).count('data-testid="managed-item"') == min(30, shown + 8)
    with django_assert_max_num_queries(review_queries):
        queue = dating.get("/services/review/")
    assert text(queue).count('data-testid="queue-item"') == 10
