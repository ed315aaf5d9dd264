"""The county's "高效办成一件事" bundles (27), as pure data — no Django imports.

Sources:
- seed 001 (眉政办发〔2024〕26号, 附件“高效办成一件事”2024年度重点事项清单): 13 bundles, their
  component services and responsible departments (★ = lead department). Every
  county-implemented component is an item of `onewindow.catalog.demo_data.ITEMS` whose
  "bundle" names the bundle; the two components implemented only by 人民银行宝鸡市分行
  （市级权限）— 基本账户变更, 银行账户注销 — are external members.
- seed 003 (平利县, task 15 “高效办成一件事”): 15 bundles named only (企业开办 … 交房即交证);
  their members are chosen from the catalog. 新生儿出生 is in both seeds and defined once.

Format of each bundle:
- "code": ascii slug, unique; "name": without “一件事”; "sources": ["001"] / ["003"] / both;
- "audience": "person" or "enterprise" (member items' service_objects must fit it);
- "lead": lead department, a short name of `onewindow.org.demo.DEPARTMENTS`;
- "summary": one or two sentences for the guide page;
- "promised_limit": bundle-level promised limit in working days (from complete materials);
- "questions": 情形引导, [{"key", "text", "options": [[option key, label], ...]}] (0–4);
- "members": [{"key", "item": exact ITEMS name, "after": [member keys], "when":
  {question key: [option keys]}}] — or, for a service outside county powers,
  {"key", "external": name, "body": responsible body, "note": why it is not a county item}.
  A member's department is its item's department. `after` lists members whose result is
  needed first (acyclic; never an external member; whenever a member applies, so do its
  predecessors). A member without `when` always applies; every combination of answers
  selects at least one county member. Members are listed in the seed's order.
- "labels": optional {data element key: label} for the merged form.
"""

from __future__ import annotations

from typing import Any

_YES_NO = [["yes", "是"], ["no", "否"]]

# The body of the two seed-001 components outside county powers.
_PBOC = "人民银行宝鸡市分行"
_CITY_POWER = "市级权限"

# The utility connection items (报装), members of several bundles.
_POWER = "供电报装"
_GAS = "燃气报装"
_WATER = "供排水报装"
_TELECOM = "通信报装"

_NOT_CANCEL = ["new", "renew", "transfer", "lost", "change"]

