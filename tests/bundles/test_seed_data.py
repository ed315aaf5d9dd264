"""Self-check of the "高效办成一件事" seed data against the seeds and the demo catalog (pure
data: no database)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Any

import pytest

from onewindow.bundles import seed_data as sd
from onewindow.catalog import demo_data as dd
from onewindow.org.demo import DEPARTMENTS

ITEMS_BY_NAME: dict[str, list[dict[str, Any]]] = {}
for _item in dd.ITEMS:
    ITEMS_BY_NAME.setdefault(_item["name"], []).append(_item)
DEPARTMENT_NAMES = {short for _full, short, _operator in DEPARTMENTS}
ELEMENT_LABELS = {e["key"]: e["label"] for e in dd.DATA_ELEMENTS}
BY_NAME = {b["name"]: b for b in sd.BUNDLES}
BY_CODE = {b["code"]: b for b in sd.BUNDLES}
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
PERSON_OBJECTS = {"1"}
ENTERPRISE_OBJECTS = {"2", "3", "4", "6"}

# ---------------------------------------------------------------------------------------
# Seed 001 (眉政办发〔2024〕26号, 附件), copied from the table: (具体事项, 责任部门). An empty
# department cell is a merged cell (same as the row above); ★ marks the lead department.
# ---------------------------------------------------------------------------------------
SEED_001_TABLE: dict[str, list[tuple[str, str]]] = {
    "企业信息变更": [
        ("企业变更登记", "★县行政审批局"),
        ("企业印章刻制", "县公安局"),
        ("基本账户变更", "人民银行宝鸡市分行（市级权限）"),
        ("税控设备变更发行", "县税务局"),
        ("社会保险登记变更", "县人社局"),
        ("住房公积金企业缴存登记变更", "县住房公积金管理中心"),
    ],
    "开办运输企业": [
        ("企业营业执照信息核验", "县行政审批局"),
        ("企业车辆及驾驶员信息核验", "县公安局"),
        (
            "道路货物运输经营许可(危险货物道路运输经营、使用总质量 4500 千克及以下普通货运"
            "车辆从事普通货运经营的除外)",
            "★县交通局",
        ),
        ("普通道路货物运输车辆《道路运输证》办理", ""),
    ],
    "开办餐饮店": [
        ("企业营业执照信息核验", "★县市场监管局"),
        ("食品经营许可", ""),
        ("户外招牌设施设置规范管理", "县城管执法局"),
        ("公众聚集场所投入使用、营业前消防安全检查", "县消防救援大队"),
    ],
    "水电气网联合报装": [
        ("水电气网接入外线工程联合审批", "★县住建局\n县自然资源局、县交通局等部门"),
        ("供电报装", "县发改局及供电企业"),
        ("燃气报装", "县住建局及供气企业"),
        ("供排水报装", "县水利局及供水企业、县住建局"),
        ("通信报装", "县商务和工业信息化局及通信网络运营商"),
    ],
    "信用修复": [
        (
            "统筹在“信用中国”网站及地方信用平台网站建立相关失信信息信用修复指引",
            "★县发改局",
        ),
        ("行政处罚信息修复", "县发改局、县市场监管局等部门"),
        ("异常经营名录信息修复", "县市场监管局"),
        ("严重失信主体名单信息修复", "县发改局"),
    ],
    "企业上市合法合规信息核查": [
        ("统筹相关申请核查信息的受理、分派、汇总和结果送达", "★县发改局"),
        ("企业城市管理领域无违法违规信息核查", "县城市管理执法局"),
        ("企业规划自然资源领域无违法违规信息核查", "县住建局"),
        ("企业违反劳动保障法律法规信息核查", "县人社局"),
        ("企业生态环境保护领域无违法违规信息核查", "县生态环境局"),
        ("企业市场监管领域无违法违规信息核查", "县市场监管局"),
        ("企业卫生和人员健康领域无违法违规信息核查", "县卫健局"),
        ("企业文化和旅游市场领域无违法违规信息核查", "县文旅局"),
        ("企业应急管理领域无违法违规信息核查", "县应急管理局"),
        ("企业住房、工程建设领域无违法违规信息核查", "县住建局"),
        ("企业人员住房公积金缴存信息核查", "县住房公积金管理中心"),
        ("企业科技领域无违法违规信息核查", "县商务和工业信息化局"),
        ("企业交通运输领域无违法违规信息核查", "县交通局"),
        ("企业合法纳税情况无违法违规信息核查", "县税务局"),
        ("企业知识产权领域无违法违规信息核查", "县市场监管局"),
        ("企业水资源保护领域无违法违规信息核查", "县水利局"),
        ("企业消防安全无违法违规信息核查", "县消防救援大队"),
    ],
    "企业破产信息核查": [
        ("统筹相关申请核查信息的受理、分派、汇总和结果送达", "★县法院"),
        ("企业车辆信息核查", "县公安局"),
        ("企业不动产登记信息核查", "县自然资源局"),
        ("社会保险参保缴费记录核查", "县人社局、\n县税务局"),
        ("企业注册、登记等基本信息核查", "县行政审批局"),
        ("企业人员医保缴存信息核查", "县医保局、县税务局"),
        ("企业房产信息核查", "县自然资源局、县住建局"),
        ("企业人员住房公积金缴存信息核查", "县住房公积金管理中心"),
        ("企业纳税缴税情况信息核查", "县税务局"),
    ],
    "企业注销登记": [
        ("税务注销", "县税务局"),
        ("企业注销登记", "★县行政审批局"),
        ("注销社会保险登记", "县人社局"),
        ("银行账户注销", "人民银行宝鸡市分行（市级权限）"),
        ("企业印章注销", "县公安局"),
    ],
    "新生儿出生": [
        ("《出生医学证明》办理(首签)", "★县卫健局"),
        ("预防接种证办理", ""),
        ("本市户口登记(申报出生登记)1 岁以下婚内本市生育", "县公安局"),
        ("社会保障卡申领", "县人社局"),
        ("生育医疗费用报销", "县医保局"),
        ("办理居民医保登记", ""),
        ("科学育儿指导服务登记", "县卫健局"),
    ],
    "教育入学": [
        ("新生入学信息采集", "★县教体局"),
        ("户籍类证明", "县公安局"),
        ("居住证", ""),
        ("不动产权证书", "县自然资源局"),
        ("社会保险参保缴费记录查询", "县人社局"),
    ],
    "社会保障卡居民服务": [
        ("就业和人力资源服务、社保服务", "★县人社局"),
        ("就医购药", "县医保局"),
        ("交通出行", "县交通局"),
        ("文化体验", "县文旅局"),
    ],
    "残疾人服务": [
        ("残疾人证新办、换领、迁移、挂失、补办、注销、残疾类别/等级变更", "★县残联"),
        ("困难残疾人生活补贴", "县民政局、县残联"),
        ("重度残疾人护理补贴", ""),
        ("残疾人就业帮扶", "县人社局、县残联"),
        ("城乡居民基本养老保险补助", "县人社局"),
    ],
    "退休": [
        ("参保人员达到法定退休年龄领取基本养老保险待遇资格确认", "★县人社局"),
        ("基本养老保险视同缴费年限认定", ""),
        ("特殊工种提前退休核准", ""),
        ("因病或非因工致残完全丧失劳动能力提前退休(退职)核准", ""),
        ("新增退休人员养老保险待遇核定发放", ""),
        ("基本医疗保险视同缴费年限核定", "县医保局"),
        ("离休、退休提取住房公积金", "县住房公积金管理中心"),
        ("城镇独生子女父母奖励金", "县卫健局"),
        ("户籍信息确认", "县公安局"),
    ],
}

# Seed 003 (task 15): the bundles named, in order.
SEED_003_NAMES = [
    "企业开办",
    "企业准营",
    "员工录用",
    "涉企不动产登记",
    "企业简易注销",
    "新生儿出生",
    "灵活就业",
    "公民婚育",
    "扶残助困",
    "军人退役",
    "二手房转移登记及水电气联动过户",
    "企业职工退休",
    "公民身后",
    "高校毕业生就业公共服务",
    "交房即交证",
]

# The seed writes one department differently from org.demo.
DEPARTMENT_ALIASES = {"县城市管理执法局": "县城管执法局"}
# Parts of a department cell that are not government bodies (the utility companies).
NON_GOVERNMENT = {"供电企业", "供气企业", "供水企业", "通信网络运营商"}
# Known difference between the seed table and the catalog: 企业营业执照信息核验 is one catalog
# item, implemented by 县行政审批局 (as seed row 2.1 says); in bundle 3 the seed writes the
# bundle's lead (★县市场监管局) in that row.
CATALOG_DEPARTMENT_FOR_ROW = {("开办餐饮店", "企业营业执照信息核验"): "县行政审批局"}
EXTERNAL_CELL = re.compile(r"^(?P<body>[^（]+)（(?P<note>[^）]+)）$")


def _seed_rows(name: str) -> tuple[str, list[tuple[str, set[str], str]]]:
    """(lead, [(row, departments, raw cell)]) with merged cells filled from the row above."""
    lead = ""
    rows: list[tuple[str, set[str], str]] = []
    previous = ""
    for row, cell in SEED_001_TABLE[name]:
        cell = cell or previous
        previous = cell
        departments: set[str] = set()
        for part in re.split(r"[、\n]|及", cell):
            part = part.strip().removesuffix("等部门")
            if part.startswith("★"):
                part = part[1:]
                lead = lead or part
            if part and part not in NON_GOVERNMENT:
                departments.add(DEPARTMENT_ALIASES.get(part, part))
        if (name, row) in CATALOG_DEPARTMENT_FOR_ROW:
            departments.add(CATALOG_DEPARTMENT_FOR_ROW[(name, row)])
        rows.append((row, departments, cell))
    return lead, rows


def _item(member: dict[str, Any]) -> dict[str, Any]:
    return ITEMS_BY_NAME[member["item"]][0]


def _fits(member: dict[str, Any], rows: list[tuple[str, set[str], str]], index: int) -> bool:
    _row, departments, cell = rows[index]
    if "external" in member:
        match = EXTERNAL_CELL.match(cell)
        return bool(match) and (member["body"], member["note"]) == (
            match["body"],
            match["note"],
        )
    return _item(member)["department"] in departments


def _align(members: list[dict[str, Any]], rows: list[tuple[str, set[str], str]]) -> bool:
    """Can the members, in order, be cut into one non-empty run per seed row, each member
    implemented by a department of its row?"""
    n, m = len(rows), len(members)
    # reach[i][j]: the first j members cover the first i rows
    reach = [[False] * (m + 1) for _ in range(n + 1)]
    reach[0][0] = True
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if not _fits(members[j - 1], rows, i - 1):
                continue
            # member j-1 ends the run of row i-1: either it starts it, or the run goes on
            reach[i][j] = reach[i - 1][j - 1] or (
                reach[i][j - 1] and _fits(members[j - 2], rows, i - 1) and j >= 2
            )
    return reach[n][m]


def _combinations(bundle: dict[str, Any]) -> list[dict[str, str]]:
    questions = bundle["questions"]
    keys = [q["key"] for q in questions]
    options = [[o[0] for o in q["options"]] for q in questions]
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*options)]


def _applies(member: dict[str, Any], answers: dict[str, str]) -> bool:
    return all(answers[q] in options for q, options in member.get("when", {}).items())


def _limit_days(item: dict[str, Any]) -> int:
    days = item["promised_limit"] or 0
    return days if item["promised_unit"] == "working" else -(-days * 5 // 7)


# ---------------------------------------------------------------------------------------
# Which bundles
# ---------------------------------------------------------------------------------------
def test_bundle_names_and_sources() -> None:
    assert len(sd.BUNDLES) == 27
    assert [BY_CODE[c]["name"] for c in sd.SEED_001] == list(SEED_001_TABLE)
    assert [BY_CODE[c]["name"] for c in sd.SEED_003] == SEED_003_NAMES
    assert set(sd.SEED_001) | set(sd.SEED_003) == set(BY_CODE)
    assert set(sd.SEED_001) & set(sd.SEED_003) == {"newborn"}
    for bundle in sd.BUNDLES:
        expected = [
            s
            for s, codes in (("001", sd.SEED_001), ("003", sd.SEED_003))
            if bundle["code"] in codes
        ]
        assert bundle["sources"] == expected, bundle["name"]
    # the catalog's own list of seed-001 bundles agrees
    assert [b["name"] for b in dd.BUNDLES] == list(SEED_001_TABLE)


def test_codes_and_names_unique() -> None:
    codes = Counter(b["code"] for b in sd.BUNDLES)
    assert [c for c, n in codes.items() if n > 1] == []
    names = Counter(b["name"] for b in sd.BUNDLES)
    assert [c for c, n in names.items() if n > 1] == []
    for bundle in sd.BUNDLES:
        assert SLUG.match(bundle["code"]), bundle["code"]
        assert len(bundle["code"]) <= 40, bundle["code"]
        assert "一件事" not in bundle["name"]


@pytest.mark.parametrize("bundle", sd.BUNDLES, ids=lambda b: b["code"])
def test_shape(bundle: dict[str, Any]) -> None:
    assert set(bundle) <= {
        "code",
        "name",
        "sources",
        "audience",
        "lead",
        "summary",
        "promised_limit",
        "questions",
        "members",
        "labels",
    }
    assert bundle["audience"] in {"person", "enterprise"}
    assert bundle["lead"] in DEPARTMENT_NAMES
    assert 10 <= len(bundle["summary"]) <= 200
    assert isinstance(bundle["promised_limit"], int)
    assert 1 <= bundle["promised_limit"] <= 30
    assert len(bundle["members"]) >= 2
    assert any("item" in m for m in bundle["members"])
    assert 0 <= len(bundle["questions"]) <= 4
    qkeys = [q["key"] for q in bundle["questions"]]
    assert len(set(qkeys)) == len(qkeys)
    for q in bundle["questions"]:
        assert set(q) == {"key", "text", "options"}
        assert SLUG.match(q["key"])
        assert q["text"]
        opts = [o[0] for o in q["options"]]
        assert len(opts) >= 2
        assert len(set(opts)) == len(opts)
        assert all(len(o) == 2 and SLUG.match(o[0]) and o[1] for o in q["options"])
    questions = {q["key"]: {o[0] for o in q["options"]} for q in bundle["questions"]}
    keys = [m["key"] for m in bundle["members"]]
    assert len(set(keys)) == len(keys), "member keys repeat"
    used: set[str] = set()
    for m in bundle["members"]:
        assert SLUG.match(m["key"])
        assert len(m["key"]) <= 40
        if "item" in m:
            assert set(m) <= {"key", "item", "after", "when"}
        else:
            assert set(m) <= {"key", "external", "body", "note", "after", "when"}
            assert 0 < len(m["external"]) <= 200
            assert 0 < len(m["body"]) <= 100
            assert 0 < len(m["note"]) <= 100
        for q, options in m.get("when", {}).items():
            assert q in questions, f"{m['key']}: no question {q}"
            assert options, f"{m['key']}: {q} lists no option"
            assert set(options) <= questions[q], f"{m['key']}: {q}={options}"
            used.add(q)
    assert used == set(questions), "a question no member depends on"
    assert set(bundle.get("labels", {})) <= set(ELEMENT_LABELS)


# ---------------------------------------------------------------------------------------
# Members and the catalog
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("bundle", sd.BUNDLES, ids=lambda b: b["code"])
def test_items_exist_once_and_fit_the_audience(bundle: dict[str, Any]) -> None:
    names = [m["item"] for m in bundle["members"] if "item" in m]
    assert len(set(names)) == len(names), "an item twice in one bundle"
    wanted = PERSON_OBJECTS if bundle["audience"] == "person" else ENTERPRISE_OBJECTS
    for name in names:
        assert len(ITEMS_BY_NAME.get(name, [])) == 1, f"not exactly one item named {name!r}"
        objects = set(ITEMS_BY_NAME[name][0]["service_objects"])
        assert objects & wanted, f"{name}: service objects {sorted(objects)}"


@pytest.mark.parametrize("name", list(SEED_001_TABLE))
def test_seed_001_lead_and_departments(name: str) -> None:
    bundle = BY_NAME[name]
    lead, rows = _seed_rows(name)
    assert bundle["lead"] == lead
    assert _align(bundle["members"], rows), (
        f"{name}: members do not follow the seed rows: "
        + ", ".join(
            m.get("item") or f"{m['external']}@{m['body']}（{m['note']}）"
            for m in bundle["members"]
        )
    )
    # every catalog item marked for this bundle is a member, and only those
    marked = {
        i["name"]
        for i in dd.ITEMS
        if name in (i["bundle"] if isinstance(i.get("bundle"), list) else [i.get("bundle")])
    }
    assert {m["item"] for m in bundle["members"] if "item" in m} == marked


def test_seed_001_externals_are_the_city_level_ones() -> None:
    externals = {
        (b["name"], m["external"], m["body"], m["note"])
        for b in sd.BUNDLES
        if b["code"] in sd.SEED_001
        for m in b["members"]
        if "external" in m
    }
    assert externals == {
        ("企业信息变更", "基本账户变更", "人民银行宝鸡市分行", "市级权限"),
        ("企业注销登记", "银行账户注销", "人民银行宝鸡市分行", "市级权限"),
    }


# ---------------------------------------------------------------------------------------
# Order and questionnaire
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("bundle", sd.BUNDLES, ids=lambda b: b["code"])
def test_after_is_acyclic_and_names_county_members(bundle: dict[str, Any]) -> None:
    by_key = {m["key"]: m for m in bundle["members"]}
    for m in bundle["members"]:
        for a in m.get("after", []):
            assert a in by_key, f"{m['key']} after {a}"
            assert a != m["key"], f"{m['key']} after itself"
            assert "item" in by_key[a], f"{m['key']} after the external member {a}"
    done: set[str] = set()
    left = dict(by_key)
    while left:
        ready = [k for k, m in left.items() if set(m.get("after", [])) <= done]
        assert ready, f"cycle among {sorted(left)}"
        done |= set(ready)
        for k in ready:
            del left[k]


@pytest.mark.parametrize("bundle", sd.BUNDLES, ids=lambda b: b["code"])
def test_every_answer_selects_a_closed_set(bundle: dict[str, Any]) -> None:
    by_key = {m["key"]: m for m in bundle["members"]}
    for answers in _combinations(bundle):
        chosen = {k for k, m in by_key.items() if _applies(m, answers)}
        assert any("item" in by_key[k] for k in chosen), f"nothing to do for {answers}"
        for k in chosen:
            missing = set(by_key[k].get("after", [])) - chosen
            assert not missing, f"{answers}: {k} needs {sorted(missing)}"


@pytest.mark.parametrize("bundle", sd.BUNDLES, ids=lambda b: b["code"])
def test_promised_limit_covers_the_longest_chain(bundle: dict[str, Any]) -> None:
    by_key = {m["key"]: m for m in bundle["members"]}
    finish: dict[str, int] = {}

    def end(key: str) -> int:
        if key not in finish:
            m = by_key[key]
            own = _limit_days(_item(m)) if "item" in m else 0
            finish[key] = own + max((end(a) for a in m.get("after", [])), default=0)
        return finish[key]

    longest = max(end(k) for k in by_key)
    assert longest <= bundle["promised_limit"], f"critical path {longest} working days"


# ---------------------------------------------------------------------------------------
# Merged form
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("bundle", sd.BUNDLES, ids=lambda b: b["code"])
def test_merged_form_has_one_label_per_element(bundle: dict[str, Any]) -> None:
    labels = bundle.get("labels", {})
    seen: dict[str, tuple[str, str]] = {}
    for m in bundle["members"]:
        if "item" not in m:
            continue
        for f in _item(m)["fields"]:
            key = f if isinstance(f, str) else f["key"]
            own = None if isinstance(f, str) else f.get("label")
            label = labels.get(key) or own or ELEMENT_LABELS[key]
            if key in seen:
                assert seen[key][0] == label, (
                    f"{key}: “{seen[key][0]}” in {seen[key][1]}, “{label}” in {m['item']}"
                )
            seen.setdefault(key, (label, m["item"]))
    by_label: dict[str, str] = {}
    for key, (label, _item_name) in seen.items():
        assert by_label.setdefault(label, key) == key, f"“{label}”: {by_label[label]} and {key}"
