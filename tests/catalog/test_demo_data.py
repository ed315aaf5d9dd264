"""Self-check of the demo catalog data (pure data: runs without Django)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from onewindow.catalog import demo_data as dd

COUNTY_DEPARTMENTS = {
    "县行政审批局",
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
    "县城管执法局",
    "县消防救援大队",
    "县水利局",
    "县商务和工业信息化局",
    "县生态环境局",
    "县文旅局",
    "县应急管理局",
    "县法院",
    "县司法局",
}
TOWNS = {"首善街道", "横渠镇", "槐芽镇", "汤峪镇", "常兴镇", "金渠镇", "营头镇", "齐镇"}
DEPARTMENTS = COUNTY_DEPARTMENTS | TOWNS

ITEM_TYPES = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "20"}
SERVICE_OBJECTS = {"1", "2", "3", "4", "5", "6"}
CHANNELS = {"1", "2", "3", "4"}
UNITS = {"working", "natural"}
SPECIAL_PROCEDURES = {
    "听证",
    "招标",
    "拍卖",
    "检验",
    "检测",
    "检疫",
    "鉴定",
    "专家评审",
    "现场勘验",
    "公示",
}
CROSS_REGION = {"", "全国", "跨省", "跨市", "跨县"}
ROLES = {"window_clerk", "approver", "dept_admin"}
FIELD_TYPES = {
    "text",
    "textarea",
    "number",
    "date",
    "select",
    "multiselect",
    "checkbox",
    "id_number",
    "uscc",
    "phone",
    "email",
}
VAGUE = ["其他材料", "有关证明", "相关材料", "等材料", "其他相关", "有关材料"]

ITEM_KEYS = {
    "accept_on_receipt",
    "name",
    "basic_code",
    "department",
    "competent_department",
    "joint_departments",
    "item_type",
    "level",
    "handling_type",
    "statutory_limit",
    "statutory_unit",
    "promised_limit",
    "promised_unit",
    "limit_note",
    "service_objects",
    "themes",
    "legal_basis",
    "conditions",
    "result_name",
    "result_licence_type",
    "fee",
    "quantity_limit",
    "annual_inspection",
    "special_procedures",
    "intermediary_services",
    "channels",
    "online_depth",
    "visits",
    "appointment",
    "postal_delivery",
    "cross_region_scope",
    "high_frequency",
    "tolerant_acceptance",
    "commitment",
    "process",
    "materials",
    "fields",
    "faq",
    "bundle",
}
MATERIAL_KEYS = {
    "name",
    "originals",
    "copies",
    "form",
    "required",
    "tolerable",
    "waivable",
    "notes",
}

# Seed 001 attachment: (bundle, component as the seed writes it, phrases that item names must
# contain — each phrase is matched by some item of that bundle). The two components implemented
# only by 人民银行宝鸡市分行（市级权限）— 基本账户变更, 银行账户注销 — are not county items.
SEED_001_COMPONENTS: list[tuple[str, str, list[str]]] = [
    ("企业信息变更", "企业变更登记", ["企业变更登记"]),
    ("企业信息变更", "企业印章刻制", ["企业印章刻制"]),
    ("企业信息变更", "税控设备变更发行", ["税控设备变更发行"]),
    ("企业信息变更", "社会保险登记变更", ["社会保险登记变更"]),
    ("企业信息变更", "住房公积金企业缴存登记变更", ["住房公积金企业缴存登记变更"]),
    ("开办运输企业", "企业营业执照信息核验", ["企业营业执照信息核验"]),
    ("开办运输企业", "企业车辆及驾驶员信息核验", ["企业车辆及驾驶员信息核验"]),
    ("开办运输企业", "道路货物运输经营许可", ["道路货物运输经营许可"]),
    ("开办运输企业", "普通道路货物运输车辆《道路运输证》办理", ["《道路运输证》办理"]),
    ("开办餐饮店", "企业营业执照信息核验", ["企业营业执照信息核验"]),
    ("开办餐饮店", "食品经营许可", ["食品经营许可"]),
    ("开办餐饮店", "户外招牌设施设置规范管理", ["户外招牌设施设置"]),
    (
        "开办餐饮店",
        "公众聚集场所投入使用、营业前消防安全检查",
        ["公众聚集场所投入使用、营业前消防安全检查"],
    ),
    ("水电气网联合报装", "水电气网接入外线工程联合审批", ["水电气网接入外线工程联合审批"]),
    ("水电气网联合报装", "供电报装", ["供电报装"]),
    ("水电气网联合报装", "燃气报装", ["燃气报装"]),
    ("水电气网联合报装", "供排水报装", ["供排水报装"]),
    ("水电气网联合报装", "通信报装", ["通信报装"]),
    ("信用修复", "建立相关失信信息信用修复指引", ["信用修复指引"]),
    ("信用修复", "行政处罚信息修复", ["行政处罚信息信用修复"]),
    ("信用修复", "异常经营名录信息修复", ["经营异常名录信息修复"]),
    ("信用修复", "严重失信主体名单信息修复", ["严重失信主体名单信息修复"]),
    (
        "企业上市合法合规信息核查",
        "统筹相关申请核查信息的受理、分派、汇总和结果送达",
        ["企业上市合法合规信息核查申请"],
    ),
    ("企业上市合法合规信息核查", "企业城市管理领域无违法违规信息核查", ["城市管理领域"]),
    ("企业上市合法合规信息核查", "企业规划自然资源领域无违法违规信息核查", ["规划自然资源领域"]),
    ("企业上市合法合规信息核查", "企业违反劳动保障法律法规信息核查", ["劳动保障法律法规"]),
    ("企业上市合法合规信息核查", "企业生态环境保护领域无违法违规信息核查", ["生态环境保护领域"]),
    ("企业上市合法合规信息核查", "企业市场监管领域无违法违规信息核查", ["市场监管领域无违法"]),
    ("企业上市合法合规信息核查", "企业卫生和人员健康领域无违法违规信息核查", ["卫生和人员健康"]),
    ("企业上市合法合规信息核查", "企业文化和旅游市场领域无违法违规信息核查", ["文化和旅游市场"]),
    ("企业上市合法合规信息核查", "企业应急管理领域无违法违规信息核查", ["应急管理领域"]),
    (
        "企业上市合法合规信息核查",
        "企业住房、工程建设领域无违法违规信息核查",
        ["住房、工程建设领域"],
    ),
    ("企业上市合法合规信息核查", "企业人员住房公积金缴存信息核查", ["住房公积金缴存信息核查"]),
    ("企业上市合法合规信息核查", "企业科技领域无违法违规信息核查", ["科技领域"]),
    ("企业上市合法合规信息核查", "企业交通运输领域无违法违规信息核查", ["交通运输领域"]),
    ("企业上市合法合规信息核查", "企业合法纳税情况无违法违规信息核查", ["合法纳税情况"]),
    ("企业上市合法合规信息核查", "企业知识产权领域无违法违规信息核查", ["知识产权领域"]),
    ("企业上市合法合规信息核查", "企业水资源保护领域无违法违规信息核查", ["水资源保护领域"]),
    ("企业上市合法合规信息核查", "企业消防安全无违法违规信息核查", ["消防安全无违法"]),
    (
        "企业破产信息核查",
        "统筹相关申请核查信息的受理、分派、汇总和结果送达",
        ["企业破产信息核查申请"],
    ),
    ("企业破产信息核查", "企业车辆信息核查", ["企业车辆信息核查"]),
    ("企业破产信息核查", "企业不动产登记信息核查", ["企业不动产登记信息核查"]),
    ("企业破产信息核查", "社会保险参保缴费记录核查", ["社会保险参保缴费记录核查"]),
    ("企业破产信息核查", "企业注册、登记等基本信息核查", ["企业注册、登记等基本信息核查"]),
    ("企业破产信息核查", "企业人员医保缴存信息核查", ["企业人员医保缴存信息核查"]),
    ("企业破产信息核查", "企业房产信息核查", ["企业房产信息核查"]),
    ("企业破产信息核查", "企业人员住房公积金缴存信息核查", ["住房公积金缴存信息核查"]),
    ("企业破产信息核查", "企业纳税缴税情况信息核查", ["纳税缴税情况信息核查"]),
    ("企业注销登记", "税务注销", ["税务注销"]),
    ("企业注销登记", "企业注销登记", ["企业注销登记"]),
    ("企业注销登记", "注销社会保险登记", ["注销社会保险登记"]),
    ("企业注销登记", "企业印章注销", ["企业印章注销"]),
    ("新生儿出生", "《出生医学证明》办理(首签)", ["《出生医学证明》办理"]),
    ("新生儿出生", "预防接种证办理", ["预防接种证办理"]),
    ("新生儿出生", "本市户口登记(申报出生登记)", ["出生登记"]),
    ("新生儿出生", "社会保障卡申领", ["社会保障卡申领"]),
    ("新生儿出生", "生育医疗费用报销", ["生育医疗费用报销"]),
    ("新生儿出生", "办理居民医保登记", ["城乡居民医保参保登记"]),
    ("新生儿出生", "科学育儿指导服务登记", ["科学育儿指导服务登记"]),
    ("教育入学", "新生入学信息采集", ["新生入学信息采集"]),
    ("教育入学", "户籍类证明", ["户籍证明"]),
    ("教育入学", "居住证", ["居住证办理"]),
    ("教育入学", "不动产权证书", ["不动产登记资料查询"]),
    ("教育入学", "社会保险参保缴费记录查询", ["社会保险参保缴费记录查询"]),
    (
        "社会保障卡居民服务",
        "就业和人力资源服务、社保服务",
        ["社会保障卡申领", "社会保障卡挂失、补换"],
    ),
    ("社会保障卡居民服务", "就医购药", ["社会保障卡就医购药"]),
    ("社会保障卡居民服务", "交通出行", ["社会保障卡交通出行"]),
    ("社会保障卡居民服务", "文化体验", ["社会保障卡文化体验"]),
    (
        "残疾人服务",
        "残疾人证新办、换领、迁移、挂失、补办、注销、残疾类别/等级变更",
        [
            "残疾人证新办",
            "残疾人证换领",
            "残疾人证迁移",
            "残疾人证挂失补办",
            "残疾人证注销",
            "残疾类别、等级变更",
        ],
    ),
    ("残疾人服务", "困难残疾人生活补贴", ["困难残疾人生活补贴"]),
    ("残疾人服务", "重度残疾人护理补贴", ["重度残疾人护理补贴"]),
    ("残疾人服务", "残疾人就业帮扶", ["残疾人就业帮扶"]),
    ("残疾人服务", "城乡居民基本养老保险补助", ["城乡居民基本养老保险缴费补助"]),
    (
        "退休",
        "参保人员达到法定退休年龄领取基本养老保险待遇资格确认",
        ["领取基本养老保险待遇资格确认"],
    ),
    ("退休", "基本养老保险视同缴费年限认定", ["基本养老保险视同缴费年限认定"]),
    ("退休", "特殊工种提前退休核准", ["特殊工种提前退休核准"]),
    (
        "退休",
        "因病或非因工致残完全丧失劳动能力提前退休(退职)核准",
        ["因病或非因工致残完全丧失劳动能力提前退休"],
    ),
    ("退休", "新增退休人员养老保险待遇核定发放", ["新增退休人员养老保险待遇核定发放"]),
    ("退休", "基本医疗保险视同缴费年限核定", ["基本医疗保险视同缴费年限核定"]),
    ("退休", "离休、退休提取住房公积金", ["离休、退休提取住房公积金"]),
    ("退休", "城镇独生子女父母奖励金", ["城镇独生子女父母奖励金"]),
    ("退休", "户籍信息确认", ["户籍信息确认"]),
]

# Items that touch public safety, health or ecology: never 告知承诺 (domain.md §4).
NO_COMMITMENT = [
    "食品经营许可",
    "公众聚集场所投入使用、营业前消防安全检查",
    "药品零售企业经营许可",
    "危险化学品经营许可",
    "公共场所卫生许可",
    "特种设备使用登记",
    "取水许可",
    "医师执业注册",
    "娱乐场所经营许可",
    "道路货物运输经营许可",
]

ITEMS = dd.ITEMS
ITEM_IDS = [item["name"] for item in ITEMS]
MATERIAL_TYPES = {m["name"]: m for m in dd.MATERIAL_TYPES}
DATA_ELEMENTS = {e["key"]: e for e in dd.DATA_ELEMENTS}
THEMES = {t["code"]: t for t in dd.THEMES}
BUNDLES = {b["name"] for b in dd.BUNDLES}


def field_key(field: str | dict) -> str:
    return field if isinstance(field, str) else field["key"]


def bundles_of(item: dict) -> list[str]:
    bundle = item["bundle"]
    if isinstance(bundle, str):
        return [bundle] if bundle else []
    return list(bundle)


# -- dictionaries ---------------------------------------------------------------------------


def test_themes_are_unique_and_well_formed():
    codes = [t["code"] for t in dd.THEMES]
    assert len(codes) == len(set(codes))
    assert len({t["name"] for t in dd.THEMES}) == len(codes)
    for theme in dd.THEMES:
        assert set(theme) == {"code", "name", "audience", "order"}
        assert theme["audience"] in {"person", "enterprise"}
        assert isinstance(theme["order"], int)
    audiences = Counter(t["audience"] for t in dd.THEMES)
    assert audiences["person"] >= 13
    assert audiences["enterprise"] >= 10


def test_material_types_are_unique_and_well_formed():
    names = [m["name"] for m in dd.MATERIAL_TYPES]
    duplicates = [n for n, c in Counter(names).items() if c > 1]
    assert not duplicates
    for material in dd.MATERIAL_TYPES:
        assert set(material) == {"name", "issuer", "source", "licence_type", "description"}
        assert material["source"] in {"government", "applicant", "licence"}
        assert material["issuer"]
        assert material["description"]
        assert bool(material["licence_type"]) == (material["source"] == "licence"), material


def test_data_elements_are_unique_and_well_formed():
    keys = [e["key"] for e in dd.DATA_ELEMENTS]
    assert not [k for k, c in Counter(keys).items() if c > 1]
    for element in dd.DATA_ELEMENTS:
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", element["key"]), element["key"]
        assert element["label"]
        assert element["type"] in FIELD_TYPES
        assert set(element) <= {
            "key",
            "label",
            "type",
            "options",
            "max_length",
            "min",
            "max",
            "help",
        }
        if element["type"] in {"select", "multiselect"}:
            options = element["options"]
            assert len(options) >= 2, element["key"]
            assert len(options) == len(set(options)), element["key"]
        else:
            assert "options" not in element, element["key"]
        if "min" in element or "max" in element:
            assert element["type"] == "number", element["key"]
            if "min" in element and "max" in element:
                assert element["min"] <= element["max"]
    for common in [
        "applicant.name",
        "applicant.id_number",
        "applicant.phone",
        "applicant.address",
        "enterprise.name",
        "enterprise.uscc",
        "enterprise.legal_rep",
        "enterprise.address",
        "child.name",
        "child.birth_date",
        "business.scope",
        "vehicle.plate_number",
        "food.business_category",
    ]:
        assert common in DATA_ELEMENTS, common
    assert DATA_ELEMENTS["child.gender"]["options"] == ["男", "女"]
    assert DATA_ELEMENTS["disability.category"]["options"] == [
        "视力",
        "听力",
        "言语",
        "肢体",
        "智力",
        "精神",
        "多重",
    ]
    assert DATA_ELEMENTS["applicant.id_number"]["type"] == "id_number"
    assert DATA_ELEMENTS["enterprise.uscc"]["type"] == "uscc"


def test_synonyms():
    synonyms = dict(dd.SYNONYMS)
    assert len(dd.SYNONYMS) == len(synonyms) >= 29
    assert synonyms["生孩子"] == ["新生儿", "出生"]
    assert synonyms["开饭店"] == ["餐饮", "食品经营"]
    assert synonyms["营业执照"] == ["工商登记", "企业登记"]
    assert synonyms["工商登记"] == ["营业执照"]
    names = " ".join(ITEM_IDS)
    for phrase, terms in dd.SYNONYMS:
        assert terms
        assert all(isinstance(t, str) and t for t in terms)
        if phrase == "营业执照":  # maps to the colloquial words people use for it
            continue
        assert any(term in names for term in terms), phrase


# -- items ----------------------------------------------------------------------------------


def test_item_counts_and_levels():
    levels = Counter(item["level"] for item in ITEMS)
    assert len(ITEMS) >= 75
    assert set(levels) <= {4, 5, 6}
    assert levels[5] >= 8
    assert levels[6] >= 3


def test_basic_codes_are_twelve_digits_and_unique():
    codes = [item["basic_code"] for item in ITEMS]
    assert all(re.fullmatch(r"\d{12}", code) for code in codes)
    assert not [c for c, n in Counter(codes).items() if n > 1]


def test_item_names_are_unique():
    assert not [n for n, c in Counter(ITEM_IDS).items() if c > 1]


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_item_shape(item):
    assert set(item) == ITEM_KEYS
    assert item["name"]
    assert item["legal_basis"]
    assert item["conditions"]
    assert item["result_name"]
    assert item["legal_basis"].count("《") >= 1
    assert item["item_type"] in ITEM_TYPES
    assert item["handling_type"] in {1, 2}
    assert item["service_objects"]
    assert set(item["service_objects"]) <= SERVICE_OBJECTS
    assert item["channels"]
    assert set(item["channels"]) <= CHANNELS
    assert item["online_depth"] in {1, 2, 3, 4}
    assert item["visits"] in {0, 1}
    if item["online_depth"] == 4:
        assert item["visits"] == 0
    if item["online_depth"] >= 3:
        assert {"2", "3"} & set(item["channels"])
    assert item["cross_region_scope"] in CROSS_REGION
    for flag in [
        "annual_inspection",
        "appointment",
        "postal_delivery",
        "high_frequency",
        "tolerant_acceptance",
        "commitment",
        "accept_on_receipt",
    ]:
        assert isinstance(item[flag], bool), flag
    assert item["fee"] is None or (
        set(item["fee"]) == {"standard", "basis"} and item["fee"]["basis"].startswith("《")
    )
    assert 1 <= len(item["faq"]) <= 2
    for entry in item["faq"]:
        assert len(entry) == 2
        assert all(entry)
    assert item["themes"]
    assert all(theme in THEMES for theme in item["themes"])
    assert all(bundle in BUNDLES for bundle in bundles_of(item))


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_item_departments(item):
    assert item["department"] in DEPARTMENTS
    assert item["competent_department"] in COUNTY_DEPARTMENTS
    assert set(item["joint_departments"]) <= DEPARTMENTS
    assert item["department"] not in item["joint_departments"]
    if item["level"] in {5, 6}:
        assert item["department"] in TOWNS
    else:
        assert item["department"] in COUNTY_DEPARTMENTS
    assert item["process"]
    for step in item["process"]:
        name, department, role = step
        assert name
        assert department in DEPARTMENTS
        assert role in ROLES


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_item_time_limits(item):
    assert item["statutory_unit"] in UNITS
    assert item["promised_unit"] == item["statutory_unit"]
    assert isinstance(item["statutory_limit"], int)
    assert item["statutory_limit"] >= 1
    assert isinstance(item["promised_limit"], int)
    assert 0 <= item["promised_limit"] <= item["statutory_limit"]
    if item["handling_type"] == 1:
        assert item["promised_limit"] in {0, 1}
    for kind, days in item["special_procedures"]:
        assert kind in SPECIAL_PROCEDURES
        assert isinstance(days, int)
        assert days > 0


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_item_materials(item):
    materials = item["materials"]
    assert materials
    assert any(m["required"] for m in materials)
    for material in materials:
        assert set(material) == MATERIAL_KEYS
        assert material["name"] in MATERIAL_TYPES, material["name"]
        assert material["form"] in {"paper", "electronic", "both"}
        assert material["originals"] >= 0
        assert material["copies"] >= 0
        assert material["originals"] + material["copies"] >= 1
    tolerable = [m for m in materials if m["tolerable"]]
    assert bool(tolerable) == item["tolerant_acceptance"]
    waivable = [m for m in materials if m["waivable"]]
    assert bool(waivable) == item["commitment"]
    # A commitment replaces proofs, never the application, the identity or the letter itself.
    for material in waivable:
        name = material["name"]
        assert not name.endswith(("申请书", "申请表", "登记表", "承诺书", "声明")), name
        assert name not in {"居民身份证", "社会保障卡", "授权委托书"}, name
    if item["result_licence_type"]:
        licence_types = {m["licence_type"] for m in dd.MATERIAL_TYPES}
        assert item["result_licence_type"] in licence_types


@pytest.mark.parametrize("item", ITEMS, ids=ITEM_IDS)
def test_item_fields(item):
    keys = [field_key(f) for f in item["fields"]]
    assert len(keys) >= 3
    assert len(keys) == len(set(keys))
    for field in item["fields"]:
        if isinstance(field, dict):
            assert set(field) <= {"key", "required"}
            assert isinstance(field["required"], bool)
        assert field_key(field) in DATA_ELEMENTS, field_key(field)


def test_no_vague_wording():
    texts = [item["conditions"] for item in ITEMS]
    texts += [m["name"] + m["notes"] for item in ITEMS for m in item["materials"]]
    texts += [m["name"] + m["description"] for m in dd.MATERIAL_TYPES]
    offending = [text for text in texts if any(word in text for word in VAGUE)]
    assert not offending


def test_no_commitment_for_safety_health_or_ecology():
    for name in NO_COMMITMENT:
        matches = [item for item in ITEMS if name in item["name"]]
        assert matches, name
        assert not any(item["commitment"] for item in matches), name


def test_every_seed_001_component_is_an_item():
    missing = []
    for bundle, component, phrases in SEED_001_COMPONENTS:
        assert bundle in BUNDLES
        for phrase in phrases:
            if not any(phrase in item["name"] and bundle in bundles_of(item) for item in ITEMS):
                missing.append((bundle, component, phrase))
    assert not missing
    # No 人民银行 item slipped in.
    assert not [n for n in ITEM_IDS if "银行账户" in n or "基本账户" in n]


def test_every_bundle_has_items_and_its_lead_is_a_department():
    for bundle in dd.BUNDLES:
        assert bundle["lead_department"] in COUNTY_DEPARTMENTS
        assert any(bundle["name"] in bundles_of(item) for item in ITEMS), bundle["name"]