BUNDLES: list[dict[str, Any]] = [
    # ======================================================================================
    # Seed 001: the 13 bundles of 2024
    # ======================================================================================
    {
        "code": "enterprise_change",
        "name": "企业信息变更",
        "sources": ["001"],
        "audience": "enterprise",
        "lead": "县行政审批局",
        "summary": (
            "企业名称、住所、法定代表人等登记事项变更，一次申请即可同步办理印章刻制、"
            "税控设备变更发行、社会保险和住房公积金登记变更。"
        ),
        "promised_limit": 3,
        "questions": [
            {
                "key": "seal",
                "text": "变更后是否需要重新刻制印章（如企业名称变更）？",
                "options": _YES_NO,
            },
            {
                "key": "bank",
                "text": "是否需要同步变更银行基本存款账户信息？",
                "options": _YES_NO,
            },
            {
                "key": "tax_device",
                "text": "企业是否使用税控设备，需要同步变更发行？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "change", "item": "企业变更登记"},
            {
                "key": "seal",
                "item": "企业印章刻制",
                "after": ["change"],
                "when": {"seal": ["yes"]},
            },
            {
                "key": "bank",
                "external": "基本账户变更",
                "body": _PBOC,
                "note": _CITY_POWER,
                "after": ["change"],
                "when": {"bank": ["yes"]},
            },
            {
                "key": "tax_device",
                "item": "税控设备变更发行",
                "after": ["change"],
                "when": {"tax_device": ["yes"]},
            },
            {"key": "social_insurance", "item": "社会保险登记变更", "after": ["change"]},
            {"key": "housing_fund", "item": "住房公积金企业缴存登记变更", "after": ["change"]},
        ],
        "labels": {},
    },
    {
        "code": "transport_startup",
        "name": "开办运输企业",
        "sources": ["001"],
        "audience": "enterprise",
        "lead": "县交通局",
        "summary": (
            "开办普通道路货物运输企业，营业执照和车辆、驾驶员信息由部门核验，"
            "一次申请取得道路运输经营许可证和车辆《道路运输证》。"
        ),
        "promised_limit": 5,
        "questions": [],
        "members": [
            {"key": "licence_check", "item": "企业营业执照信息核验"},
            {"key": "vehicle_check", "item": "企业车辆及驾驶员信息核验"},
            {
                "key": "permit",
                "item": (
                    "道路货物运输经营许可（危险货物道路运输经营、"
                    "使用总质量4500千克及以下普通货运车辆从事普通货运经营的除外）"
                ),
                "after": ["licence_check", "vehicle_check"],
            },
            {
                "key": "vehicle_cert",
                "item": "普通道路货物运输车辆《道路运输证》办理",
                "after": ["permit"],
            },
        ],
        "labels": {},
    },
    {
        "code": "restaurant_startup",
        "name": "开办餐饮店",
        "sources": ["001"],
        "audience": "enterprise",
        "lead": "县市场监管局",
        "summary": (
            "开办餐饮店，一次申请办理食品经营许可，按需同步办理户外招牌设置审批和"
            "公众聚集场所营业前消防安全检查。"
        ),
        "promised_limit": 5,
        "questions": [
            {"key": "signboard", "text": "是否设置户外招牌？", "options": _YES_NO},
            {
                "key": "fire_check",
                "text": "营业场所是否属于公众聚集场所，需要营业前消防安全检查？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "licence_check", "item": "企业营业执照信息核验"},
            {"key": "food_licence", "item": "食品经营许可", "after": ["licence_check"]},
            {
                "key": "signboard",
                "item": "户外招牌设施设置审批",
                "after": ["licence_check"],
                "when": {"signboard": ["yes"]},
            },
            {
                "key": "fire_check",
                "item": "公众聚集场所投入使用、营业前消防安全检查",
                "after": ["licence_check"],
                "when": {"fire_check": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "utility_connection",
        "name": "水电气网联合报装",
        "sources": ["001"],
        "audience": "enterprise",
        "lead": "县住建局",
        "summary": (
            "水、电、气、网接入外线工程一次联合审批，按需同步办理供电、燃气、"
            "供排水和通信报装，一张表申请、一次踏勘。"
        ),
        "promised_limit": 10,
        "questions": [
            {"key": "power", "text": "是否申请用电报装？", "options": _YES_NO},
            {"key": "gas", "text": "是否申请用气报装？", "options": _YES_NO},
            {"key": "water", "text": "是否申请供排水报装？", "options": _YES_NO},
            {"key": "telecom", "text": "是否申请宽带通信报装？", "options": _YES_NO},
        ],
        "members": [
            {"key": "outer_line", "item": "水电气网接入外线工程联合审批"},
            {
                "key": "power",
                "item": _POWER,
                "after": ["outer_line"],
                "when": {"power": ["yes"]},
            },
            {"key": "gas", "item": _GAS, "after": ["outer_line"], "when": {"gas": ["yes"]}},
            {
                "key": "water",
                "item": _WATER,
                "after": ["outer_line"],
                "when": {"water": ["yes"]},
            },
            {
                "key": "telecom",
                "item": _TELECOM,
                "after": ["outer_line"],
                "when": {"telecom": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "credit_repair",
        "name": "信用修复",
        "sources": ["001"],
        "audience": "enterprise",
        "lead": "县发改局",
        "summary": (
            "经营主体纠正失信行为后，一次申请同步修复行政处罚、经营异常名录和"
            "严重失信主体名单信息，修复结果在“信用中国”和地方信用平台同步更新。"
        ),
        "promised_limit": 10,
        "questions": [
            {
                "key": "penalty",
                "text": "是否有需要修复的行政处罚信息？",
                "options": [
                    ["no", "没有"],
                    ["market", "有，市场监管部门作出的"],
                    ["other", "有，其他部门作出的"],
                    ["both", "两者都有"],
                ],
            },
            {"key": "abnormal", "text": "是否被列入经营异常名录？", "options": _YES_NO},
            {"key": "serious", "text": "是否被列入严重失信主体名单？", "options": _YES_NO},
        ],
        "members": [
            {"key": "guide", "item": "失信信息信用修复指引服务"},
            {
                "key": "penalty",
                "item": "行政处罚信息信用修复",
                "when": {"penalty": ["other", "both"]},
            },
            {
                "key": "market_penalty",
                "item": "市场监管领域行政处罚信息信用修复",
                "when": {"penalty": ["market", "both"]},
            },
            {
                "key": "abnormal",
                "item": "经营异常名录信息修复（申请移出经营异常名录）",
                "when": {"abnormal": ["yes"]},
            },
            {
                "key": "serious",
                "item": "严重失信主体名单信息修复",
                "when": {"serious": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "listing_check",
        "name": "企业上市合法合规信息核查",
        "sources": ["001"],
        "audience": "enterprise",
        "lead": "县发改局",
        "summary": (
            "拟上市企业一次申请，由县发改局统一受理、分派各领域主管部门核查，"
            "汇总出具企业上市合法合规信息核查报告。"
        ),
        "promised_limit": 15,
        "questions": [],
        "members": [
            {
                "key": "report",
                "item": "企业上市合法合规信息核查申请",
                "after": [
                    "urban_management",
                    "planning",
                    "labour",
                    "environment",
                    "market",
                    "health",
                    "culture_tourism",
                    "emergency",
                    "construction",
                    "housing_fund",
                    "technology",
                    "transport",
                    "tax",
                    "ip",
                    "water",
                    "fire",
                ],
            },
            {"key": "urban_management", "item": "企业城市管理领域无违法违规信息核查"},
            {"key": "planning", "item": "企业规划自然资源领域无违法违规信息核查"},
            {"key": "labour", "item": "企业违反劳动保障法律法规信息核查"},
            {"key": "environment", "item": "企业生态环境保护领域无违法违规信息核查"},
            {"key": "market", "item": "企业市场监管领域无违法违规信息核查"},
            {"key": "health", "item": "企业卫生和人员健康领域无违法违规信息核查"},
            {"key": "culture_tourism", "item": "企业文化和旅游市场领域无违法违规信息核查"},
            {"key": "emergency", "item": "企业应急管理领域无违法违规信息核查"},
            {"key": "construction", "item": "企业住房、工程建设领域无违法违规信息核查"},
            {"key": "housing_fund", "item": "企业人员住房公积金缴存信息核查"},
            {"key": "technology", "item": "企业科技领域无违法违规信息核查"},
            {"key": "transport", "item": "企业交通运输领域无违法违规信息核查"},
            {"key": "tax", "item": "企业合法纳税情况无违法违规信息核查"},
            {"key": "ip", "item": "企业知识产权领域无违法违规信息核查"},
            {"key": "water", "item": "企业水资源保护领域无违法违规信息核查"},
            {"key": "fire", "item": "企业消防安全无违法违规信息核查"},
        ],
        "labels": {},
    },
    {
        "code": "bankruptcy_check",
        "name": "企业破产信息核查",
        "sources": ["001"],
        "audience": "enterprise",
        "lead": "县法院",
        "summary": (
            "破产管理人凭人民法院指定管理人决定书一次申请，由县法院统一受理、分派，"
            "各部门核查企业车辆、不动产、社保医保、公积金、纳税等信息后汇总送达。"
        ),
        "promised_limit": 15,
        "questions": [],
        "members": [
            {
                "key": "report",
                "item": "企业破产信息核查申请",
                "after": [
                    "vehicles",
                    "real_estate",
                    "social_insurance",
                    "registration",
                    "medical_insurance",
                    "housing",
                    "housing_fund",
                    "tax",
                ],
            },
            {"key": "vehicles", "item": "企业车辆信息核查"},
            {"key": "real_estate", "item": "企业不动产登记信息核查"},
            {"key": "social_insurance", "item": "社会保险参保缴费记录核查"},
            {"key": "registration", "item": "企业注册、登记等基本信息核查"},
            {"key": "medical_insurance", "item": "企业人员医保缴存信息核查"},
            {"key": "housing", "item": "企业房产信息核查"},
            {"key": "housing_fund", "item": "企业人员住房公积金缴存信息核查"},
            {"key": "tax", "item": "企业纳税缴税情况信息核查"},
        ],
        "labels": {},
    },
    {
        "code": "enterprise_deregistration",
        "name": "企业注销登记",
        "sources": ["001"],
        "audience": "enterprise",
        "lead": "县行政审批局",
        "summary": (
            "企业终止经营，一次申请依次办理清税、注销登记，并同步注销社会保险登记、"
            "备案印章，告知银行账户注销。"
        ),
        "promised_limit": 3,
        "questions": [
            {
                "key": "bank",
                "text": "企业是否开立有银行结算账户，需要同步销户？",
                "options": _YES_NO,
            },
            {
                "key": "seal",
                "text": "企业是否刻制有备案印章，需要同步注销？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "tax", "item": "税务注销（清税证明办理）"},
            {"key": "deregistration", "item": "企业注销登记", "after": ["tax"]},
            {"key": "social_insurance", "item": "注销社会保险登记", "after": ["deregistration"]},
            {
                "key": "bank",
                "external": "银行账户注销",
                "body": _PBOC,
                "note": _CITY_POWER,
                "after": ["deregistration"],
                "when": {"bank": ["yes"]},
            },
            {
                "key": "seal",
                "item": "企业印章注销",
                "after": ["deregistration"],
                "when": {"seal": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "newborn",
        "name": "新生儿出生",
        "sources": ["001", "003"],
        "audience": "person",
        "lead": "县卫健局",
        "summary": (
            "新生儿出生后一次申请，办理《出生医学证明》、预防接种证和出生登记（申报户口），"
            "按需同步申领社会保障卡、参加居民医保、报销生育医疗费用和登记科学育儿指导服务。"
        ),
        "promised_limit": 10,
        "questions": [
            {
                "key": "social_card",
                "text": "是否同时为新生儿申领社会保障卡？",
                "options": _YES_NO,
            },
            {
                "key": "medical_insurance",
                "text": "是否同时为新生儿办理城乡居民医保参保登记？",
                "options": _YES_NO,
            },
            {
                "key": "reimbursement",
                "text": "分娩是否产生住院费用，需要报销生育医疗费用？",
                "options": _YES_NO,
            },
            {
                "key": "parenting",
                "text": "是否登记科学育儿指导服务？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "birth_cert", "item": "《出生医学证明》办理（首签）"},
            {"key": "vaccination", "item": "预防接种证办理", "after": ["birth_cert"]},
            {"key": "hukou", "item": "出生登记（申报户口）", "after": ["birth_cert"]},
            {
                "key": "social_card",
                "item": "社会保障卡申领",
                "after": ["hukou"],
                "when": {"social_card": ["yes"]},
            },
            {
                "key": "reimbursement",
                "item": "生育医疗费用报销",
                "after": ["birth_cert"],
                "when": {"reimbursement": ["yes"]},
            },
            {
                "key": "medical_insurance",
                "item": "城乡居民医保参保登记",
                "after": ["hukou"],
                "when": {"medical_insurance": ["yes"]},
            },
            {
                "key": "parenting",
                "item": "科学育儿指导服务登记",
                "after": ["birth_cert"],
                "when": {"parenting": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "school_enrollment",
        "name": "教育入学",
        "sources": ["001"],
        "audience": "person",
        "lead": "县教体局",
        "summary": (
            "义务教育新生入学一次申请，户籍、居住证、房产和社保参保信息由部门共享核验，"
            "家长不再分别开具证明。"
        ),
        "promised_limit": 10,
        "questions": [
            {
                "key": "hukou",
                "text": "孩子的户籍是否在本县？",
                "options": [["local", "是，本县户籍"], ["other", "否，随迁子女"]],
            },
            {
                "key": "housing",
                "text": "家庭在本县的住房情况？",
                "options": [["own", "自有住房"], ["rent", "租赁住房"]],
            },
        ],
        "members": [
            {"key": "enrollment", "item": "新生入学信息采集"},
            {"key": "hukou_proof", "item": "户籍证明出具", "when": {"hukou": ["local"]}},
            {"key": "residence_permit", "item": "居住证办理", "when": {"hukou": ["other"]}},
            {"key": "property", "item": "不动产登记资料查询", "when": {"housing": ["own"]}},
            {
                "key": "social_insurance",
                "item": "社会保险参保缴费记录查询",
                "when": {"hukou": ["other"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "social_card_services",
        "name": "社会保障卡居民服务",
        "sources": ["001"],
        "audience": "person",
        "lead": "县人社局",
        "summary": (
            "以社会保障卡为载体，一次申请办理社保卡申领或补换，同步开通就医购药、"
            "交通出行和文化体验等居民服务。"
        ),
        "promised_limit": 3,
        "questions": [
            {
                "key": "card",
                "text": "您目前的社会保障卡情况？",
                "options": [
                    ["none", "尚未申领"],
                    ["lost", "已申领，需挂失补换"],
                    ["ok", "持有正常使用的社保卡"],
                ],
            },
            {"key": "transport", "text": "是否开通交通出行（乘车）服务？", "options": _YES_NO},
            {"key": "culture", "text": "是否开通文化体验服务？", "options": _YES_NO},
        ],
        "members": [
            {"key": "card_apply", "item": "社会保障卡申领", "when": {"card": ["none"]}},
            {"key": "card_replace", "item": "社会保障卡挂失、补换", "when": {"card": ["lost"]}},
            {"key": "medical", "item": "社会保障卡就医购药结算服务"},
            {
                "key": "transport",
                "item": "社会保障卡交通出行服务",
                "when": {"transport": ["yes"]},
            },
            {
                "key": "culture",
                "item": "社会保障卡文化体验服务",
                "when": {"culture": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "disability_services",
        "name": "残疾人服务",
        "sources": ["001"],
        "audience": "person",
        "lead": "县残联",
        "summary": (
            "残疾人证新办、换领、迁移、挂失补办、注销和类别等级变更一次申请，"
            "按需同步申请两项补贴、就业帮扶和城乡居民养老保险缴费补助。"
        ),
        "promised_limit": 15,
        "questions": [
            {
                "key": "certificate",
                "text": "需要办理的残疾人证业务？",
                "options": [
                    ["new", "新办"],
                    ["renew", "换领"],
                    ["transfer", "迁移"],
                    ["lost", "挂失补办"],
                    ["cancel", "注销"],
                    ["change", "残疾类别、等级变更"],
                ],
            },
            {
                "key": "hardship",
                "text": "是否为低保家庭或其他困难家庭的残疾人，申请困难残疾人生活补贴？",
                "options": _YES_NO,
            },
            {
                "key": "severe",
                "text": "是否为重度残疾人，申请护理补贴和城乡居民养老保险缴费补助？",
                "options": _YES_NO,
            },
            {
                "key": "employment",
                "text": "是否有就业意愿，需要就业帮扶？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "cert_new", "item": "残疾人证新办", "when": {"certificate": ["new"]}},
            {"key": "cert_renew", "item": "残疾人证换领", "when": {"certificate": ["renew"]}},
            {
                "key": "cert_transfer",
                "item": "残疾人证迁移",
                "when": {"certificate": ["transfer"]},
            },
            {"key": "cert_lost", "item": "残疾人证挂失补办", "when": {"certificate": ["lost"]}},
            {"key": "cert_cancel", "item": "残疾人证注销", "when": {"certificate": ["cancel"]}},
            {
                "key": "cert_change",
                "item": "残疾人证残疾类别、等级变更",
                "when": {"certificate": ["change"]},
            },
            {
                "key": "hardship_allowance",
                "item": "困难残疾人生活补贴",
                "when": {"hardship": ["yes"], "certificate": _NOT_CANCEL},
            },
            {
                "key": "care_allowance",
                "item": "重度残疾人护理补贴",
                "when": {"severe": ["yes"], "certificate": _NOT_CANCEL},
            },
            {
                "key": "employment",
                "item": "残疾人就业帮扶服务",
                "when": {"employment": ["yes"], "certificate": _NOT_CANCEL},
            },
            {
                "key": "pension_subsidy",
                "item": "重度残疾人城乡居民基本养老保险缴费补助",
                "when": {"severe": ["yes"], "certificate": _NOT_CANCEL},
            },
        ],
        "labels": {},
    },
    {
        "code": "retirement",
        "name": "退休",
        "sources": ["001"],
        "audience": "person",
        "lead": "县人社局",
        "summary": (
            "职工退休一次申请，户籍信息由公安部门确认，同步办理养老保险待遇资格确认、"
            "视同缴费年限认定、待遇核定发放，按需办理提前退休核准、公积金提取和独生子女父母奖励金。"
        ),
        "promised_limit": 20,
        "questions": [
            {
                "key": "retire_type",
                "text": "退休类型？",
                "options": [
                    ["normal", "达到法定退休年龄"],
                    ["special", "特殊工种提前退休"],
                    ["illness", "因病或非因工致残完全丧失劳动能力提前退休（退职）"],
                ],
            },
            {
                "key": "deemed",
                "text": "是否有视同缴费年限（如实行个人缴费前的连续工龄、军龄）？",
                "options": _YES_NO,
            },
            {
                "key": "housing_fund",
                "text": "是否同时提取住房公积金？",
                "options": _YES_NO,
            },
            {
                "key": "only_child",
                "text": "是否为城镇独生子女父母，申请奖励金？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {
                "key": "qualification",
                "item": "参保人员达到法定退休年龄领取基本养老保险待遇资格确认",
                "after": ["hukou_check"],
            },
            {
                "key": "deemed_years",
                "item": "基本养老保险视同缴费年限认定",
                "when": {"deemed": ["yes"]},
            },
            {
                "key": "special_job",
                "item": "特殊工种提前退休核准",
                "after": ["hukou_check"],
                "when": {"retire_type": ["special"]},
            },
            {
                "key": "illness",
                "item": "因病或非因工致残完全丧失劳动能力提前退休（退职）核准",
                "after": ["hukou_check"],
                "when": {"retire_type": ["illness"]},
            },
            {
                "key": "pension",
                "item": "新增退休人员养老保险待遇核定发放",
                "after": ["qualification"],
            },
            {
                "key": "medical_deemed",
                "item": "基本医疗保险视同缴费年限核定",
                "after": ["deemed_years"],
                "when": {"deemed": ["yes"]},
            },
            {
                "key": "housing_fund",
                "item": "离休、退休提取住房公积金",
                "after": ["pension"],
                "when": {"housing_fund": ["yes"]},
            },
            {
                "key": "only_child",
                "item": "城镇独生子女父母奖励金",
                "after": ["qualification"],
                "when": {"only_child": ["yes"]},
            },
            {"key": "hukou_check", "item": "户籍信息确认"},
        ],
        "labels": {},
    },
    # ======================================================================================
    # Seed 003: the 15 bundles named in task 15 (新生儿出生 is defined above)
    # ======================================================================================
    {
        "code": "enterprise_startup",
        "name": "企业开办",
        "sources": ["003"],
        "audience": "enterprise",
        "lead": "县行政审批局",
        "summary": (
            "新开办企业一次申请，设立登记后同步办理印章刻制、发票领用、社会保险登记、"
            "住房公积金缴存登记和员工就业登记。"
        ),
        "promised_limit": 1,
        "questions": [
            {"key": "invoice", "text": "是否同时申领发票？", "options": _YES_NO},
            {
                "key": "employees",
                "text": "是否已招用员工，需要同时办理就业登记？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "registration", "item": "企业设立登记"},
            {"key": "seal", "item": "企业印章刻制", "after": ["registration"]},
            {
                "key": "bank_account",
                "external": "银行开户",
                "body": "企业自选的开户银行",
                "note": "企业自办，银行业务",
                "after": ["registration"],
            },
            {
                "key": "invoice",
                "item": "发票领用",
                "after": ["registration"],
                "when": {"invoice": ["yes"]},
            },
            {"key": "social_insurance", "item": "用人单位社会保险登记", "after": ["registration"]},
            {"key": "housing_fund", "item": "住房公积金单位缴存登记", "after": ["registration"]},
            {
                "key": "employment",
                "item": "用人单位招用人员就业登记",
                "after": ["registration"],
                "when": {"employees": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "enterprise_permit",
        "name": "企业准营",
        "sources": ["003"],
        "audience": "enterprise",
        "lead": "县市场监管局",
        "summary": (
            "已取得营业执照的企业按经营行业一次申请所需的经营许可，"
            "按需同步办理营业前消防安全检查、特种设备使用登记和户外招牌设置审批。"
        ),
        "promised_limit": 15,
        "questions": [
            {
                "key": "industry",
                "text": "拟经营的行业？",
                "options": [
                    ["food", "餐饮服务、食品销售"],
                    ["drug", "药品零售"],
                    ["entertainment", "歌舞、游艺娱乐场所"],
                    ["hygiene", "住宿、美容美发、沐浴等公共场所"],
                    ["hazmat", "危险化学品经营（不带储存设施）"],
                ],
            },
            {
                "key": "fire_check",
                "text": "营业场所是否属于公众聚集场所，需要营业前消防安全检查？",
                "options": _YES_NO,
            },
            {
                "key": "special_equipment",
                "text": "是否使用电梯、锅炉、压力容器等特种设备？",
                "options": _YES_NO,
            },
            {"key": "signboard", "text": "是否设置户外招牌？", "options": _YES_NO},
        ],
        "members": [
            {"key": "licence_check", "item": "企业营业执照信息核验"},
            {
                "key": "food",
                "item": "食品经营许可",
                "after": ["licence_check"],
                "when": {"industry": ["food"]},
            },
            {
                "key": "drug",
                "item": "药品零售企业经营许可",
                "after": ["licence_check"],
                "when": {"industry": ["drug"]},
            },
            {
                "key": "entertainment",
                "item": "娱乐场所经营许可",
                "after": ["licence_check"],
                "when": {"industry": ["entertainment"]},
            },
            {
                "key": "hygiene",
                "item": "公共场所卫生许可",
                "after": ["licence_check"],
                "when": {"industry": ["hygiene"]},
            },
            {
                "key": "hazmat",
                "item": "危险化学品经营许可（不带储存设施）",
                "after": ["licence_check"],
                "when": {"industry": ["hazmat"]},
            },
            {
                "key": "fire_check",
                "item": "公众聚集场所投入使用、营业前消防安全检查",
                "after": ["licence_check"],
                "when": {"fire_check": ["yes"]},
            },
            {
                "key": "special_equipment",
                "item": "特种设备使用登记",
                "after": ["licence_check"],
                "when": {"special_equipment": ["yes"]},
            },
            {
                "key": "signboard",
                "item": "户外招牌设施设置审批",
                "after": ["licence_check"],
                "when": {"signboard": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "employee_hiring",
        "name": "员工录用",
        "sources": ["003"],
        "audience": "enterprise",
        "lead": "县人社局",
        "summary": (
            "用人单位招用员工一次申请办理就业登记；首次招用员工的，"
            "同步办理单位社会保险登记和住房公积金缴存登记。"
        ),
        "promised_limit": 1,
        "questions": [
            {
                "key": "first_hire",
                "text": "本单位是否首次招用员工（尚未办理社会保险登记和住房公积金缴存登记）？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "employment", "item": "用人单位招用人员就业登记"},
            {
                "key": "social_insurance",
                "item": "用人单位社会保险登记",
                "when": {"first_hire": ["yes"]},
            },
            {
                "key": "housing_fund",
                "item": "住房公积金单位缴存登记",
                "when": {"first_hire": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "enterprise_property",
        "name": "涉企不动产登记",
        "sources": ["003"],
        "audience": "enterprise",
        "lead": "县自然资源局",
        "summary": (
            "企业房地产首次登记一次申请，按需同步办理抵押登记和水电气报装，"
            "登记结果通过电子证照共享，不再重复提交不动产权证书。"
        ),
        "promised_limit": 10,
        "questions": [
            {"key": "mortgage", "text": "是否同时办理不动产抵押登记？", "options": _YES_NO},
            {
                "key": "utilities",
                "text": "是否同时办理供电、供排水和燃气报装？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "first_registration", "item": "国有建设用地使用权及房屋所有权首次登记"},
            {
                "key": "mortgage",
                "item": "不动产抵押登记",
                "after": ["first_registration"],
                "when": {"mortgage": ["yes"]},
            },
            {
                "key": "power",
                "item": _POWER,
                "after": ["first_registration"],
                "when": {"utilities": ["yes"]},
            },
            {
                "key": "water",
                "item": _WATER,
                "after": ["first_registration"],
                "when": {"utilities": ["yes"]},
            },
            {
                "key": "gas",
                "item": _GAS,
                "after": ["first_registration"],
                "when": {"utilities": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "simple_deregistration",
        "name": "企业简易注销",
        "sources": ["003"],
        "audience": "enterprise",
        "lead": "县行政审批局",
        "summary": (
            "未开业或无债权债务的企业凭全体投资人承诺书申请简易注销，公示期满后一次办结"
            "清税、注销登记和社会保险登记注销，按需注销印章、告知银行销户。"
        ),
        "promised_limit": 3,
        "questions": [
            {
                "key": "bank",
                "text": "企业是否开立有银行结算账户，需要同步销户？",
                "options": _YES_NO,
            },
            {
                "key": "seal",
                "text": "企业是否刻制有备案印章，需要同步注销？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "tax", "item": "税务注销（清税证明办理）"},
            {"key": "deregistration", "item": "企业注销登记", "after": ["tax"]},
            {"key": "social_insurance", "item": "注销社会保险登记", "after": ["deregistration"]},
            {
                "key": "bank",
                "external": "银行账户注销",
                "body": _PBOC,
                "note": _CITY_POWER,
                "after": ["deregistration"],
                "when": {"bank": ["yes"]},
            },
            {
                "key": "seal",
                "item": "企业印章注销",
                "after": ["deregistration"],
                "when": {"seal": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "flexible_employment",
        "name": "灵活就业",
        "sources": ["003"],
        "audience": "person",
        "lead": "县人社局",
        "summary": (
            "灵活就业人员一次申请办理就业创业证（就业登记），个体经营的同步办理个体工商户登记，"
            "按需申请创业担保贷款和城乡居民医保参保登记。"
        ),
        "promised_limit": 10,
        "questions": [
            {
                "key": "form",
                "text": "灵活就业的形式？",
                "options": [
                    ["self_employed", "个体经营"],
                    ["freelance", "非全日制、新就业形态等其他灵活就业"],
                ],
            },
            {
                "key": "loan",
                "text": "个体经营的，是否申请创业担保贷款？",
                "options": _YES_NO,
            },
            {
                "key": "medical_insurance",
                "text": "是否同时办理城乡居民医保参保登记？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "employment_card", "item": "就业创业证申领"},
            {
                "key": "business",
                "item": "个体工商户设立登记",
                "when": {"form": ["self_employed"]},
            },
            {
                "key": "loan",
                "item": "创业担保贷款申请",
                "after": ["employment_card", "business"],
                "when": {"form": ["self_employed"], "loan": ["yes"]},
            },
            {
                "key": "medical_insurance",
                "item": "城乡居民医保参保登记",
                "when": {"medical_insurance": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "marriage_childbirth",
        "name": "公民婚育",
        "sources": ["003"],
        "audience": "person",
        "lead": "县民政局",
        "summary": (
            "结婚登记时一次申请，按需同步办理生育登记、婚后户口迁入和居民身份证换领，"
            "结婚证通过电子证照共享，不再重复提交。"
        ),
        "promised_limit": 20,
        "questions": [
            {"key": "birth", "text": "是否同时办理生育登记？", "options": _YES_NO},
            {
                "key": "migrate",
                "text": "婚后是否将户口迁入配偶在本县的户籍地？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {"key": "marriage", "item": "结婚登记"},
            {
                "key": "birth_registration",
                "item": "生育登记",
                "after": ["marriage"],
                "when": {"birth": ["yes"]},
            },
            {
                "key": "hukou",
                "item": "户口迁入登记",
                "after": ["marriage"],
                "when": {"migrate": ["yes"]},
            },
            {
                "key": "id_card",
                "item": "居民身份证申领、换领、补领",
                "after": ["hukou"],
                "when": {"migrate": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "disability_relief",
        "name": "扶残助困",
        "sources": ["003"],
        "audience": "person",
        "lead": "县民政局",
        "summary": (
            "困难残疾人一次申请困难残疾人生活补贴，按需同步申请最低生活保障、"
            "重度残疾人护理补贴和养老保险缴费补助、辅助器具适配补贴。"
        ),
        "promised_limit": 20,
        "questions": [
            {
                "key": "low_income",
                "text": "家庭是否已纳入最低生活保障？",
                "options": [["has", "已纳入低保"], ["apply", "未纳入，同时申请低保"]],
            },
            {
                "key": "severe",
                "text": "是否为重度残疾人，申请护理补贴和城乡居民养老保险缴费补助？",
                "options": _YES_NO,
            },
            {
                "key": "assistive",
                "text": "是否需要适配辅助器具？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {
                "key": "minimum_living",
                "item": "最低生活保障审批",
                "when": {"low_income": ["apply"]},
            },
            {"key": "hardship_allowance", "item": "困难残疾人生活补贴"},
            {"key": "care_allowance", "item": "重度残疾人护理补贴", "when": {"severe": ["yes"]}},
            {
                "key": "pension_subsidy",
                "item": "重度残疾人城乡居民基本养老保险缴费补助",
                "when": {"severe": ["yes"]},
            },
            {
                "key": "assistive_devices",
                "item": "残疾人辅助器具适配补贴",
                "when": {"assistive": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "veteran_retirement",
        "name": "军人退役",
        "sources": ["003"],
        "audience": "person",
        "lead": "县行政审批局",
        "summary": (
            "退役军人返乡一次申请恢复户口、办理居民身份证，按需办理城乡居民医保参保和"
            "就业创业证；退役报到和优待证由县退役军人事务局同步告知办理。"
        ),
        "promised_limit": 20,
        "questions": [
            {
                "key": "medical_insurance",
                "text": "是否办理城乡居民医保参保登记？",
                "options": _YES_NO,
            },
            {
                "key": "employment",
                "text": "是否需要就业创业服务（申领就业创业证）？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {
                "key": "report",
                "external": "退役军人报到及档案接收",
                "body": "眉县退役军人事务局",
                "note": "该部门未入驻本平台，线下办理",
            },
            {"key": "hukou", "item": "户口迁入登记"},
            {"key": "id_card", "item": "居民身份证申领、换领、补领", "after": ["hukou"]},
            {
                "key": "medical_insurance",
                "item": "城乡居民医保参保登记",
                "after": ["hukou"],
                "when": {"medical_insurance": ["yes"]},
            },
            {
                "key": "employment_card",
                "item": "就业创业证申领",
                "when": {"employment": ["yes"]},
            },
            {
                "key": "preferential_card",
                "external": "退役军人优待证申领",
                "body": "眉县退役军人事务局",
                "note": "该部门未入驻本平台，线下办理",
            },
        ],
        "labels": {},
    },
    {
        "code": "resale_housing_transfer",
        "name": "二手房转移登记及水电气联动过户",
        "sources": ["003"],
        "audience": "person",
        "lead": "县自然资源局",
        "summary": (
            "二手房买卖一次申请办理不动产转移登记，按需同步办理抵押登记、住房公积金贷款，"
            "登记完成后水、电、气、网联动过户。"
        ),
        "promised_limit": 8,
        "questions": [
            {
                "key": "loan",
                "text": "购房是否贷款？",
                "options": [
                    ["none", "不贷款"],
                    ["commercial", "商业贷款"],
                    ["housing_fund", "住房公积金贷款"],
                ],
            },
            {"key": "gas", "text": "房屋是否已通燃气，需要过户？", "options": _YES_NO},
            {"key": "telecom", "text": "是否同时办理宽带通信过户？", "options": _YES_NO},
        ],
        "members": [
            {
                "key": "fund_loan",
                "item": "住房公积金个人住房贷款",
                "when": {"loan": ["housing_fund"]},
            },
            {"key": "transfer", "item": "二手房转移登记"},
            {
                "key": "mortgage",
                "item": "不动产抵押登记",
                "after": ["transfer"],
                "when": {"loan": ["commercial", "housing_fund"]},
            },
            {"key": "power", "item": _POWER, "after": ["transfer"]},
            {"key": "water", "item": _WATER, "after": ["transfer"]},
            {"key": "gas", "item": _GAS, "after": ["transfer"], "when": {"gas": ["yes"]}},
            {
                "key": "telecom",
                "item": _TELECOM,
                "after": ["transfer"],
                "when": {"telecom": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "employee_retirement",
        "name": "企业职工退休",
        "sources": ["003"],
        "audience": "person",
        "lead": "县人社局",
        "summary": (
            "企业职工退休一次申请，办理养老保险待遇资格确认和待遇核定发放，按需办理提前退休核准、"
            "视同缴费年限认定、住房公积金提取和异地就医备案。"
        ),
        "promised_limit": 20,
        "questions": [
            {
                "key": "retire_type",
                "text": "退休类型？",
                "options": [
                    ["normal", "达到法定退休年龄"],
                    ["special", "特殊工种提前退休"],
                    ["illness", "因病或非因工致残完全丧失劳动能力提前退休（退职）"],
                ],
            },
            {
                "key": "deemed",
                "text": "是否有视同缴费年限（如实行个人缴费前的连续工龄、军龄）？",
                "options": _YES_NO,
            },
            {"key": "housing_fund", "text": "是否同时提取住房公积金？", "options": _YES_NO},
            {
                "key": "remote",
                "text": "退休后是否到外地长期居住，需要办理异地就医备案？",
                "options": _YES_NO,
            },
        ],
        "members": [
            {
                "key": "qualification",
                "item": "参保人员达到法定退休年龄领取基本养老保险待遇资格确认",
            },
            {
                "key": "special_job",
                "item": "特殊工种提前退休核准",
                "when": {"retire_type": ["special"]},
            },
            {
                "key": "illness",
                "item": "因病或非因工致残完全丧失劳动能力提前退休（退职）核准",
                "when": {"retire_type": ["illness"]},
            },
            {
                "key": "deemed_years",
                "item": "基本养老保险视同缴费年限认定",
                "when": {"deemed": ["yes"]},
            },
            {
                "key": "pension",
                "item": "新增退休人员养老保险待遇核定发放",
                "after": ["qualification"],
            },
            {
                "key": "medical_deemed",
                "item": "基本医疗保险视同缴费年限核定",
                "after": ["deemed_years"],
                "when": {"deemed": ["yes"]},
            },
            {
                "key": "housing_fund",
                "item": "离休、退休提取住房公积金",
                "after": ["pension"],
                "when": {"housing_fund": ["yes"]},
            },
            {
                "key": "remote_medical",
                "item": "异地就医备案",
                "after": ["pension"],
                "when": {"remote": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "after_death",
        "name": "公民身后",
        "sources": ["003"],
        "audience": "person",
        "lead": "县民政局",
        "summary": (
            "亲属凭居民死亡医学证明（推断）书一次申请，办理户口注销和惠民殡葬费用减免，"
            "按需申领丧葬补助金、抚恤金及个人账户余额，注销残疾人证。"
        ),
        "promised_limit": 10,
        "questions": [
            {
                "key": "insured",
                "text": "逝者生前是否参加基本养老保险？",
                "options": _YES_NO,
            },
            {"key": "disabled", "text": "逝者是否持有残疾人证？", "options": _YES_NO},
        ],
        "members": [
            {"key": "hukou_cancel", "item": "死亡人员户口注销"},
            {"key": "funeral", "item": "惠民殡葬基本服务费用减免"},
            {
                "key": "survivor_benefits",
                "item": "参保人员死亡丧葬补助金、抚恤金及个人账户余额申领",
                "after": ["hukou_cancel"],
                "when": {"insured": ["yes"]},
            },
            {
                "key": "disability_cert",
                "item": "残疾人证注销",
                "after": ["hukou_cancel"],
                "when": {"disabled": ["yes"]},
            },
        ],
        "labels": {},
    },
    {
        "code": "graduate_employment",
        "name": "高校毕业生就业公共服务",
        "sources": ["003"],
        "audience": "person",
        "lead": "县人社局",
        "summary": (
            "高校毕业生返乡就业创业一次申请就业创业证，未就业的办理失业登记，"
            "自主创业的同步办理个体工商户登记和创业担保贷款，按需办理户口迁回。"
        ),
        "promised_limit": 10,
        "questions": [
            {
                "key": "status",
                "text": "目前的就业状态？",
                "options": [
                    ["employed", "已落实工作单位"],
                    ["seeking", "尚未就业，正在求职"],
                    ["startup", "自主创业"],
                ],
            },
            {"key": "loan", "text": "自主创业的，是否申请创业担保贷款？", "options": _YES_NO},
            {"key": "hukou", "text": "是否将户口迁回本县？", "options": _YES_NO},
        ],
        "members": [
            {"key": "employment_card", "item": "就业创业证申领"},
            {
                "key": "unemployment",
                "item": "失业登记",
                "when": {"status": ["seeking"]},
            },
            {
                "key": "business",
                "item": "个体工商户设立登记",
                "when": {"status": ["startup"]},
            },
            {
                "key": "loan",
                "item": "创业担保贷款申请",
                "after": ["employment_card", "business"],
                "when": {"status": ["startup"], "loan": ["yes"]},
            },
            {"key": "hukou", "item": "户口迁入登记", "when": {"hukou": ["yes"]}},
        ],
        "labels": {},
    },
    {
        "code": "handover_certificate",
        "name": "交房即交证",
        "sources": ["003"],
        "audience": "enterprise",
        "lead": "县自然资源局",
        "summary": (
            "新建商品房项目竣工后，开发企业一次申请首次登记并同步办理水电气网报装，"
            "购房人在交房时即可领取不动产权证书。"
        ),
        "promised_limit": 10,
        "questions": [
            {"key": "gas", "text": "项目是否接入燃气？", "options": _YES_NO},
            {"key": "telecom", "text": "是否同时办理通信报装？", "options": _YES_NO},
        ],
        "members": [
            {"key": "first_registration", "item": "国有建设用地使用权及房屋所有权首次登记"},
            {
                "key": "buyer_transfer",
                "external": "新建商品房转移登记（购房人办证）",
                "body": "县自然资源局（不动产登记中心）",
                "note": "由购房人（或委托开发企业）申请，本县事项目录尚未收录",
                "after": ["first_registration"],
            },
            {"key": "power", "item": _POWER, "after": ["first_registration"]},
            {"key": "water", "item": _WATER, "after": ["first_registration"]},
            {
                "key": "gas",
                "item": _GAS,
                "after": ["first_registration"],
                "when": {"gas": ["yes"]},
            },
            {
                "key": "telecom",
                "item": _TELECOM,
                "after": ["first_registration"],
                "when": {"telecom": ["yes"]},
            },
        ],
        "labels": {},
    },
]

# Bundle codes by source, in the seeds' order.
SEED_001 = [
    "enterprise_change",
    "transport_startup",
    "restaurant_startup",
    "utility_connection",
    "credit_repair",
    "listing_check",
    "bankruptcy_check",
    "enterprise_deregistration",
    "newborn",
    "school_enrollment",
    "social_card_services",
    "disability_services",
    "retirement",
]
SEED_003 = [
    "enterprise_startup",
    "enterprise_permit",
    "employee_hiring",
    "enterprise_property",
    "simple_deregistration",
    "newborn",
    "flexible_employment",
    "marriage_childbirth",
    "disability_relief",
    "veteran_retirement",
    "resale_housing_transfer",
    "employee_retirement",
    "after_death",
    "graduate_employment",
    "handover_certificate",
]
