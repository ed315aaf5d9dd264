"""Demo service catalog for 眉县: themes, the shared material and data-element dictionaries,
search synonyms and the service items (事项实施清单) the catalog loader turns into rows.

Pure data — no Django imports. Sources:
- seed 001 (眉政办发〔2024〕26号): the 13 "高效办成一件事" bundles, their component services and
  responsible departments; every county-implemented component is an item below (the two
  components implemented only by 人民银行宝鸡市分行 are left out: 基本账户变更, 银行账户注销);
- seed 003 (平利县 bundles) and common county items: 企业开办, 婚姻, 不动产, 工程建设, 救助...;
- domain.md §1–2 and §4: code sets, statutory/promised limits (working days unless marked
  "natural"), special procedures not counted in the limit, no vague materials, 告知承诺 not
  offered for public-safety, health or ecology items.

Department names are the short names of `onewindow.org.demo.DEPARTMENTS`, or a town name for
items implemented by a 镇（街道） (level 5) or its 村（社区） stations (level 6).
"""

from __future__ import annotations

from typing import Any

# ---------------------------------------------------------------------------
# Themes (life events for people, life-cycle stages for enterprises)
# ---------------------------------------------------------------------------

THEMES: list[dict[str, Any]] = [
    {"code": "birth", "name": "生育收养", "audience": "person", "order": 1},
    {"code": "household", "name": "户籍办理", "audience": "person", "order": 2},
    {"code": "education", "name": "教育入学", "audience": "person", "order": 3},
    {"code": "employment", "name": "就业创业", "audience": "person", "order": 4},
    {"code": "social_security", "name": "社会保障", "audience": "person", "order": 5},
    {"code": "medical", "name": "医疗保障", "audience": "person", "order": 6},
    {"code": "housing", "name": "住房", "audience": "person", "order": 7},
    {"code": "marriage", "name": "婚姻", "audience": "person", "order": 8},
    {"code": "disability", "name": "残疾人服务", "audience": "person", "order": 9},
    {"code": "retirement", "name": "退休养老", "audience": "person", "order": 10},
    {"code": "travel", "name": "交通出行", "audience": "person", "order": 11},
    {"code": "after_death", "name": "身后事", "audience": "person", "order": 12},
    {"code": "relief", "name": "民政救助", "audience": "person", "order": 13},
    {"code": "rural", "name": "农村建房", "audience": "person", "order": 14},
    {"code": "legal_aid", "name": "法律服务", "audience": "person", "order": 15},
    {"code": "enterprise_start", "name": "企业开办", "audience": "enterprise", "order": 21},
    {"code": "permit", "name": "准营准入", "audience": "enterprise", "order": 22},
    {"code": "enterprise_change", "name": "变更登记", "audience": "enterprise", "order": 23},
    {"code": "construction", "name": "工程建设", "audience": "enterprise", "order": 24},
    {"code": "utilities", "name": "水电气网", "audience": "enterprise", "order": 25},
    {"code": "tax", "name": "税费办理", "audience": "enterprise", "order": 26},
    {"code": "hr", "name": "人力资源", "audience": "enterprise", "order": 27},
    {"code": "credit", "name": "信用修复", "audience": "enterprise", "order": 28},
    {"code": "compliance", "name": "合规信息核查", "audience": "enterprise", "order": 29},
    {"code": "exit", "name": "注销退出", "audience": "enterprise", "order": 30},
    {"code": "transport", "name": "交通运输", "audience": "enterprise", "order": 31},
]

# The 13 bundles of seed 001 (an item's "bundle" names one or more of these).
BUNDLES: list[dict[str, Any]] = [
    {
        "name": "企业信息变更",
        "lead_department": "县行政审批局",
        "audience": "enterprise",
        "order": 1,
    },
    {"name": "开办运输企业", "lead_department": "县交通局", "audience": "enterprise", "order": 2},
    {"name": "开办餐饮店", "lead_department": "县市场监管局", "audience": "enterprise", "order": 3},
    {
        "name": "水电气网联合报装",
        "lead_department": "县住建局",
        "audience": "enterprise",
        "order": 4,
    },
    {"name": "信用修复", "lead_department": "县发改局", "audience": "enterprise", "order": 5},
    {
        "name": "企业上市合法合规信息核查",
        "lead_department": "县发改局",
        "audience": "enterprise",
        "order": 6,
    },
    {"name": "企业破产信息核查", "lead_department": "县法院", "audience": "enterprise", "order": 7},
    {
        "name": "企业注销登记",
        "lead_department": "县行政审批局",
        "audience": "enterprise",
        "order": 8,
    },
    {"name": "新生儿出生", "lead_department": "县卫健局", "audience": "person", "order": 9},
    {"name": "教育入学", "lead_department": "县教体局", "audience": "person", "order": 10},
    {
        "name": "社会保障卡居民服务",
        "lead_department": "县人社局",
        "audience": "person",
        "order": 11,
    },
    {"name": "残疾人服务", "lead_department": "县残联", "audience": "person", "order": 12},
    {"name": "退休", "lead_department": "县人社局", "audience": "person", "order": 13},
]

# ---------------------------------------------------------------------------
# Material dictionary: one identity per real document.
# source: "licence" = exists as an electronic licence (电子证照, can be exempted later);
# "government" = issued by a government body; "applicant" = produced or obtained by the
# applicant (申请表, 承诺书, 合同, reports of third-party bodies).
# ---------------------------------------------------------------------------

_L, _G, _A = "licence", "government", "applicant"

# (name, issuer, source, licence type, description)
_MATERIAL_ROWS: list[tuple[str, str, str, str, str]] = [
    # -- identity and civil status licences --
    ("居民身份证", "公安机关", _L, "居民身份证", "中华人民共和国居民身份证"),
    ("居民户口簿", "公安机关", _L, "居民户口簿", "常住人口登记簿的户内成员页"),
    ("出生医学证明", "助产医疗保健机构", _L, "出生医学证明", "新生儿出生医学证明"),
    ("结婚证", "民政部门婚姻登记机关", _L, "结婚证", "婚姻登记机关颁发的结婚证"),
    ("离婚证", "民政部门婚姻登记机关", _L, "离婚证", "婚姻登记机关颁发的离婚证"),
    ("收养登记证", "民政部门收养登记机关", _L, "收养登记证", "收养登记机关颁发的收养登记证"),
    ("居住证", "公安机关", _L, "居住证", "居住地公安机关核发的居住证"),
    ("社会保障卡", "人力资源社会保障部门", _L, "社会保障卡", "第三代社会保障卡或电子社会保障卡"),
    ("残疾人证", "残疾人联合会", _L, "残疾人证", "第二代中华人民共和国残疾人证"),
    (
        "老年人优待证",
        "卫生健康部门（老龄工作机构）",
        _L,
        "老年人优待证",
        "陕西省老年人优待证（含电子证）",
    ),
    ("就业创业证", "人力资源社会保障部门", _L, "就业创业证", "就业创业证（电子证）"),
    ("学历证书", "高等学校或教育机构", _L, "学历证书", "国家承认学历的毕业证书"),
    (
        "普通话水平测试等级证书",
        "国家语言文字工作部门",
        _L,
        "普通话水平测试等级证书",
        "普通话水平测试等级证书",
    ),
    ("医师资格证书", "卫生健康部门", _L, "医师资格证书", "医师资格证书"),
    ("医师执业证书", "卫生健康部门", _L, "医师执业证书", "医师执业证书"),
    ("教师资格证书", "教育行政部门", _L, "教师资格证书", "教师资格证书"),
    ("执业药师注册证", "药品监督管理部门", _L, "执业药师注册证", "执业药师注册证（电子证）"),
    ("机动车驾驶证", "公安机关交通管理部门", _L, "机动车驾驶证", "机动车驾驶证（含电子驾驶证）"),
    ("机动车行驶证", "公安机关交通管理部门", _L, "机动车行驶证", "机动车行驶证（含电子行驶证）"),
    (
        "道路运输从业资格证",
        "交通运输主管部门",
        _L,
        "道路运输从业资格证",
        "经营性道路客货运输驾驶员从业资格证",
    ),
    (
        "安全生产知识和管理能力考核合格证",
        "应急管理部门",
        _L,
        "安全生产知识和管理能力考核合格证",
        "主要负责人和安全生产管理人员安全生产知识和管理能力考核合格证",
    ),
    # -- enterprise and permit licences --
    ("营业执照", "市场监督管理部门（县行政审批局）", _L, "营业执照", "营业执照（含电子营业执照）"),
    ("清税证明", "税务机关", _L, "清税证明", "税务机关出具的清税证明（清税文书）"),
    ("道路运输经营许可证", "交通运输主管部门", _L, "道路运输经营许可证", "道路运输经营许可证"),
    ("道路运输证", "交通运输主管部门", _L, "道路运输证", "普通货运车辆道路运输证"),
    ("食品经营许可证", "市场监督管理部门", _L, "食品经营许可证", "食品经营许可证"),
    ("药品经营许可证", "药品监督管理部门", _L, "药品经营许可证", "药品经营许可证（零售）"),
    ("公共场所卫生许可证", "卫生健康部门", _L, "公共场所卫生许可证", "公共场所卫生许可证"),
    ("娱乐经营许可证", "文化和旅游部门", _L, "娱乐经营许可证", "娱乐经营许可证"),
    ("危险化学品经营许可证", "应急管理部门", _L, "危险化学品经营许可证", "危险化学品经营许可证"),
    ("特种设备使用登记证", "市场监督管理部门", _L, "特种设备使用登记证", "特种设备使用登记证"),
    (
        "公众聚集场所投入使用、营业前消防安全检查合格证",
        "消防救援机构",
        _L,
        "公众聚集场所投入使用、营业前消防安全检查合格证",
        "公众聚集场所投入使用、营业前消防安全检查合格证",
    ),
    ("取水许可证", "水行政主管部门", _L, "取水许可证", "取水许可证"),
    ("林木采伐许可证", "林业主管部门", _L, "林木采伐许可证", "林木采伐许可证"),
    # -- land, construction, real estate --
    ("不动产权证书", "不动产登记机构", _L, "不动产权证书", "不动产权证书（含房屋、土地、林权）"),
    ("不动产登记证明", "不动产登记机构", _L, "不动产登记证明", "抵押权、预告登记等不动产登记证明"),
    ("建设工程规划许可证", "自然资源主管部门", _L, "建设工程规划许可证", "建设工程规划许可证"),
    (
        "建筑工程施工许可证",
        "住房和城乡建设主管部门",
        _L,
        "建筑工程施工许可证",
        "建筑工程施工许可证",
    ),
    (
        "乡村建设规划许可证",
        "自然资源主管部门（受委托的镇人民政府）",
        _L,
        "乡村建设规划许可证",
        "乡村建设规划许可证",
    ),
    ("农村宅基地批准书", "镇人民政府（街道办事处）", _L, "农村宅基地批准书", "农村宅基地批准书"),
    ("建设工程规划核实意见", "自然资源主管部门", _G, "", "建设工程竣工规划核实合格意见"),
    ("建设工程竣工验收备案证明", "住房和城乡建设主管部门", _G, "", "建设工程竣工验收备案证明书"),
    (
        "建设工程消防验收意见书或备案凭证",
        "住房和城乡建设主管部门",
        _G,
        "",
        "特殊建设工程消防验收意见书，或其他建设工程消防验收备案凭证",
    ),
    ("契税完税凭证", "税务机关", _G, "", "契税完税凭证或不征税、减免税证明"),
    # -- other government-issued documents --
    (
        "准予注销登记通知书",
        "市场监督管理部门（县行政审批局）",
        _G,
        "",
        "登记机关出具的准予注销登记通知书",
    ),
    ("居民死亡医学证明（推断）书", "医疗卫生机构", _G, "", "居民死亡医学证明（推断）书"),
    ("独生子女父母光荣证", "卫生健康部门（原人口和计划生育部门）", _G, "", "独生子女父母光荣证"),
    ("预防接种证", "接种单位（卫生健康部门）", _L, "预防接种证", "儿童预防接种证（含电子接种证）"),
    (
        "职工人事档案",
        "用人单位或档案保管机构",
        _G,
        "",
        "记载招工录用、工资定级和工作经历的职工人事档案",
    ),
    ("离退休证明", "人力资源社会保障部门", _G, "", "退休审批表或离退休证"),
    (
        "经济困难证明",
        "乡镇人民政府（街道办事处）",
        _G,
        "",
        "申请人住所地乡镇人民政府（街道办事处）出具的申请人及其家庭经济困难状况证明",
    ),
    ("劳动能力鉴定结论书", "劳动能力鉴定委员会", _G, "", "劳动能力鉴定结论书"),
    ("残疾评定表", "残疾人联合会指定的评定机构", _G, "", "残疾人残疾评定表（含评定结论）"),
    ("中小学教师资格考试合格证明", "教育部教育考试院", _G, "", "中小学教师资格考试合格证明"),
    ("行政处罚决定书", "作出行政处罚的行政机关", _G, "", "行政处罚决定书"),
    ("罚款缴纳凭证", "财政部门（非税收入代收银行）", _G, "", "罚没款非税收入一般缴款书"),
    ("信用修复培训证明", "“信用中国”网站", _G, "", "信用修复专题培训结业证明"),
    ("人民法院指定管理人决定书", "人民法院", _G, "", "人民法院指定破产管理人的决定书"),
    ("税务UKey或税控专用设备", "税务机关", _G, "", "税务UKey、金税盘或税控盘"),
    ("空白发票", "税务机关", _G, "", "已领用未开具的纸质发票"),
    # -- application forms (申请表) --
    ("企业设立登记申请书", "申请人", _A, "", "企业设立登记申请书"),
    ("企业变更登记申请书", "申请人", _A, "", "企业变更（备案）登记申请书"),
    ("企业注销登记申请书", "申请人", _A, "", "企业注销登记申请书"),
    ("个体工商户登记申请书", "申请人", _A, "", "个体工商户登记（备案）申请书"),
    ("印章刻制申请表", "申请人", _A, "", "印章刻制备案申请表"),
    ("社会保险单位参保登记表", "申请人", _A, "", "社会保险单位参保登记表"),
    ("社会保险单位信息变更登记表", "申请人", _A, "", "社会保险单位信息变更登记表"),
    ("单位社会保险注销登记表", "申请人", _A, "", "单位社会保险注销登记表"),
    ("住房公积金单位缴存登记表", "申请人", _A, "", "住房公积金单位缴存登记表"),
    ("住房公积金单位缴存登记变更表", "申请人", _A, "", "住房公积金单位缴存登记变更表"),
    ("住房公积金个人住房贷款申请表", "申请人", _A, "", "住房公积金个人住房贷款申请表"),
    ("发票领用申请表", "申请人", _A, "", "发票领用（票种核定）申请表"),
    ("清税申报表", "申请人", _A, "", "清税申报表"),
    ("道路货物运输经营申请表", "申请人", _A, "", "道路货物运输经营申请表"),
    ("道路运输证配发申请表", "申请人", _A, "", "道路运输证配发申请表"),
    ("食品经营许可申请书", "申请人", _A, "", "食品经营许可申请书"),
    ("户外招牌设施设置申请表", "申请人", _A, "", "户外招牌设施设置申请表"),
    (
        "公众聚集场所投入使用、营业前消防安全检查申请表",
        "申请人",
        _A,
        "",
        "公众聚集场所投入使用、营业前消防安全检查申请表",
    ),
    ("水电气网接入外线工程联合审批申请表", "申请人", _A, "", "水电气网接入外线工程联合审批申请表"),
    ("用电报装申请表", "申请人", _A, "", "低压（高压）用电报装申请表"),
    ("燃气报装申请表", "申请人", _A, "", "管道燃气报装申请表"),
    ("供排水报装申请表", "申请人", _A, "", "供水、排水接入报装申请表"),
    ("宽带通信报装申请表", "申请人", _A, "", "宽带、固定电话和专线报装申请表"),
    ("信用修复申请书", "申请人", _A, "", "失信信息信用修复申请书"),
    ("移出经营异常名录申请书", "申请人", _A, "", "移出经营异常名录申请书"),
    ("企业上市合法合规信息核查申请表", "申请人", _A, "", "企业上市合法合规信息核查申请表"),
    ("企业破产信息核查申请表", "管理人", _A, "", "企业破产信息核查申请表"),
    ("出生医学证明办理登记表", "申请人", _A, "", "《出生医学证明》首次签发登记表"),
    ("社会保障卡申领登记表", "申请人", _A, "", "社会保障卡申领登记表"),
    ("居住证申领登记表", "申请人", _A, "", "居住证申领登记表"),
    ("不动产登记资料查询申请书", "申请人", _A, "", "不动产登记资料查询申请书"),
    ("不动产登记申请书", "申请人", _A, "", "不动产登记申请书"),
    ("残疾人证申请表", "申请人", _A, "", "残疾人证申请表"),
    (
        "残疾人两项补贴申请审批表",
        "申请人",
        _A,
        "",
        "困难残疾人生活补贴和重度残疾人护理补贴申请审批表",
    ),
    ("残疾人辅助器具适配补贴申请表", "申请人", _A, "", "残疾人辅助器具适配补贴申请表"),
    ("职工退休申请表", "申请人", _A, "", "职工退休（基本养老保险待遇领取资格确认）申请表"),
    ("特殊工种提前退休申请表", "申请人", _A, "", "特殊工种提前退休申请表"),
    (
        "因病或非因工致残提前退休（退职）申请表",
        "申请人",
        _A,
        "",
        "因病或非因工致残完全丧失劳动能力提前退休（退职）申请表",
    ),
    ("养老保险待遇申领表", "申请人", _A, "", "基本养老保险待遇申领表"),
    ("城镇独生子女父母奖励金申请表", "申请人", _A, "", "城镇独生子女父母奖励金申请表"),
    ("最低生活保障申请书", "申请人", _A, "", "最低生活保障申请书"),
    ("临时救助申请书", "申请人", _A, "", "临时救助申请书"),
    ("特困人员救助供养申请书", "申请人", _A, "", "特困人员救助供养申请书"),
    ("高龄老人生活保健补贴申请表", "申请人", _A, "", "高龄老人生活保健补贴申请表"),
    ("农村部分计划生育家庭奖励扶助申请表", "申请人", _A, "", "农村部分计划生育家庭奖励扶助申请表"),
    ("农村宅基地和建房（规划许可）申请表", "申请人", _A, "", "农村宅基地和建房（规划许可）申请表"),
    ("农村危房改造申请表", "申请人", _A, "", "农村危房改造申请表"),
    ("收养申请书", "申请人", _A, "", "收养登记申请书"),
    ("创业担保贷款申请表", "申请人", _A, "", "创业担保贷款申请表"),
    ("门诊慢特病待遇认定申请表", "申请人", _A, "", "门诊慢特病待遇认定申请表"),
    ("跨省异地就医登记备案表", "申请人", _A, "", "跨省异地就医登记备案表"),
    ("医师执业注册申请审核表", "申请人", _A, "", "医师执业注册申请审核表"),
    ("教师资格认定申请表", "申请人", _A, "", "教师资格认定申请表"),
    ("药品经营许可申请表", "申请人", _A, "", "药品经营许可申请表"),
    ("特种设备使用登记表", "申请人", _A, "", "特种设备使用登记表"),
    ("公共场所卫生许可申请表", "申请人", _A, "", "公共场所卫生许可申请表"),
    ("娱乐场所经营申请书", "申请人", _A, "", "娱乐场所经营申请书"),
    ("危险化学品经营许可证申请书", "申请人", _A, "", "危险化学品经营许可证申请书"),
    ("养老机构备案书", "申请人", _A, "", "养老机构备案书"),
    ("企业投资项目备案信息表", "申请人", _A, "", "企业投资项目备案信息表（在线填报）"),
    ("建设工程规划许可申请表", "申请人", _A, "", "建设工程规划许可申请表"),
    ("建筑工程施工许可申请表", "申请人", _A, "", "建筑工程施工许可申请表"),
    ("城市建筑垃圾处置核准申请表", "申请人", _A, "", "城市建筑垃圾处置核准申请表"),
    ("取水许可申请书", "申请人", _A, "", "取水许可申请书"),
    ("林木采伐申请表", "申请人", _A, "", "林木采伐申请表"),
    ("法律援助申请表", "申请人", _A, "", "法律援助申请表"),
    # -- commitments, declarations, authorisations --
    ("告知承诺书", "申请人", _A, "", "申请人按告知的条件签署的书面承诺，用于代替证明"),
    ("授权委托书", "申请人", _A, "", "申请人委托代理人办理的授权委托书"),
    ("守信承诺书", "申请人", _A, "", "信用修复守信承诺书"),
    ("全体投资人承诺书", "申请人", _A, "", "简易注销全体投资人承诺书"),
    ("占用挖掘道路修复承诺书", "申请人", _A, "", "占用、挖掘道路施工后按原标准修复的承诺书"),
    ("建设资金已落实承诺书", "申请人", _A, "", "建设单位关于建设资金已经落实的承诺书"),
    ("养老机构备案承诺书", "申请人", _A, "", "养老机构符合设施设备、人员和服务标准的承诺书"),
    ("农村宅基地使用承诺书", "申请人", _A, "", "一户一宅、按批准面积和位置建房的承诺书"),
    ("经济困难状况个人诚信承诺书", "申请人", _A, "", "法律援助申请人经济困难状况个人诚信承诺书"),
    ("家庭经济状况核对授权书", "申请人", _A, "", "共同生活家庭成员授权核对家庭经济状况的授权书"),
    (
        "无配偶及无禁止结婚亲属关系签字声明",
        "申请人",
        _A,
        "",
        "本人无配偶以及与对方无禁止结婚亲属关系的签字声明",
    ),
    ("收养人家庭情况声明", "申请人", _A, "", "收养人婚姻状况、子女情况和抚养教育能力的声明"),
    # -- company documents, contracts, plans --
    ("公司章程", "申请人", _A, "", "全体股东签署的公司章程"),
    ("公司章程修正案", "申请人", _A, "", "公司章程修正案"),
    ("股东会决议（股东决定）", "申请人", _A, "", "股东会决议或一人公司股东决定"),
    ("清算报告", "申请人", _A, "", "经股东会或人民法院确认的清算报告"),
    ("住所（经营场所）使用证明", "申请人", _A, "", "房屋产权证明或租赁合同，或住所申报承诺"),
    ("房屋租赁合同", "申请人", _A, "", "出租人与承租人签订的房屋租赁合同"),
    ("房屋买卖合同", "申请人", _A, "", "商品房或存量房买卖合同（网签备案）"),
    ("首付款缴纳凭证", "申请人", _A, "", "购房首付款发票或收款收据"),
    ("抵押合同", "申请人", _A, "", "抵押人与抵押权人签订的抵押合同"),
    ("借款合同", "申请人", _A, "", "主债权借款合同"),
    ("劳动合同", "申请人", _A, "", "用人单位与劳动者签订的劳动合同"),
    ("终止或解除劳动合同证明", "原用人单位", _A, "", "用人单位出具的终止或解除劳动关系证明"),
    ("建设工程施工合同", "申请人", _A, "", "建设单位与施工企业签订的施工合同"),
    (
        "建筑垃圾运输和消纳合同",
        "申请人",
        _A,
        "",
        "与运输单位、消纳场所签订的建筑垃圾运输和消纳合同",
    ),
    ("收养协议", "申请人", _A, "", "收养人与送养人签订的收养协议"),
    ("离婚协议书", "申请人", _A, "", "双方签名的离婚协议书"),
    ("招用人员就业登记花名册", "申请人", _A, "", "用人单位招用人员就业登记花名册"),
    ("安全生产管理制度文本", "申请人", _A, "", "道路运输安全生产管理制度文本"),
    (
        "安全生产规章制度和岗位操作规程目录清单",
        "申请人",
        _A,
        "",
        "危险化学品经营企业安全生产规章制度和岗位操作规程目录清单",
    ),
    ("生产安全事故应急救援预案", "申请人", _A, "", "生产安全事故应急救援预案"),
    (
        "场所消防安全制度、灭火和应急疏散预案",
        "申请人",
        _A,
        "",
        "场所消防安全制度、灭火和应急疏散预案",
    ),
    ("场所平面布置图", "申请人", _A, "", "标明疏散通道、安全出口和消防设施的场所平面布置图"),
    (
        "食品经营设备设施布局及操作流程文件",
        "申请人",
        _A,
        "",
        "主要设备设施清单、经营布局图和操作流程",
    ),
    (
        "食品安全管理制度目录清单",
        "申请人",
        _A,
        "",
        "食品安全自查、从业人员健康管理和进货查验制度目录",
    ),
    ("药品经营场所及仓储设施平面布置图", "申请人", _A, "", "药品经营场所和仓储设施平面布置图"),
    ("药品质量管理制度文件", "申请人", _A, "", "药品质量管理制度和职责文件"),
    ("公共场所卫生管理制度", "申请人", _A, "", "公共场所卫生管理制度和卫生设施清单"),
    ("经营场所平面示意图", "申请人", _A, "", "娱乐场所经营场所平面示意图"),
    ("招牌设计效果图", "申请人", _A, "", "户外招牌设计效果图"),
    ("接入工程施工方案及管线路由图", "申请人", _A, "", "外线接入工程施工方案和管线路由图"),
    ("交通组织和安全防护方案", "申请人", _A, "", "占道施工交通组织和安全防护方案"),
    ("用气场所平面布置图", "申请人", _A, "", "商业、工业用户用气场所平面布置图"),
    ("用水设施平面图", "申请人", _A, "", "用水设施和排水接入点平面图"),
    ("建设工程设计方案", "申请人", _A, "", "建设工程设计方案（总平面图和建筑单体方案）"),
    ("建筑垃圾处置方案", "申请人", _A, "", "建筑垃圾分类处置、运输路线和消纳场所方案"),
    ("建房设计图或通用图", "申请人", _A, "", "农房设计图或选用的通用图"),
    ("伐区调查设计文件", "申请人", _A, "", "伐区调查设计文件"),
    ("创业项目计划书", "申请人", _A, "", "创业项目计划书"),
    ("特殊工种岗位工作原始记录", "用人单位", _A, "", "从事特殊工种的工资台账和岗位调动原始记录"),
    (
        "村集体经济组织审查意见",
        "村集体经济组织（村民委员会）",
        _A,
        "",
        "村民小组会议讨论和公示后的审查意见",
    ),
    ("案件事实证据复印件", "申请人", _A, "", "与申请法律援助的案件事实对应的证据复印件"),
    ("原印章", "申请人", _A, "", "需缴销的原备案印章"),
    ("近期免冠证件照片", "申请人", _A, "", "近6个月内正面免冠证件照片（含数码照片）"),
    ("双方近期半身免冠合影照片", "申请人", _A, "", "男女双方近期2寸半身免冠合影照片"),
    ("银行卡", "开户银行", _A, "", "本人名下银行借记卡"),
    # -- reports and certificates from third-party bodies --
    ("机动车检验检测报告", "机动车检验检测机构", _A, "", "机动车安全技术检验和综合性能检测报告"),
    ("信用报告", "综合信用服务机构", _A, "", "信用服务机构出具的专项信用报告"),
    ("房屋测绘报告", "不动产测绘机构", _A, "", "房屋面积测绘成果报告"),
    (
        "建设项目水资源论证报告书（表）",
        "水资源论证编制单位",
        _A,
        "",
        "建设项目水资源论证报告书或报告表",
    ),
    ("施工图设计文件审查合格书", "施工图审查机构", _A, "", "施工图设计文件审查合格书"),
    ("公共场所卫生检测报告", "具备资质的检测机构", _A, "", "公共场所卫生检测或评价报告"),
    ("特种设备产品合格证", "特种设备制造单位", _A, "", "特种设备产品合格证和出厂技术资料"),
    ("特种设备监督检验证书", "特种设备检验机构", _A, "", "特种设备安装监督检验证书"),
    ("医疗收费票据", "医疗机构", _A, "", "医疗收费票据（含电子票据）"),
    ("住院费用清单", "医疗机构", _A, "", "住院费用明细清单"),
    ("出院记录", "医疗机构", _A, "", "出院记录（出院小结）"),
    ("疾病诊断证明书", "二级及以上定点医疗机构", _A, "", "疾病诊断证明书"),
    ("门诊或住院病历", "医疗机构", _A, "", "门诊病历或住院病案首页"),
    ("辅助器具适配评估表", "定点适配机构", _A, "", "残疾人辅助器具适配评估表"),
    ("医师健康体检证明", "县级以上医疗机构", _A, "", "医师执业注册健康体检证明"),
    ("医疗机构拟聘用证明", "拟执业医疗机构", _A, "", "拟执业医疗机构出具的聘用证明"),
    ("从业人员健康合格证明", "体检机构", _A, "", "公共场所直接为顾客服务人员的健康合格证明"),
    ("收养人身体健康检查证明", "县级以上医疗机构", _A, "", "收养人身体健康检查证明"),
    ("教师资格认定体检合格证明", "县级以上医院", _A, "", "申请认定教师资格人员体检表"),
    ("在校就读证明", "就读学校", _A, "", "学校出具的在校就读证明"),
]

MATERIAL_TYPES: list[dict[str, str]] = [
    {"name": n, "issuer": i, "source": s, "licence_type": lt, "description": d}
    for n, i, s, lt, d in _MATERIAL_ROWS
]

# ---------------------------------------------------------------------------
# Data elements: shared form-field keys, so that bundle forms can be merged (一表申请).
# ---------------------------------------------------------------------------


def _de(key: str, label: str, type_: str = "text", **extra: Any) -> dict[str, Any]:
    return {"key": key, "label": label, "type": type_, **extra}


_YES_NO_HELP = "勾选表示“是”"

DATA_ELEMENTS: list[dict[str, Any]] = [
    # -- applicant, agent, person --
    _de("applicant.name", "申请人姓名", max_length=50),
    _de("applicant.id_number", "申请人公民身份号码", "id_number"),
    _de("applicant.phone", "联系电话", "phone"),
    _de("applicant.address", "联系地址", max_length=200),
    _de("applicant.email", "电子邮箱", "email"),
    _de("agent.name", "经办人姓名", max_length=50),
    _de("agent.phone", "经办人电话", "phone"),
    _de("person.birth_date", "出生日期", "date"),
    _de(
        "guardian.name",
        "监护人姓名",
        max_length=50,
        help="申请人为未成年人或无民事行为能力人时填写",
    ),
    _de("guardian.phone", "监护人电话", "phone"),
    _de("spouse.name", "配偶姓名", max_length=50),
    _de("spouse.id_number", "配偶公民身份号码", "id_number"),
    _de("appointment.date", "预约办理日期", "date"),
    # -- enterprise --
    _de("enterprise.name", "企业（单位）名称", max_length=100),
    _de("enterprise.uscc", "统一社会信用代码", "uscc"),
    _de("enterprise.legal_rep", "法定代表人（负责人）", max_length=50),
    _de("enterprise.legal_rep_id_number", "法定代表人公民身份号码", "id_number"),
    _de("enterprise.address", "住所", max_length=200),
    _de(
        "enterprise.type",
        "企业类型",
        "select",
        options=["有限责任公司", "股份有限公司", "个人独资企业", "合伙企业", "农民专业合作社"],
    ),
    _de("enterprise.registered_capital", "注册资本（万元）", "number", min=0),
    _de(
        "change.items",
        "变更事项",
        "multiselect",
        options=[
            "名称",
            "住所",
            "法定代表人",
            "注册资本",
            "经营范围",
            "股东",
            "企业类型",
            "营业期限",
        ],
    ),
    _de("change.after", "变更后内容", "textarea", max_length=1000),
    _de(
        "exit.reason",
        "注销原因",
        "select",
        options=[
            "决议解散",
            "章程规定营业期限届满",
            "依法被吊销营业执照",
            "合并、分立",
            "人民法院宣告破产",
        ],
    ),
    _de("exit.procedure", "注销方式", "select", options=["一般注销", "简易注销"]),
    _de(
        "seal.types",
        "印章种类",
        "multiselect",
        options=["单位公章", "财务专用章", "发票专用章", "合同专用章", "法定代表人名章"],
    ),
    _de(
        "seal.maker", "印章刻制企业", max_length=100, help="在公安机关备案的印章刻制企业中自主选择"
    ),
    _de("tax.device_type", "税控设备类型", "select", options=["税务UKey", "金税盘", "税控盘"]),
    _de(
        "invoice.type",
        "发票种类",
        "select",
        options=["数电发票", "增值税专用发票（纸质）", "增值税普通发票（纸质）"],
    ),
    _de("invoice.monthly_quantity", "每月最高领用数量（份）", "number", min=1, max=1000),
    _de(
        "insurance.types",
        "参保险种",
        "multiselect",
        options=["企业职工基本养老保险", "失业保险", "工伤保险", "职工基本医疗保险（含生育保险）"],
    ),
    _de("insurance.employee_count", "职工人数", "number", min=0),
    _de("housing_fund.unit_account", "住房公积金单位账号", max_length=30),
    _de("housing_fund.deposit_ratio", "缴存比例（%）", "number", min=5, max=12),
    _de("housing_fund.account_number", "住房公积金个人账号", max_length=30),
    _de("housing_fund.withdraw_amount", "提取金额（元）", "number", min=0),
    # -- business premises and licences --
    _de("business.trade_name", "字号名称", max_length=50),
    _de("business.form", "组成形式", "select", options=["个人经营", "家庭经营"]),
    _de(
        "business.scope", "经营范围", "textarea", max_length=1000, help="按经营范围规范表述目录填写"
    ),
    _de("business.premises_address", "经营场所地址", max_length=200),
    _de("premises.area", "经营场所面积（平方米）", "number", min=1),
    _de(
        "food.business_category",
        "食品经营主体业态",
        "select",
        options=["食品销售经营者", "餐饮服务经营者", "单位食堂"],
    ),
    _de(
        "food.business_items",
        "食品经营项目",
        "multiselect",
        options=[
            "散装食品销售",
            "特殊食品销售",
            "热食类食品制售",
            "冷食类食品制售",
            "生食类食品制售",
            "半成品制售",
            "自制饮品制售",
        ],
    ),
    _de("food.safety_manager", "食品安全管理人员", max_length=50),
    _de(
        "drug.business_scope",
        "药品经营范围",
        "multiselect",
        options=["处方药", "甲类非处方药", "乙类非处方药", "中药饮片"],
    ),
    _de("drug.quality_manager", "质量负责人", max_length=50),
    _de("signboard.text", "招牌文字内容", max_length=50),
    _de("signboard.size", "招牌尺寸（长×宽，米）", max_length=30),
    _de(
        "signboard.material",
        "招牌材质",
        "select",
        options=["金属框架发光字", "金属框架喷绘", "木质", "亚克力"],
    ),
    _de("venue.name", "场所名称", max_length=100),
    _de(
        "venue.type",
        "场所类型",
        "select",
        options=[
            "宾馆饭店",
            "商场市场",
            "餐饮场所",
            "歌舞娱乐场所",
            "体育场馆",
            "会堂礼堂",
            "公共展览馆",
        ],
    ),
    _de("venue.area", "场所建筑面积（平方米）", "number", min=1),
    _de("venue.max_occupancy", "最大容纳人数", "number", min=1),
    _de(
        "hygiene.venue_type",
        "公共场所类别",
        "select",
        options=["宾馆", "旅店", "招待所", "公共浴室", "美容美发场所", "游泳场所"],
    ),
    _de("entertainment.type", "娱乐场所类别", "select", options=["歌舞娱乐场所", "游艺娱乐场所"]),
    _de("hazmat.chemicals", "经营的危险化学品品种", "textarea", max_length=1000),
    _de(
        "hazmat.has_storage",
        "是否设有储存设施",
        "checkbox",
        help="设有储存设施的由宝鸡市应急管理局审批",
    ),
    _de(
        "equipment.category",
        "设备类别",
        "select",
        options=["锅炉", "压力容器", "电梯", "起重机械", "场（厂）内专用机动车辆", "压力管道"],
    ),
    _de("equipment.product_number", "设备产品编号", max_length=50),
    _de("equipment.location", "设备使用地点", max_length=200),
    _de("elderly_care.bed_count", "床位数（张）", "number", min=1),
    # -- transport --
    _de(
        "transport.business_scope",
        "经营范围",
        "multiselect",
        options=["普通货运", "货物专用运输", "大型物件运输"],
    ),
    _de("vehicle.count", "拟投入车辆数（辆）", "number", min=1),
    _de("vehicle.plate_number", "车辆号牌", max_length=10),
    _de(
        "vehicle.type",
        "车辆类型",
        "select",
        options=["重型货车", "中型货车", "牵引车", "挂车", "专用作业车"],
    ),
    _de("vehicle.total_mass_kg", "总质量（千克）", "number", min=4501),
    _de("vehicle.vin", "车辆识别代号", max_length=17),
    _de("driver.name", "驾驶员姓名", max_length=50),
    _de("driver.id_number", "驾驶员公民身份号码", "id_number"),
    _de(
        "driving_licence.class",
        "准驾车型",
        "select",
        options=["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "D", "E"],
    ),
    _de(
        "qualification.category",
        "从业资格类别",
        "select",
        options=["经营性道路旅客运输驾驶员", "经营性道路货物运输驾驶员", "道路危险货物运输驾驶员"],
    ),
    _de(
        "certificate.reason",
        "申请原因",
        "select",
        options=["有效期满", "证件损毁", "证件遗失", "信息变更"],
    ),
    _de(
        "travel.discount_type",
        "乘车优待类型",
        "select",
        options=["普通乘客", "60周岁以上老年人", "残疾人"],
    ),
    # -- utilities --
    _de("utility.project_name", "接入工程名称", max_length=100),
    _de("utility.address", "报装地址", max_length=200),
    _de(
        "utility.services",
        "报装类型",
        "multiselect",
        options=["供电", "供水", "排水", "燃气", "通信"],
    ),
    _de("utility.pipeline_length", "管线长度（米）", "number", min=1),
    _de("utility.road_occupation", "是否占用挖掘道路", "checkbox", help=_YES_NO_HELP),
    _de("utility.start_date", "计划开工日期", "date"),
    _de("utility.end_date", "计划完工日期", "date"),
    _de("utility.power_voltage", "用电电压等级", "select", options=["220伏", "380伏", "10千伏"]),
    _de("utility.power_capacity_kva", "申请用电容量（千伏安）", "number", min=1),
    _de("utility.gas_usage", "用气类别", "select", options=["居民生活", "商业", "工业"]),
    _de("utility.water_usage", "用水类别", "select", options=["居民生活", "非居民", "特种行业"]),
    _de("utility.drainage", "同时申请排水接入", "checkbox", help=_YES_NO_HELP),
    _de("utility.telecom_service", "通信业务", "select", options=["宽带", "固定电话", "数据专线"]),
    # -- credit and compliance checks --
    _de(
        "credit.record_type",
        "失信信息类型",
        "select",
        options=["行政处罚信息", "经营异常名录", "严重失信主体名单"],
    ),
    _de("credit.decision_number", "处罚（认定）决定书文号", max_length=50),
    _de("credit.decision_authority", "作出决定的机关", max_length=100),
    _de("credit.rectification", "失信行为纠正情况", "textarea", max_length=1000),
    _de(
        "credit.abnormal_reason",
        "列入经营异常名录原因",
        "select",
        options=[
            "未按期公示年度报告",
            "未按规定公示即时信息",
            "公示信息隐瞒真实情况、弄虚作假",
            "通过登记的住所无法联系",
        ],
    ),
    _de(
        "check.purpose",
        "核查用途",
        "select",
        options=["首次公开发行股票并上市", "再融资", "并购重组", "债券发行"],
    ),
    _de("check.period_start", "核查期间起", "date"),
    _de("check.period_end", "核查期间止", "date"),
    _de(
        "check.report_delivery", "结果送达方式", "select", options=["电子送达", "邮寄", "窗口领取"]
    ),
    _de("bankruptcy.case_number", "破产案件案号", max_length=50),
    _de("bankruptcy.administrator", "管理人名称", max_length=100),
    # -- children, family --
    _de("child.name", "子女姓名", max_length=50),
    _de("child.id_number", "子女公民身份号码", "id_number"),
    _de("child.gender", "子女性别", "select", options=["男", "女"]),
    _de("child.birth_date", "子女出生日期", "date"),
    _de("child.birth_place", "出生医院", max_length=100),
    _de("mother.name", "母亲姓名", max_length=50),
    _de("mother.id_number", "母亲公民身份号码", "id_number"),
    _de("father.name", "父亲姓名", max_length=50),
    _de("father.id_number", "父亲公民身份号码", "id_number"),
    _de("family.children_count", "现有子女数", "number", min=0, max=10),
    _de("birth.expected_date", "预产期", "date"),
    _de(
        "parenting.service_needs",
        "育儿指导需求",
        "multiselect",
        options=["喂养指导", "生长发育监测", "早期发展指导", "托育服务信息"],
    ),
    _de("adoptee.name", "被收养人姓名", max_length=50),
    _de("adoptee.gender", "被收养人性别", "select", options=["男", "女"]),
    _de("adoptee.birth_date", "被收养人出生日期", "date"),
    _de("adoption.reason", "收养目的和情况说明", "textarea", max_length=1000),
    # -- household registration, residence --
    _de("household.registration_address", "落户地址", max_length=200),
    _de(
        "household.relationship",
        "与户主关系",
        "select",
        options=["子", "女", "孙子", "孙女", "其他亲属"],
    ),
    _de("household.members", "共同生活家庭人口（人）", "number", min=1, max=20),
    _de("household.monthly_income", "家庭月总收入（元）", "number", min=0),
    _de("migration.from_address", "迁出地址", max_length=200),
    _de(
        "migration.reason",
        "迁入类别",
        "select",
        options=["投靠亲属", "购房落户", "就业落户", "大中专学生", "人才引进"],
    ),
    _de(
        "idcard.reason",
        "申领原因",
        "select",
        options=["首次申领", "有效期满换领", "损坏换领", "丢失补领", "登记项目变更换领"],
    ),
    _de("residence.address", "居住地址", max_length=200),
    _de("residence.start_date", "开始居住日期", "date"),
    _de(
        "residence.basis",
        "申领条件",
        "select",
        options=["合法稳定就业", "合法稳定住所", "连续就读"],
    ),
    _de("residence.type", "入学类别", "select", options=["本县户籍", "随迁子女"]),
    _de(
        "proof.type",
        "证明类型",
        "select",
        options=[
            "户籍登记证明",
            "户口注销证明",
            "户口迁移证明",
            "曾用名证明",
            "户籍所载亲属关系证明",
        ],
    ),
    _de("proof.purpose", "证明用途", max_length=100),
    # -- education --
    _de("school.stage", "入学年级", "select", options=["小学一年级", "初中一年级"]),
    _de("school.name", "意向学校", max_length=100),
    _de(
        "teacher.qualification_type",
        "教师资格种类",
        "select",
        options=["幼儿园教师资格", "小学教师资格", "初级中学教师资格"],
    ),
    _de("teacher.subject", "任教学科", max_length=30),
    _de("teacher.exam_certificate_number", "考试合格证明编号", max_length=30),
    # -- employment, social security --
    _de(
        "employment.status",
        "就业状态",
        "select",
        options=["失业", "灵活就业", "单位就业", "自主创业"],
    ),
    _de(
        "employment.education",
        "文化程度",
        "select",
        options=["小学", "初中", "高中（中专）", "大专", "本科", "研究生"],
    ),
    _de("employment.desired_job", "求职意向", max_length=100),
    _de("employment.hire_date", "录用日期", "date"),
    _de(
        "unemployment.reason",
        "失业原因",
        "select",
        options=[
            "劳动合同期满终止",
            "用人单位解除劳动合同",
            "用人单位经济性裁员",
            "用人单位依法终止",
        ],
    ),
    _de("unemployment.date", "失业日期", "date"),
    _de("loan.amount", "申请贷款金额（万元）", "number", min=1, max=300),
    _de("loan.term_years", "贷款期限（年）", "number", min=1, max=30),
    _de(
        "socialcard.bank",
        "社保卡合作银行",
        "select",
        options=[
            "中国工商银行",
            "中国农业银行",
            "中国银行",
            "中国建设银行",
            "中国邮政储蓄银行",
            "陕西省农村信用社",
        ],
    ),
    _de(
        "socialcard.reason",
        "申请原因",
        "select",
        options=["遗失补领", "损坏换卡", "有效期满换卡", "信息变更换卡"],
    ),
    _de(
        "insured.identity",
        "参保人员类别",
        "select",
        options=[
            "普通居民",
            "新生儿",
            "在校学生",
            "特困人员",
            "低保对象",
            "重度残疾人",
            "防止返贫监测对象",
        ],
    ),
    _de(
        "pension.contribution_grade",
        "缴费档次（元/年）",
        "select",
        options=["200", "300", "500", "1000", "2000", "3000", "5000"],
    ),
    _de("bank.name", "开户银行", max_length=50),
    _de("bank.account_number", "银行账号", max_length=30),
    # -- retirement --
    _de(
        "retirement.type",
        "退休类型",
        "select",
        options=["正常退休", "弹性提前退休", "弹性延迟退休", "特殊工种提前退休", "因病提前退休"],
    ),
    _de("retirement.work_start_date", "参加工作时间", "date"),
    _de("retirement.date", "退休日期", "date"),
    _de("retirement.deemed_years", "视同缴费年限（年）", "number", min=0, max=50),
    _de("retirement.special_job_name", "特殊工种名称", max_length=50),
    _de("retirement.special_job_years", "从事特殊工种年限（年）", "number", min=0, max=50),
    _de("retirement.appraisal_number", "劳动能力鉴定结论书编号", max_length=50),
    # -- medical --
    _de("medical.hospital", "就诊医疗机构", max_length=100),
    _de("medical.admission_date", "入院日期", "date"),
    _de("medical.discharge_date", "出院日期", "date"),
    _de("medical.expense", "医疗费用总额（元）", "number", min=0),
    _de("medical.designated_institution", "常用定点医药机构", max_length=100),
    _de(
        "medical.filing_type",
        "备案类型",
        "select",
        options=["异地安置退休", "异地长期居住", "常驻异地工作", "异地转诊", "急诊抢救"],
    ),
    _de("medical.settlement_place", "就医地（省市县）", max_length=100),
    _de("medical.filing_start", "备案开始日期", "date"),
    _de(
        "medical.disease",
        "申请病种",
        "select",
        options=[
            "高血压",
            "糖尿病",
            "慢性心力衰竭",
            "恶性肿瘤门诊治疗",
            "尿毒症透析",
            "器官移植术后抗排异治疗",
            "严重精神障碍",
            "肺结核",
        ],
    ),
    # -- medical practitioners --
    _de("practitioner.qualification_number", "医师资格证书编码", max_length=30),
    _de(
        "practitioner.category",
        "执业类别",
        "select",
        options=["临床", "中医", "口腔", "公共卫生"],
    ),
    _de("practitioner.scope", "执业范围", max_length=50),
    _de("practitioner.institution", "主要执业机构", max_length=100),
    # -- disability --
    _de(
        "disability.category",
        "残疾类别",
        "select",
        options=["视力", "听力", "言语", "肢体", "智力", "精神", "多重"],
    ),
    _de("disability.level", "残疾等级", "select", options=["一级", "二级", "三级", "四级"]),
    _de(
        "disability.certificate_number",
        "残疾人证号",
        max_length=20,
        help="20位：公民身份号码加残疾类别和等级代码",
    ),
    _de(
        "cancel.reason",
        "注销原因",
        "select",
        options=["持证人死亡", "户籍迁出国（境）外", "经评定不再符合残疾标准", "本人申请"],
    ),
    _de(
        "assistive.device_type",
        "辅助器具类别",
        "select",
        options=["轮椅", "助听器", "假肢矫形器", "助行器", "盲杖"],
    ),
    _de(
        "culture.service",
        "文化体验服务",
        "select",
        options=["图书借阅", "景区入园", "场馆预约参观"],
    ),
    # -- relief, after death --
    _de("relief.type", "救助类型", "select", options=["急难型", "支出型"]),
    _de("relief.reason", "困难情况说明", "textarea", max_length=1000),
    _de("relief.care_type", "供养方式", "select", options=["分散供养", "集中供养"]),
    _de("deceased.name", "死者姓名", max_length=50),
    _de("deceased.id_number", "死者公民身份号码", "id_number"),
    _de("deceased.death_date", "死亡日期", "date"),
    _de(
        "deceased.relationship",
        "申请人与死者关系",
        "select",
        options=["配偶", "子女", "父母", "兄弟姐妹", "其他近亲属"],
    ),
    _de(
        "case.type",
        "案件类型",
        "select",
        options=[
            "劳动争议",
            "工伤赔偿",
            "赡养抚养扶养",
            "社会保险待遇",
            "交通事故赔偿",
            "国家赔偿",
        ],
    ),
    _de("case.opposing_party", "对方当事人", max_length=100),
    _de("case.description", "案情简述", "textarea", max_length=2000),
    # -- real estate, construction, rural housing --
    _de("property.address", "不动产坐落", max_length=200),
    _de("property.certificate_number", "不动产权证书号", max_length=50),
    _de("property.area", "建筑面积（平方米）", "number", min=1),
    _de("property.use", "房屋用途", "select", options=["住宅", "商业", "办公", "工业"]),
    _de("transfer.buyer_name", "买受人姓名（名称）", max_length=100),
    _de("transfer.buyer_id_number", "买受人证件号码", "id_number"),
    _de("transfer.price", "成交价格（元）", "number", min=0),
    _de("mortgage.creditor", "抵押权人", max_length=100),
    _de("mortgage.amount", "被担保主债权数额（元）", "number", min=0),
    _de("mortgage.end_date", "债务履行期限届满日", "date"),
    _de(
        "query.purpose",
        "查询目的",
        "select",
        options=["子女入学", "办理贷款", "诉讼", "本人查询"],
    ),
    _de("query.period_start", "查询起始年月", "date"),
    _de("query.period_end", "查询截止年月", "date"),
    _de("project.name", "项目名称", max_length=100),
    _de("project.code", "投资项目代码", max_length=30),
    _de("project.address", "建设地点", max_length=200),
    _de("project.total_area", "总建筑面积（平方米）", "number", min=0),
    _de("project.investment", "总投资（万元）", "number", min=0),
    _de("project.content", "建设规模和内容", "textarea", max_length=2000),
    _de("project.contractor", "施工单位", max_length=100),
    _de("project.supervisor", "监理单位", max_length=100),
    _de("waste.volume", "建筑垃圾量（立方米）", "number", min=1),
    _de("waste.disposal_site", "消纳场所", max_length=100),
    _de("waste.transport_company", "运输单位", max_length=100),
    _de("water.source_type", "水源类型", "select", options=["地表水", "地下水"]),
    _de("water.purpose", "取水用途", "select", options=["工业", "农业灌溉", "生活", "其他"]),
    _de("water.annual_volume", "年取水量（万立方米）", "number", min=0),
    _de("forest.location", "采伐地点（小班）", max_length=200),
    _de("forest.tree_species", "树种", max_length=50),
    _de("forest.volume", "采伐蓄积（立方米）", "number", min=0),
    _de(
        "forest.cutting_type",
        "采伐类型",
        "select",
        options=["主伐", "抚育采伐", "更新采伐", "低产林改造"],
    ),
    _de("homestead.type", "建房类型", "select", options=["原址翻建", "改扩建", "新建"]),
    _de("homestead.location", "宅基地位置", max_length=200),
    _de("homestead.area", "申请宅基地面积（平方米）", "number", min=1, max=300),
    _de("homestead.building_area", "建筑面积（平方米）", "number", min=1),
    _de("homestead.floors", "建筑层数", "number", min=1, max=3),
    _de("house.structure", "房屋结构", "select", options=["土木结构", "砖木结构", "砖混结构"]),
    _de("house.built_year", "建造年份", "number", min=1950, max=2030),
]

# ---------------------------------------------------------------------------
# Search synonyms: colloquial phrase → terms that occur in item names.
# ---------------------------------------------------------------------------

SYNONYMS: list[tuple[str, list[str]]] = [
    ("生孩子", ["新生儿", "出生"]),
    ("开饭店", ["餐饮", "食品经营"]),
    ("营业执照", ["工商登记", "企业登记"]),
    ("工商登记", ["营业执照"]),
    ("上户口", ["出生登记", "户口迁入"]),
    ("落户", ["户口迁入", "出生登记"]),
    ("出生证", ["出生医学证明"]),
    ("疫苗本", ["预防接种证"]),
    ("准生证", ["生育登记"]),
    ("办社保卡", ["社会保障卡申领"]),
    ("社保卡丢了", ["社会保障卡挂失"]),
    ("残疾证", ["残疾人证"]),
    ("退休手续", ["退休", "养老保险待遇"]),
    ("开公司", ["企业设立登记", "个体工商户"]),
    ("注销公司", ["企业注销登记", "税务注销", "注销社会保险登记"]),
    ("刻章", ["印章刻制"]),
    ("接水电", ["供电报装", "供排水报装", "水电气网"]),
    ("通天然气", ["燃气报装"]),
    ("装宽带", ["通信报装"]),
    ("公积金取钱", ["提取住房公积金", "住房公积金租房提取"]),
    ("公积金贷款", ["住房公积金个人住房贷款"]),
    ("上学报名", ["新生入学信息采集"]),
    ("低保", ["最低生活保障"]),
    ("五保", ["特困人员"]),
    ("房产证", ["不动产"]),
    ("二手房过户", ["二手房转移登记"]),
    ("盖房子", ["宅基地", "乡村建设规划许可"]),
    ("领结婚证", ["结婚登记"]),
    ("办身份证", ["居民身份证"]),
    ("暂住证", ["居住证"]),
    ("开证明", ["户籍证明", "居住证明"]),
    ("驾照丢了", ["机动车驾驶证补领"]),
    ("货车营运证", ["道路运输证"]),
    ("挂招牌", ["户外招牌"]),
    ("消防检查", ["消防安全检查"]),
    ("黑名单", ["严重失信主体名单", "经营异常名录"]),
    ("失业金", ["失业保险金"]),
    ("创业贷款", ["创业担保贷款"]),
    ("异地看病", ["异地就医备案"]),
    ("慢性病", ["门诊慢特病"]),
    ("销户口", ["户口注销"]),
    ("丧葬费", ["丧葬补助金"]),
    ("老年卡", ["老年人优待证"]),
    ("高龄补贴", ["高龄老人津贴"]),
    ("砍树", ["林木采伐"]),
    ("打井", ["取水许可"]),
    ("开药店", ["药品零售"]),
    ("打官司没钱", ["法律援助"]),
    ("教师资格证", ["教师资格认定"]),
    ("危房", ["危房改造"]),
]


# ---------------------------------------------------------------------------
# Items (事项实施清单). Every item is a complete dict with the keys of `_item` below; the
# helpers only fill defaults so that each entry lists what is specific to it.
# Basic codes: item type (2) + competent department (2) + serial (3) + sub-item (2) + "000".
# ---------------------------------------------------------------------------


def _m(
    name: str,
    originals: int = 1,
    copies: int = 0,
    form: str = "paper",
    *,
    required: bool = True,
    tolerable: bool = False,
    waivable: bool = False,
    notes: str = "",
) -> dict[str, Any]:
    """One material of an item; `name` must be a MATERIAL_TYPES name."""
    return {
        "name": name,
        "originals": originals,
        "copies": copies,
        "form": form,
        "required": required,
        "tolerable": tolerable,
        "waivable": waivable,
        "notes": notes,
    }


def _default_process(department: str, handling_type: int) -> list[list[str]]:
    if handling_type == 1:
        return [["受理", department, "window_clerk"], ["办结", department, "window_clerk"]]
    return [
        ["受理", department, "window_clerk"],
        ["审核", department, "approver"],
        ["决定", department, "approver"],
    ]


def _item(
    name: str,
    basic_code: str,
    department: str,
    *,
    limits: tuple[int, int],
    unit: str = "working",
    competent: str = "",
    **extra: Any,
) -> dict[str, Any]:
    """A complete item dict: defaults first, then what the entry sets."""
    item: dict[str, Any] = {
        "name": name,
        "basic_code": basic_code,
        "department": department,
        "competent_department": competent or department,
        "joint_departments": [],
        "item_type": "20",
        "level": 4,
        "handling_type": 2,
        "statutory_limit": limits[0],
        "statutory_unit": unit,
        "promised_limit": limits[1],
        "promised_unit": unit,
        "limit_note": "",
        "service_objects": ["1"],
        "themes": [],
        "legal_basis": "",
        "conditions": "",
        "result_name": "",
        "result_licence_type": "",
        "fee": None,
        "quantity_limit": "无数量限制",
        "annual_inspection": False,
        "special_procedures": [],
        "intermediary_services": "",
        "channels": ["1", "2", "3"],
        "online_depth": 4,
        "visits": 0,
        "appointment": True,
        "postal_delivery": True,
        "cross_region_scope": "",
        "high_frequency": False,
        "tolerant_acceptance": False,
        "commitment": False,
        "accept_on_receipt": False,
        "process": None,
        "materials": [],
        "fields": [],
        "faq": [],
        "bundle": "",
    }
    unknown = set(extra) - set(item)
    if unknown:
        raise KeyError(f"{name}: unknown item keys {sorted(unknown)}")
    item.update(extra)
    if item["process"] is None:
        item["process"] = _default_process(department, item["handling_type"])
    return item


_PERSON = ["applicant.name", "applicant.id_number", "applicant.phone"]
_COMPANY = [
    "enterprise.name",
    "enterprise.uscc",
    "enterprise.legal_rep",
    "agent.name",
    "agent.phone",
]

_FAQ_ONE_APPLICATION = [
    "需要到每个部门分别申请吗？",
    "不需要。在县政务服务中心“高效办成一件事”窗口或“秦务员”平台一次申请、一套材料，"
    "由牵头部门分派各部门并联办理。",
]


_BUNDLE_ITEMS_ENTERPRISE: list[dict[str, Any]] = [
    # ---- 1 企业信息变更“一件事” ----
    _item(
        "企业变更登记",
        "010700100000",
        "县行政审批局",
        competent="县市场监管局",
        limits=(3, 1),
        item_type="01",
        service_objects=["2", "6"],
        themes=["enterprise_change"],
        legal_basis=(
            "《中华人民共和国公司法》第三十四条；《中华人民共和国市场主体登记管理条例》第十九条、"
            "第二十四条；《中华人民共和国市场主体登记管理条例实施细则》"
            "（国家市场监督管理总局令第52号）"
        ),
        conditions=(
            "已在我县登记的企业，名称、住所、法定代表人、注册资本、经营范围或股东发生变更，"
            "自作出变更决议或决定之日起30日内申请；变更事项依法须经批准的，已取得批准文件。"
        ),
        result_name="营业执照",
        result_licence_type="营业执照",
        high_frequency=True,
        tolerant_acceptance=True,
        commitment=True,
        process=[
            ["受理", "县行政审批局", "window_clerk"],
            ["审查", "县行政审批局", "approver"],
            ["核准", "县行政审批局", "approver"],
        ],
        materials=[
            _m("企业变更登记申请书", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("股东会决议（股东决定）", form="both"),
            _m(
                "公司章程修正案",
                form="both",
                required=False,
                notes="变更事项涉及章程记载内容时提交",
            ),
            _m(
                "居民身份证",
                form="electronic",
                notes="法定代表人；变更法定代表人的为新任法定代表人",
            ),
            _m(
                "住所（经营场所）使用证明",
                form="both",
                required=False,
                tolerable=True,
                waivable=True,
                notes="变更住所时提交；可选择住所申报承诺",
            ),
            _m("授权委托书", required=False, notes="委托代理人办理时提交"),
        ],
        fields=[
            *_COMPANY,
            {"key": "change.items", "required": True},
            "change.after",
            {"key": "enterprise.address", "required": False},
        ],
        faq=[
            [
                "变更登记可以全程网办吗？",
                (
                    "可以。通过“秦务员”平台进入市场主体登记全程电子化系统申请，"
                    "相关人员完成实名认证和电子签名，核准后可下载电子营业执照，纸质执照免费邮寄。"
                ),
            ],
            [
                "变更后还要到税务、社保、公积金分别办理吗？",
                (
                    "不用。选择“企业信息变更一件事”一次申请，可同步办理印章刻制、"
                    "税控设备变更发行、社会保险登记变更和住房公积金缴存登记变更。"
                ),
            ],
        ],
        bundle="企业信息变更",
    ),
    _item(
        "企业印章刻制",
        "100300200000",
        "县公安局",
        limits=(1, 0),
        item_type="10",
        handling_type=1,
        service_objects=["2", "3", "4", "6"],
        themes=["enterprise_change", "enterprise_start"],
        legal_basis=(
            "《印铸刻字业暂行管理规则》；《国务院办公厅关于进一步优化营商环境更好服务市场主体的实"
            "施意见》（国办发〔2020〕24号）"
        ),
        conditions=(
            "已取得营业执照或法人登记证书的单位，因新设立、名称变更或印章损坏需要刻制印章，"
            "由单位自主选择备案的印章刻制企业刻制并备案。"
        ),
        result_name="印章刻制备案回执",
        high_frequency=True,
        materials=[
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("印章刻制申请表", form="both"),
            _m("居民身份证", form="both", notes="经办人"),
            _m("原印章", required=False, notes="因名称变更重新刻制的，缴回原印章"),
        ],
        fields=[*_COMPANY, "seal.types", "seal.maker"],
        faq=[
            [
                "新开办企业刻章要收费吗？",
                (
                    "我县新开办企业首套印章（公章、财务专用章、发票专用章、合同专用章、"
                    "法定代表人名章）由政府购买服务免费刻制。"
                ),
            ]
        ],
        bundle="企业信息变更",
    ),
    _item(
        "税控设备变更发行",
        "200600300000",
        "县税务局",
        limits=(1, 0),
        handling_type=1,
        service_objects=["2", "6"],
        themes=["tax", "enterprise_change"],
        legal_basis="《中华人民共和国税收征收管理法》第二十三条；《中华人民共和国发票管理办法》",
        conditions=(
            "已完成变更登记、税控设备登载的纳税人名称或税号等信息需要同步变更的纳税人；"
            "已开具的发票数据已全部上传。"
        ),
        result_name="税控设备变更发行结果",
        channels=["1", "2"],
        online_depth=3,
        visits=1,
        postal_delivery=False,
        materials=[
            _m("税务UKey或税控专用设备"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="经办人"),
        ],
        fields=[*_COMPANY, "tax.device_type"],
        faq=[
            [
                "已经使用数电发票的还需要变更发行吗？",
                (
                    "已全面使用数字化电子发票且未持有税控设备的纳税人无需办理，"
                    "变更信息由登记信息自动同步。"
                ),
            ]
        ],
        bundle="企业信息变更",
    ),
    _item(
        "社会保险登记变更",
        "200400400000",
        "县人社局",
        limits=(5, 0),
        handling_type=1,
        service_objects=["2", "3", "4", "6"],
        themes=["enterprise_change", "hr"],
        legal_basis="《中华人民共和国社会保险法》第五十七条；《社会保险费征缴暂行条例》第九条",
        conditions=(
            "已办理社会保险登记的用人单位，名称、住所、法定代表人或开户银行账号发生变更，"
            "自变更之日起30日内申请。"
        ),
        result_name="社会保险登记变更结果",
        high_frequency=True,
        materials=[
            _m("社会保险单位信息变更登记表", form="both"),
            _m("营业执照", form="electronic", notes="变更后的营业执照，通过电子证照库调取"),
            _m("居民身份证", form="both", notes="经办人"),
        ],
        fields=[*_COMPANY, {"key": "change.items", "required": True}],
        faq=[
            [
                "市场主体变更登记后社保信息会自动更新吗？",
                (
                    "通过“企业信息变更一件事”申请的，变更信息由县行政审批局推送县人社局，"
                    "无需重复填报。"
                ),
            ]
        ],
        bundle="企业信息变更",
    ),
    _item(
        "住房公积金企业缴存登记变更",
        "201600500000",
        "县住房公积金管理中心",
        limits=(3, 0),
        handling_type=1,
        service_objects=["2", "3", "4", "6"],
        themes=["enterprise_change", "hr"],
        legal_basis="《住房公积金管理条例》第十四条",
        conditions=(
            "已在宝鸡市住房公积金管理中心眉县管理部开户缴存的单位，名称、地址、"
            "法定代表人或经办人信息发生变更。"
        ),
        result_name="住房公积金单位登记变更结果",
        materials=[
            _m("住房公积金单位缴存登记变更表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="经办人"),
        ],
        fields=[*_COMPANY, "housing_fund.unit_account", {"key": "change.items", "required": True}],
        faq=[
            [
                "单位名称变更后职工的公积金账户会受影响吗？",
                "不会。变更只更新单位登记信息，职工个人账户和缴存记录保持不变。",
            ]
        ],
        bundle="企业信息变更",
    ),
    # ---- 2 开办运输企业“一件事” ----
    _item(
        "企业营业执照信息核验",
        "200700600000",
        "县行政审批局",
        competent="县市场监管局",
        limits=(1, 0),
        handling_type=1,
        service_objects=["2", "6"],
        themes=["permit", "transport"],
        legal_basis=(
            "《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》"
            "（国发〔2024〕3号）；《国务院办公厅关于加快推进电子证照扩大应用领域和全国互通互认的意"
            "见》（国办发〔2022〕3号）"
        ),
        conditions=(
            "申请道路货物运输经营许可或食品经营许可的经营者，由县行政审批局从电子证照库调取营业执"
            "照，核验登记状态为存续且经营范围包含申请事项。"
        ),
        result_name="营业执照核验结果",
        process=[
            ["受理", "县行政审批局", "window_clerk"],
            ["核验", "县行政审批局", "approver"],
        ],
        materials=[
            _m("营业执照", form="electronic", notes="通过电子证照库调取，申请人免于提交"),
        ],
        fields=["enterprise.name", "enterprise.uscc", "enterprise.legal_rep"],
        faq=[_FAQ_ONE_APPLICATION],
        bundle=["开办运输企业", "开办餐饮店"],
    ),
    _item(
        "企业车辆及驾驶员信息核验",
        "200300700000",
        "县公安局",
        limits=(1, 0),
        handling_type=1,
        service_objects=["2", "6"],
        themes=["transport"],
        legal_basis=(
            "《中华人民共和国道路交通安全法》第八条、第十九条；《国务院关于进一步优化政务服务提升"
            "行政效能推动“高效办成一件事”的指导意见》（国发〔2024〕3号）"
        ),
        conditions=(
            "申请道路货物运输经营许可的经营者，由县公安局通过数据共享核验拟投入车辆的登记、"
            "检验有效期和驾驶员机动车驾驶证状态。"
        ),
        result_name="车辆及驾驶员信息核验结果",
        materials=[
            _m("机动车行驶证", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("机动车驾驶证", form="electronic", notes="驾驶员，通过电子证照库调取"),
        ],
        fields=[
            "enterprise.name",
            "enterprise.uscc",
            "vehicle.plate_number",
            "driver.name",
            "driver.id_number",
        ],
        faq=[
            [
                "驾驶证记满12分的驾驶员能通过核验吗？",
                "不能。驾驶证状态为正常且在有效期内的驾驶员才能通过核验。",
            ]
        ],
        bundle="开办运输企业",
    ),
    _item(
        (
            "道路货物运输经营许可（危险货物道路运输经营、使用总质量4500千克及以下普通货运车辆从事"
            "普通货运经营的除外）"
        ),
        "011400800000",
        "县交通局",
        limits=(20, 5),
        item_type="01",
        service_objects=["1", "2", "6"],
        themes=["transport", "permit"],
        legal_basis=(
            "《中华人民共和国道路运输条例》第二十一条、第二十四条；《道路货物运输及站场管理规定》"
            "（交通运输部令）"
        ),
        conditions=(
            "已取得营业执照；有与经营业务相适应并经检验合格的车辆；驾驶人员取得相应的道路运输从业"
            "资格；有健全的安全生产管理制度。"
        ),
        result_name="道路运输经营许可证",
        result_licence_type="道路运输经营许可证",
        high_frequency=True,
        process=[
            ["受理", "县交通局", "window_clerk"],
            ["审查", "县交通局", "approver"],
            ["决定", "县交通局", "approver"],
        ],
        materials=[
            _m("道路货物运输经营申请表", form="both"),
            _m("营业执照", form="electronic", notes="由“企业营业执照信息核验”共享，免于提交"),
            _m("居民身份证", form="both", notes="负责人和经办人"),
            _m("机动车行驶证", form="electronic", notes="拟投入运输的车辆"),
            _m("机动车检验检测报告", form="both"),
            _m("道路运输从业资格证", form="electronic", notes="已聘用或拟聘用的驾驶人员"),
            _m("安全生产管理制度文本"),
            _m("授权委托书", required=False, notes="委托代理人办理时提交"),
        ],
        fields=[
            *_COMPANY,
            "enterprise.address",
            "transport.business_scope",
            "vehicle.count",
            "vehicle.plate_number",
        ],
        faq=[
            [
                "只有一辆4.5吨以下的轻型货车需要办理吗？",
                (
                    "不需要。使用总质量4500千克及以下普通货运车辆从事普通货运经营的，"
                    "无需申请道路运输经营许可和《道路运输证》。"
                ),
            ]
        ],
        bundle="开办运输企业",
    ),
    _item(
        "普通道路货物运输车辆《道路运输证》办理",
        "011400801000",
        "县交通局",
        limits=(20, 0),
        item_type="01",
        handling_type=1,
        service_objects=["1", "2", "6"],
        themes=["transport"],
        legal_basis=(
            "《中华人民共和国道路运输条例》第二十四条；《道路货物运输及站场管理规定》"
            "（交通运输部令）"
        ),
        conditions=(
            "已取得道路运输经营许可证（或与经营许可同时申请）；车辆总质量在4500千克以上，"
            "经检验合格且在检验有效期内，行驶证登记所有人为本经营者。"
        ),
        result_name="道路运输证",
        result_licence_type="道路运输证",
        high_frequency=True,
        materials=[
            _m("道路运输证配发申请表", form="both"),
            _m("道路运输经营许可证", form="electronic", notes="同时申请经营许可的免于提交"),
            _m("机动车行驶证", form="electronic"),
            _m("机动车检验检测报告", form="both"),
        ],
        fields=[
            "enterprise.name",
            "enterprise.uscc",
            "vehicle.plate_number",
            "vehicle.type",
            "vehicle.total_mass_kg",
            "vehicle.vin",
        ],
        faq=[
            [
                "《道路运输证》还需要年审吗？",
                (
                    "不再单独年审。车辆按规定完成安全技术检验和综合性能检测后，"
                    "检验信息通过数据共享更新。"
                ),
            ]
        ],
        bundle="开办运输企业",
    ),
    # ---- 3 开办餐饮店“一件事” ----
    _item(
        "食品经营许可",
        "010700900000",
        "县市场监管局",
        limits=(10, 5),
        item_type="01",
        service_objects=["2", "6"],
        themes=["permit"],
        legal_basis=(
            "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》"
            "（国家市场监督管理总局令第78号）"
        ),
        conditions=(
            "已取得营业执照；具有与经营的食品品种、数量相适应的经营场所和设备设施，"
            "经营场所与有毒、有害场所和污染源保持规定距离；配备食品安全管理人员，"
            "建立保证食品安全的规章制度。"
        ),
        result_name="食品经营许可证",
        result_licence_type="食品经营许可证",
        high_frequency=True,
        tolerant_acceptance=True,
        special_procedures=[["现场勘验", 5]],
        materials=[
            _m("食品经营许可申请书", form="both"),
            _m("营业执照", form="electronic", notes="由“企业营业执照信息核验”共享，免于提交"),
            _m("居民身份证", form="both", notes="法定代表人（负责人）"),
            _m("食品经营设备设施布局及操作流程文件", form="both"),
            _m(
                "食品安全管理制度目录清单",
                form="both",
                tolerable=True,
                notes="可容缺，5个工作日内补交",
            ),
            _m("授权委托书", required=False, notes="委托代理人办理时提交"),
        ],
        fields=[
            *_COMPANY,
            "business.premises_address",
            "premises.area",
            "food.business_category",
            "food.business_items",
            "food.safety_manager",
        ],
        faq=[
            [
                "只卖预包装食品也要办食品经营许可证吗？",
                "不需要许可。仅销售预包装食品的，向县市场监管局办理备案即可。",
            ],
            [
                "食品经营许可证有效期多久？",
                "有效期为5年，期满需要继续经营的，应在期满前90个工作日至15个工作日期间申请延续。",
            ],
        ],
        bundle="开办餐饮店",
    ),
    _item(
        "户外招牌设施设置审批",
        "011701000000",
        "县城管执法局",
        limits=(20, 5),
        item_type="01",
        service_objects=["1", "2", "6"],
        themes=["permit"],
        legal_basis="《城市市容和环境卫生管理条例》第十一条；"
        "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）",
        conditions=(
            "招牌设置位置、尺寸、材质符合眉县户外招牌设置规范，一店一招，不遮挡建筑主体、"
            "消防通道和公共设施，结构安全牢固。"
        ),
        result_name="户外招牌设施设置审批决定书",
        tolerant_acceptance=True,
        special_procedures=[["现场勘验", 3]],
        materials=[
            _m("户外招牌设施设置申请表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("招牌设计效果图", form="both", notes="标明尺寸、材质、安装位置和固定方式"),
            _m(
                "住所（经营场所）使用证明",
                form="both",
                tolerable=True,
                notes="可容缺，审批决定作出前补交",
            ),
        ],
        fields=[
            *_COMPANY,
            "business.premises_address",
            "signboard.text",
            "signboard.size",
            "signboard.material",
        ],
        faq=[
            [
                "招牌设置有没有统一样式？",
                (
                    "按照眉县户外招牌设置规范执行，同一建筑立面招牌的高度、底边线和色调保持协调，"
                    "窗口可提供样式参考图。"
                ),
            ]
        ],
        bundle="开办餐饮店",
    ),
    _item(
        "公众聚集场所投入使用、营业前消防安全检查",
        "011801100000",
        "县消防救援大队",
        limits=(10, 5),
        item_type="01",
        service_objects=["1", "2", "3", "6"],
        themes=["permit"],
        legal_basis=(
            "《中华人民共和国消防法》第十五条；《公众聚集场所投入使用、营业消防安全检查规则》"
        ),
        conditions=(
            "宾馆、饭店、商场、集贸市场、餐饮场所、歌舞娱乐场所等公众聚集场所投入使用、营业前，"
            "场所符合消防技术标准和管理规定，依法需要消防验收或备案的建设工程已通过验收或备案抽查"
            "。"
        ),
        result_name="公众聚集场所投入使用、营业前消防安全检查合格证",
        result_licence_type="公众聚集场所投入使用、营业前消防安全检查合格证",
        high_frequency=True,
        materials=[
            _m("公众聚集场所投入使用、营业前消防安全检查申请表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="法定代表人（负责人）"),
            _m("场所消防安全制度、灭火和应急疏散预案", form="both"),
            _m("场所平面布置图", form="both", notes="标明疏散通道、安全出口和消防设施位置"),
            _m(
                "建设工程消防验收意见书或备案凭证",
                form="electronic",
                required=False,
                notes="依法需要消防验收或备案的建设工程提交，可通过数据共享获取",
            ),
        ],
        fields=[
            *_COMPANY,
            "venue.name",
            "business.premises_address",
            "venue.type",
            "venue.area",
            "venue.max_occupancy",
        ],
        faq=[
            [
                "消防安全检查需要现场检查吗？",
                (
                    "需要。消防救援大队在受理后10个工作日内安排2名以上人员到场检查，"
                    "检查合格的发放合格证。"
                ),
            ]
        ],
        bundle="开办餐饮店",
    ),
    # ---- 4 水电气网联合报装“一件事” ----
    _item(
        "水电气网接入外线工程联合审批",
        "011201200000",
        "县住建局",
        joint_departments=["县自然资源局", "县交通局"],
        limits=(20, 5),
        item_type="01",
        service_objects=["1", "2", "3", "6"],
        themes=["utilities", "construction"],
        legal_basis=(
            "《城市道路管理条例》第三十条、第三十三条；《中华人民共和国公路法》第四十四条、"
            "第四十五条；《城市绿化条例》第二十条；《国务院办公厅关于全面开展工程建设项目审批制度"
            "改革的实施意见》（国办发〔2019〕11号）"
        ),
        conditions=(
            "供电、供水、排水、燃气、通信接入外线工程需要占用、挖掘城市道路或公路、"
            "临时占用绿地的，施工方案和施工期限已确定，由用户或公用企业一次申报，占道挖掘、"
            "涉路施工、绿地占用并联审批。"
        ),
        result_name="水电气网接入外线工程联合审批意见书",
        high_frequency=True,
        tolerant_acceptance=True,
        process=[
            ["受理", "县住建局", "window_clerk"],
            ["并联审查", "县自然资源局", "approver"],
            ["并联审查", "县交通局", "approver"],
            ["联合决定", "县住建局", "approver"],
        ],
        materials=[
            _m("水电气网接入外线工程联合审批申请表", form="both"),
            _m(
                "营业执照",
                form="electronic",
                required=False,
                notes="申请人为单位的，通过电子证照库调取",
            ),
            _m("接入工程施工方案及管线路由图", form="both"),
            _m("交通组织和安全防护方案", form="both"),
            _m("占用挖掘道路修复承诺书", form="both", tolerable=True, notes="可容缺，开工前补交"),
        ],
        fields=[
            "applicant.name",
            "applicant.phone",
            {"key": "enterprise.name", "required": False},
            {"key": "enterprise.uscc", "required": False},
            "utility.project_name",
            "utility.address",
            "utility.services",
            "utility.pipeline_length",
            "utility.road_occupation",
            "utility.start_date",
            "utility.end_date",
        ],
        faq=[
            _FAQ_ONE_APPLICATION,
            [
                "联合审批要多长时间？",
                "材料齐全的，占道挖掘、涉路施工和绿地占用并联审查，5个工作日内作出联合审批决定。",
            ],
        ],
        bundle="水电气网联合报装",
    ),
    _item(
        "供电报装",
        "201501300000",
        "县发改局",
        limits=(15, 5),
        limit_note=(
            "低压小微企业实行“三零”服务（零上门、零审批、零投资）；高压用户按供电方案答复时限执行"
        ),
        service_objects=["1", "2", "3", "4", "6"],
        themes=["utilities"],
        legal_basis=(
            "《中华人民共和国电力法》第二十六条；《电力供应与使用条例》；《供电营业规则》；"
            "《国家发展改革委 国家能源局关于全面提升“获得电力”服务水平 持续优化用电营商环境的意见"
            "》（发改能源规〔2020〕1479号）"
        ),
        conditions=(
            "在眉县供电营业区内新装或增容用电的单位和个人，用电地址明确，用电设施具备接电条件。"
        ),
        result_name="供电接电结果",
        high_frequency=True,
        process=[
            ["受理", "县发改局", "window_clerk"],
            ["推送供电企业勘查接电", "县发改局", "approver"],
            ["办结", "县发改局", "approver"],
        ],
        materials=[
            _m("用电报装申请表", form="both"),
            _m("居民身份证", form="electronic", required=False, notes="个人用户"),
            _m("营业执照", form="electronic", required=False, notes="单位用户"),
            _m("不动产权证书", form="electronic", required=False, notes="用电地址为自有房屋的"),
            _m("房屋租赁合同", form="both", required=False, notes="用电地址为租赁房屋的"),
        ],
        fields=[
            "applicant.name",
            "applicant.phone",
            {"key": "enterprise.name", "required": False},
            {"key": "enterprise.uscc", "required": False},
            "utility.address",
            "utility.power_voltage",
            "utility.power_capacity_kva",
        ],
        faq=[
            [
                "小微企业低压接电要花钱吗？",
                (
                    "160千瓦及以下的小微企业低压接电，用户规划红线外的供电工程由供电企业投资建设，"
                    "用户无需承担。"
                ),
            ]
        ],
        bundle="水电气网联合报装",
    ),
    _item(
        "燃气报装",
        "201201400000",
        "县住建局",
        limits=(15, 5),
        service_objects=["1", "2", "3", "4", "6"],
        themes=["utilities"],
        legal_basis=(
            "《城镇燃气管理条例》（国务院令第583号）；《国务院办公厅关于全面开展工程建设项目审批制"
            "度改革的实施意见》（国办发〔2019〕11号）"
        ),
        conditions="在眉县管道燃气供气范围内，用气地址具备安装条件的居民、商业和工业用户。",
        result_name="燃气通气结果",
        high_frequency=True,
        process=[
            ["受理", "县住建局", "window_clerk"],
            ["推送供气企业勘查通气", "县住建局", "approver"],
            ["办结", "县住建局", "approver"],
        ],
        materials=[
            _m("燃气报装申请表", form="both"),
            _m("居民身份证", form="electronic", required=False, notes="个人用户"),
            _m("营业执照", form="electronic", required=False, notes="单位用户"),
            _m("不动产权证书", form="electronic", required=False, notes="用气地址为自有房屋的"),
            _m("用气场所平面布置图", form="both", required=False, notes="商业、工业用户提交"),
        ],
        fields=[
            "applicant.name",
            "applicant.phone",
            {"key": "enterprise.name", "required": False},
            "utility.address",
            "utility.gas_usage",
        ],
        faq=[
            [
                "通气前需要做安全检查吗？",
                "需要。供气企业在通气前入户检查燃气设施和安全距离，并进行安全用气告知。",
            ]
        ],
        bundle="水电气网联合报装",
    ),
    _item(
        "供排水报装",
        "201901500000",
        "县水利局",
        joint_departments=["县住建局"],
        limits=(15, 5),
        service_objects=["1", "2", "3", "4", "6"],
        themes=["utilities"],
        legal_basis="《城市供水条例》；《城镇排水与污水处理条例》第二十一条",
        conditions=(
            "在眉县公共供水管网覆盖范围内新装或增容用水、需接入城镇排水管网的单位和个人；"
            "排放污水的企业事业单位和个体工商户按规定取得排水许可。"
        ),
        result_name="供排水接入结果",
        high_frequency=True,
        process=[
            ["受理", "县水利局", "window_clerk"],
            ["推送供水企业勘查接水", "县水利局", "approver"],
            ["排水接入审核", "县住建局", "approver"],
            ["办结", "县水利局", "approver"],
        ],
        materials=[
            _m("供排水报装申请表", form="both"),
            _m("居民身份证", form="electronic", required=False, notes="个人用户"),
            _m("营业执照", form="electronic", required=False, notes="单位用户"),
            _m("不动产权证书", form="electronic", required=False, notes="用水地址为自有房屋的"),
            _m("用水设施平面图", form="both", required=False, notes="非居民用户提交"),
        ],
        fields=[
            "applicant.name",
            "applicant.phone",
            {"key": "enterprise.name", "required": False},
            "utility.address",
            "utility.water_usage",
            "utility.drainage",
        ],
        faq=[
            [
                "接水和接入排水管网要分开申请吗？",
                "不用。供排水报装一次申请，排水接入由县住建局同步审核。",
            ]
        ],
        bundle="水电气网联合报装",
    ),
    _item(
        "通信报装",
        "202001600000",
        "县商务和工业信息化局",
        limits=(10, 3),
        service_objects=["1", "2", "3", "4", "6"],
        themes=["utilities"],
        legal_basis=(
            "《中华人民共和国电信条例》（国务院令第291号）；《国务院办公厅关于全面开展工程建设项目"
            "审批制度改革的实施意见》（国办发〔2019〕11号）"
        ),
        conditions="需要开通宽带、固定电话或数据专线的单位和个人，安装地址在通信网络覆盖范围内。",
        result_name="通信业务开通结果",
        process=[
            ["受理", "县商务和工业信息化局", "window_clerk"],
            ["推送通信运营商勘查开通", "县商务和工业信息化局", "approver"],
            ["办结", "县商务和工业信息化局", "approver"],
        ],
        materials=[
            _m("宽带通信报装申请表", form="both"),
            _m("居民身份证", form="electronic", required=False, notes="个人用户"),
            _m("营业执照", form="electronic", required=False, notes="单位用户"),
        ],
        fields=[
            "applicant.name",
            "applicant.phone",
            {"key": "enterprise.name", "required": False},
            "utility.address",
            "utility.telecom_service",
        ],
        faq=[
            [
                "可以选择哪家运营商？",
                (
                    "申请时可自主选择中国电信、中国移动、中国联通或中国广电，"
                    "由所选运营商上门勘查安装。"
                ),
            ]
        ],
        bundle="水电气网联合报装",
    ),
    # ---- 5 信用修复“一件事” ----
    _item(
        "失信信息信用修复指引服务",
        "201501700000",
        "县发改局",
        limits=(1, 0),
        handling_type=1,
        service_objects=["1", "2", "3", "4", "6"],
        themes=["credit"],
        legal_basis=(
            "《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展和改革委员会令第58号）；"
            "《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》"
            "（国办发〔2020〕49号）"
        ),
        conditions=(
            "在“信用中国”网站或地方信用网站公示有行政处罚、经营异常名录或严重失信主体名单信息的经"
            "营主体，可申请一次性告知修复条件、修复方式、申请材料和办理部门。"
        ),
        result_name="信用修复一次性告知书",
        process=[
            ["受理", "县发改局", "window_clerk"],
            ["出具告知书", "县发改局", "window_clerk"],
        ],
        materials=[
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
        ],
        fields=[*_COMPANY, "credit.record_type"],
        faq=[
            [
                "不同类型的失信信息分别找哪个部门修复？",
                "行政处罚信息向“信用中国”网站或作出处罚的部门申请，经营异常名录向县市场监管局申请，"
                "严重失信主体名单向认定部门申请；通过“信用修复一件事”可一次提交，由县发改局分派。",
            ]
        ],
        bundle="信用修复",
    ),
    _item(
        "行政处罚信息信用修复",
        "101501800000",
        "县发改局",
        joint_departments=["县市场监管局"],
        limits=(5, 3),
        item_type="10",
        service_objects=["1", "2", "3", "4", "6"],
        themes=["credit"],
        legal_basis=(
            "《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展和改革委员会令第58号）；"
            "《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》"
            "（国办发〔2020〕49号）"
        ),
        conditions=(
            "行政处罚信息在“信用中国”网站的最短公示期已满，已履行行政处罚决定规定的义务、"
            "纠正违法行为并主动消除不良影响，最短公示期内未受到同一处罚机关的同类行政处罚。"
        ),
        result_name="信用修复决定",
        high_frequency=True,
        materials=[
            _m("信用修复申请书", form="both"),
            _m("守信承诺书", form="both"),
            _m("行政处罚决定书", form="both"),
            _m("罚款缴纳凭证", form="both", notes="已通过非税收入缴款系统核验的免于提交"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
        ],
        fields=[
            *_COMPANY,
            "credit.record_type",
            "credit.decision_number",
            "credit.decision_authority",
            "credit.rectification",
        ],
        faq=[
            [
                "修复后原来的处罚记录会删除吗？",
                (
                    "修复后“信用中国”网站和地方信用网站停止公示该条行政处罚信息，"
                    "作出处罚的部门仍按规定保存档案。"
                ),
            ]
        ],
        bundle="信用修复",
    ),
    _item(
        "市场监管领域行政处罚信息信用修复",
        "100701900000",
        "县市场监管局",
        limits=(15, 5),
        item_type="10",
        service_objects=["1", "2", "3", "4", "6"],
        themes=["credit"],
        legal_basis=(
            "《市场监督管理信用修复管理办法》（国市监信规〔2021〕3号）；《企业信息公示暂行条例》"
        ),
        conditions=(
            "在国家企业信用信息公示系统公示的市场监管领域行政处罚信息已满《市场监督管理信用修复管"
            "理办法》规定的最短公示期，已履行行政处罚决定规定的义务并已纠正违法行为。"
        ),
        result_name="信用修复决定书",
        materials=[
            _m("信用修复申请书", form="both"),
            _m("守信承诺书", form="both"),
            _m("行政处罚决定书", form="both"),
            _m("罚款缴纳凭证", form="both", notes="已通过非税收入缴款系统核验的免于提交"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
        ],
        fields=[*_COMPANY, "credit.decision_number", "credit.rectification"],
        faq=[
            [
                "市场监管部门修复后还要再到“信用中国”申请吗？",
                "不用。县市场监管局作出修复决定后，修复结果同步推送“信用中国”网站。",
            ]
        ],
        bundle="信用修复",
    ),
    _item(
        "经营异常名录信息修复（申请移出经营异常名录）",
        "100702000000",
        "县市场监管局",
        limits=(5, 3),
        item_type="10",
        service_objects=["2", "6"],
        themes=["credit"],
        legal_basis=(
            "《企业信息公示暂行条例》第十七条；《企业经营异常名录管理暂行办法》"
            "（国家工商行政管理总局令第68号）；《市场监督管理信用修复管理办法》"
            "（国市监信规〔2021〕3号）"
        ),
        conditions=(
            "因未按期公示年度报告、未按规定公示即时信息、公示信息隐瞒真实情况或弄虚作假、"
            "通过登记的住所无法联系被列入经营异常名录的企业，已补报年度报告、更正公示信息，"
            "或已办理住所变更登记、恢复联系。"
        ),
        result_name="移出经营异常名录决定书",
        high_frequency=True,
        materials=[
            _m("移出经营异常名录申请书", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="经办人"),
            _m(
                "住所（经营场所）使用证明",
                form="both",
                required=False,
                notes="因通过登记的住所无法联系被列入的提交",
            ),
        ],
        fields=[*_COMPANY, "credit.abnormal_reason"],
        faq=[
            [
                "补报年报后会自动移出经营异常名录吗？",
                "不会自动移出。补报后需提交移出申请，县市场监管局核实后5个工作日内作出移出决定。",
            ]
        ],
        bundle="信用修复",
    ),
    _item(
        "严重失信主体名单信息修复",
        "101502100000",
        "县发改局",
        limits=(15, 10),
        item_type="10",
        service_objects=["1", "2", "3", "4", "6"],
        themes=["credit"],
        legal_basis=(
            "《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展和改革委员会令第58号）；"
            "《国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见》"
            "（国办发〔2020〕49号）"
        ),
        conditions=(
            "被列入严重失信主体名单满认定部门规定的最短期限，已履行失信行为所涉法定义务、"
            "纠正失信行为，完成信用修复专题培训并提交信用报告。"
        ),
        result_name="严重失信主体名单移出决定",
        materials=[
            _m("信用修复申请书", form="both"),
            _m("守信承诺书", form="both"),
            _m("信用修复培训证明", form="electronic"),
            _m("信用报告", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
        ],
        fields=[
            *_COMPANY,
            "credit.decision_number",
            "credit.decision_authority",
            "credit.rectification",
        ],
        faq=[
            [
                "信用修复培训在哪里参加？",
                "可登录“信用中国”网站参加线上信用修复专题培训，完成后在线生成培训证明。",
            ]
        ],
        bundle="信用修复",
    ),
    # ---- 8 企业注销登记“一件事” ----
    _item(
        "税务注销（清税证明办理）",
        "200604700000",
        "县税务局",
        limits=(20, 0),
        handling_type=1,
        limit_note="未领用发票、无欠税（滞纳金）及罚款的纳税人即时出具清税文书；"
        "符合承诺制容缺办理条件的，作出承诺后当场出具",
        service_objects=["2", "6"],
        themes=["exit", "tax"],
        legal_basis=(
            "《中华人民共和国税收征收管理法》第十六条；《中华人民共和国税收征收管理法实施细则》"
            "第十五条；《国家税务总局关于深化“放管服”改革 更大力度推进优化税务注销办理程序工作的通"
            "知》（税总发〔2019〕64号）"
        ),
        conditions="拟办理注销登记的纳税人，已结清应纳税款、滞纳金和罚款，已缴销发票和税控设备；"
        "未结清事项符合承诺制容缺办理条件的，可作出承诺后先行出具清税文书。",
        result_name="清税证明",
        result_licence_type="清税证明",
        high_frequency=True,
        tolerant_acceptance=True,
        materials=[
            _m("清税申报表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="经办人"),
            _m(
                "税务UKey或税控专用设备",
                required=False,
                tolerable=True,
                notes="已领用的需缴销；可容缺，承诺期限内补办",
            ),
            _m(
                "空白发票",
                required=False,
                tolerable=True,
                notes="已领用未使用的纸质发票需缴销；可容缺，承诺期限内补办",
            ),
        ],
        fields=[*_COMPANY, "exit.reason"],
        faq=[
            [
                "什么是承诺制容缺办理？",
                (
                    "纳税信用级别为A级或B级等符合条件的纳税人，未办结发票缴销等事项的，"
                    "作出承诺后可即时出具清税文书，按承诺时限补办。"
                ),
            ]
        ],
        bundle="企业注销登记",
    ),
    _item(
        "企业注销登记",
        "010704800000",
        "县行政审批局",
        competent="县市场监管局",
        limits=(3, 1),
        item_type="01",
        service_objects=["2", "6"],
        themes=["exit"],
        legal_basis=(
            "《中华人民共和国公司法》第二百三十九条、第二百四十条；《中华人民共和国市场主体登记管"
            "理条例》第三十一条、第三十三条"
        ),
        conditions="企业已依法完成清算（适用简易注销的，未发生债权债务或已将债权债务清偿完结）；"
        "已取得清税证明或通过数据共享核验无未结清税款；未处于被立案调查、股权被冻结或出质状态。",
        result_name="准予注销登记通知书",
        high_frequency=True,
        process=[
            ["受理", "县行政审批局", "window_clerk"],
            ["审查", "县行政审批局", "approver"],
            ["核准", "县行政审批局", "approver"],
        ],
        materials=[
            _m("企业注销登记申请书", form="both"),
            _m(
                "清算报告",
                form="both",
                required=False,
                notes="一般注销提交，经股东会或人民法院确认",
            ),
            _m("全体投资人承诺书", form="both", required=False, notes="简易注销提交"),
            _m("清税证明", form="electronic", notes="通过税务部门共享获取的免于提交"),
            _m("营业执照", notes="缴回营业执照正、副本；电子营业执照同步作废"),
        ],
        fields=[*_COMPANY, "exit.reason", "exit.procedure"],
        faq=[
            [
                "简易注销需要公示多久？",
                (
                    "简易注销需通过国家企业信用信息公示系统公示20日，公示期内无异议的，"
                    "可申请简易注销登记。"
                ),
            ],
            _FAQ_ONE_APPLICATION,
        ],
        bundle="企业注销登记",
    ),
    _item(
        "注销社会保险登记",
        "200404900000",
        "县人社局",
        limits=(5, 0),
        handling_type=1,
        service_objects=["2", "3", "4", "6"],
        themes=["exit", "hr"],
        legal_basis="《中华人民共和国社会保险法》第五十七条；《社会保险费征缴暂行条例》第九条",
        conditions=(
            "用人单位依法终止或不再具有缴纳社会保险费义务，已结清应缴社会保险费、滞纳金和罚款，"
            "职工社会保险关系已转移或终止。"
        ),
        result_name="社会保险注销登记结果",
        materials=[
            _m("单位社会保险注销登记表", form="both"),
            _m("准予注销登记通知书", form="electronic", notes="通过数据共享获取的免于提交"),
            _m("居民身份证", form="both", notes="经办人"),
        ],
        fields=[*_COMPANY, "exit.reason"],
        faq=[
            [
                "单位还有欠缴社保费能注销吗？",
                (
                    "不能。需先结清欠缴的社会保险费、滞纳金和罚款，并为职工办理社会保险关系转移或"
                    "终止。"
                ),
            ]
        ],
        bundle="企业注销登记",
    ),
    _item(
        "企业印章注销",
        "100305000000",
        "县公安局",
        limits=(1, 0),
        item_type="10",
        handling_type=1,
        service_objects=["2", "3", "4", "6"],
        themes=["exit"],
        legal_basis=(
            "《印铸刻字业暂行管理规则》；《国务院办公厅关于进一步优化营商环境更好服务市场主体的实"
            "施意见》（国办发〔2020〕24号）"
        ),
        conditions=(
            "已办理注销登记或因名称变更、印章损坏需要停止使用原印章的单位，"
            "缴回已备案的印章并注销备案信息。"
        ),
        result_name="印章注销备案回执",
        materials=[
            _m("原印章", notes="缴回全部已备案印章；遗失的，经办人现场说明情况"),
            _m(
                "准予注销登记通知书",
                form="electronic",
                required=False,
                notes="因企业注销缴销印章时，通过数据共享获取",
            ),
            _m("居民身份证", form="both", notes="经办人"),
        ],
        fields=[*_COMPANY, "seal.types"],
        faq=[
            [
                "印章遗失了怎么注销？",
                "经办人到窗口现场说明遗失情况并签字确认，注销备案信息后，原印章即作废。",
            ]
        ],
        bundle="企业注销登记",
    ),
]


# ---- 6 企业上市合法合规信息核查 / 7 企业破产信息核查：each department checks its own records ----

_LISTING = "企业上市合法合规信息核查"
_BANKRUPTCY = "企业破产信息核查"
_GUIDANCE = (
    "《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》（国发〔2024〕3号）"
)
_BANKRUPTCY_LAW = "《中华人民共和国企业破产法》第二十五条"

_LISTING_FIELDS = [*_COMPANY, "check.purpose", "check.period_start", "check.period_end"]
_BANKRUPTCY_FIELDS = [
    "bankruptcy.case_number",
    "bankruptcy.administrator",
    "enterprise.name",
    "enterprise.uscc",
    "agent.name",
    "agent.phone",
]


def _listing_check(name: str, code: str, department: str, law: str) -> dict[str, Any]:
    return _item(
        name,
        code,
        department,
        limits=(10, 5),
        service_objects=["2"],
        themes=["compliance"],
        legal_basis=f"{_GUIDANCE}；{law}",
        conditions=(
            "拟申请首次公开发行股票并上市、再融资或并购重组的企业，向县发改局提交核查申请后，"
            "由本部门核查企业在申请的核查期间内本领域有无行政处罚和违法违规记录。"
        ),
        result_name="企业无违法违规信息核查结果",
        process=[
            ["受理", "县发改局", "window_clerk"],
            ["核查", department, "approver"],
            ["汇总送达", "县发改局", "approver"],
        ],
        materials=[
            _m("企业上市合法合规信息核查申请表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("授权委托书", required=False, notes="委托中介机构代为申请时提交"),
        ],
        fields=list(_LISTING_FIELDS),
        faq=[
            [
                "核查结果可以代替各部门的无违法违规证明吗？",
                (
                    "可以。县发改局汇总各部门核查结果后出具的核查报告，可替代企业分别到各部门开具"
                    "的无违法违规证明。"
                ),
            ],
            _FAQ_ONE_APPLICATION,
        ],
        bundle=_LISTING,
    )


def _bankruptcy_check(
    name: str, code: str, department: str, joint: list[str], result: str, competent: str = ""
) -> dict[str, Any]:
    return _item(
        name,
        code,
        department,
        competent=competent,
        joint_departments=list(joint),
        limits=(10, 5),
        service_objects=["2", "6"],
        themes=["exit", "compliance"],
        legal_basis=f"{_BANKRUPTCY_LAW}；{_GUIDANCE}",
        conditions="人民法院受理破产申请并指定管理人后，管理人通过县法院统一提出核查申请，"
        "由本部门核查债务人企业在本部门登记的信息并书面反馈。",
        result_name=result,
        process=[
            ["受理", "县法院", "window_clerk"],
            ["核查", department, "approver"],
            ["汇总送达", "县法院", "approver"],
        ],
        materials=[
            _m("人民法院指定管理人决定书", form="both"),
            _m("企业破产信息核查申请表", form="both"),
            _m("居民身份证", form="both", notes="管理人经办人"),
        ],
        fields=list(_BANKRUPTCY_FIELDS),
        faq=[
            [
                "管理人需要分别到各部门查询吗？",
                (
                    "不需要。管理人向县法院一次提交核查申请，县法院分派各部门并联核查，"
                    "5个工作日内汇总反馈。"
                ),
            ]
        ],
        bundle=_BANKRUPTCY,
    )


_CHECK_ITEMS: list[dict[str, Any]] = [
    _item(
        "企业上市合法合规信息核查申请",
        "201502200000",
        "县发改局",
        limits=(15, 10),
        service_objects=["2"],
        themes=["compliance"],
        legal_basis=f"{_GUIDANCE}；《优化营商环境条例》（国务院令第722号）",
        conditions=(
            "在我县登记的拟上市企业，为首次公开发行股票并上市、再融资或并购重组需要证明其合法合规"
            "经营的，向县发改局一次提交核查申请，由县发改局分派各部门核查、汇总结果并送达。"
        ),
        result_name="企业上市合法合规信息核查报告",
        process=[
            ["受理", "县发改局", "window_clerk"],
            ["分派核查", "县发改局", "dept_admin"],
            ["汇总送达", "县发改局", "approver"],
        ],
        materials=[
            _m("企业上市合法合规信息核查申请表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("授权委托书", required=False, notes="委托中介机构代为申请时提交"),
        ],
        fields=[*_LISTING_FIELDS, "check.report_delivery"],
        faq=[
            _FAQ_ONE_APPLICATION,
            [
                "核查报告多久能拿到？",
                "各部门5个工作日内完成核查，县发改局汇总后10个工作日内送达核查报告。",
            ],
        ],
        bundle=_LISTING,
    ),
    _listing_check(
        "企业城市管理领域无违法违规信息核查",
        "201702300000",
        "县城管执法局",
        "《城市市容和环境卫生管理条例》",
    ),
    _listing_check(
        "企业规划自然资源领域无违法违规信息核查",
        "201302400000",
        "县住建局",
        "《中华人民共和国城乡规划法》；《中华人民共和国土地管理法》",
    ),
    _listing_check(
        "企业违反劳动保障法律法规信息核查",
        "200402500000",
        "县人社局",
        "《劳动保障监察条例》（国务院令第423号）",
    ),
    _listing_check(
        "企业生态环境保护领域无违法违规信息核查",
        "202102600000",
        "县生态环境局",
        "《中华人民共和国环境保护法》",
    ),
    _listing_check(
        "企业市场监管领域无违法违规信息核查",
        "200702700000",
        "县市场监管局",
        "《企业信息公示暂行条例》",
    ),
    _listing_check(
        "企业卫生和人员健康领域无违法违规信息核查",
        "200802800000",
        "县卫健局",
        "《中华人民共和国基本医疗卫生与健康促进法》",
    ),
    _listing_check(
        "企业文化和旅游市场领域无违法违规信息核查",
        "202202900000",
        "县文旅局",
        "《中华人民共和国旅游法》",
    ),
    _listing_check(
        "企业应急管理领域无违法违规信息核查",
        "202303000000",
        "县应急管理局",
        "《中华人民共和国安全生产法》",
    ),
    _listing_check(
        "企业住房、工程建设领域无违法违规信息核查",
        "201203100000",
        "县住建局",
        "《中华人民共和国建筑法》；《建设工程质量管理条例》",
    ),
    _item(
        "企业人员住房公积金缴存信息核查",
        "201603200000",
        "县住房公积金管理中心",
        limits=(10, 5),
        service_objects=["2", "6"],
        themes=["compliance", "exit"],
        legal_basis=f"《住房公积金管理条例》第十五条；{_BANKRUPTCY_LAW}；{_GUIDANCE}",
        conditions="企业上市合法合规信息核查由县发改局、企业破产信息核查由县法院统一受理后分派，"
        "本中心核查企业为职工开户、缴存和欠缴住房公积金的情况。",
        result_name="住房公积金缴存情况核查结果",
        materials=[
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m(
                "企业上市合法合规信息核查申请表",
                form="both",
                required=False,
                notes="上市核查时提交",
            ),
            _m("人民法院指定管理人决定书", form="both", required=False, notes="破产核查时提交"),
        ],
        fields=[
            "enterprise.name",
            "enterprise.uscc",
            "agent.name",
            "agent.phone",
            {"key": "check.purpose", "required": False},
            {"key": "bankruptcy.case_number", "required": False},
        ],
        faq=[
            [
                "核查结果会列明欠缴金额吗？",
                "会。核查结果列明缴存职工人数、缴存起止年月和欠缴月数、欠缴金额。",
            ]
        ],
        bundle=[_LISTING, _BANKRUPTCY],
    ),
    _listing_check(
        "企业科技领域无违法违规信息核查",
        "202003300000",
        "县商务和工业信息化局",
        "《中华人民共和国科学技术进步法》",
    ),
    _listing_check(
        "企业交通运输领域无违法违规信息核查",
        "201403400000",
        "县交通局",
        "《中华人民共和国道路运输条例》",
    ),
    _listing_check(
        "企业合法纳税情况无违法违规信息核查",
        "200603500000",
        "县税务局",
        "《中华人民共和国税收征收管理法》",
    ),
    _listing_check(
        "企业知识产权领域无违法违规信息核查",
        "200703600000",
        "县市场监管局",
        "《中华人民共和国专利法》；《中华人民共和国商标法》",
    ),
    _listing_check(
        "企业水资源保护领域无违法违规信息核查",
        "201903700000",
        "县水利局",
        "《中华人民共和国水法》",
    ),
    _listing_check(
        "企业消防安全无违法违规信息核查",
        "201803800000",
        "县消防救援大队",
        "《中华人民共和国消防法》",
    ),
    # ---- 7 企业破产信息核查 ----
    _item(
        "企业破产信息核查申请",
        "202403900000",
        "县法院",
        limits=(15, 10),
        service_objects=["2", "6"],
        themes=["exit", "compliance"],
        legal_basis=f"{_BANKRUPTCY_LAW}；{_GUIDANCE}",
        conditions=(
            "县法院受理破产申请并指定管理人后，管理人为调查债务人财产状况，一次提交车辆、不动产、"
            "社保、医保、公积金、纳税和登记信息核查申请，由县法院分派、汇总并送达。"
        ),
        result_name="企业破产信息核查汇总结果",
        process=[
            ["受理", "县法院", "window_clerk"],
            ["分派核查", "县法院", "dept_admin"],
            ["汇总送达", "县法院", "approver"],
        ],
        materials=[
            _m("人民法院指定管理人决定书", form="both"),
            _m("企业破产信息核查申请表", form="both"),
            _m("居民身份证", form="both", notes="管理人经办人"),
        ],
        fields=[*_BANKRUPTCY_FIELDS, "check.report_delivery"],
        faq=[
            [
                "非本县法院受理的破产案件能申请吗？",
                (
                    "可以。外地法院指定的管理人持指定管理人决定书，可向县法院申请核查债务人在我县"
                    "的信息。"
                ),
            ]
        ],
        bundle=_BANKRUPTCY,
    ),
    _bankruptcy_check(
        "企业车辆信息核查", "200304000000", "县公安局", [], "企业名下机动车登记信息核查结果"
    ),
    _bankruptcy_check(
        "企业不动产登记信息核查",
        "201304100000",
        "县自然资源局",
        [],
        "企业不动产登记信息核查结果",
    ),
    _bankruptcy_check(
        "社会保险参保缴费记录核查",
        "200404200000",
        "县人社局",
        ["县税务局"],
        "企业社会保险参保缴费记录核查结果",
    ),
    _bankruptcy_check(
        "企业注册、登记等基本信息核查",
        "200704300000",
        "县行政审批局",
        [],
        "企业登记基本信息核查结果",
        competent="县市场监管局",
    ),
    _bankruptcy_check(
        "企业人员医保缴存信息核查",
        "200504400000",
        "县医保局",
        ["县税务局"],
        "企业职工医疗保险缴费信息核查结果",
    ),
    _bankruptcy_check(
        "企业房产信息核查",
        "201304500000",
        "县自然资源局",
        ["县住建局"],
        "企业房产信息核查结果",
    ),
    _bankruptcy_check(
        "企业纳税缴税情况信息核查",
        "200604600000",
        "县税务局",
        [],
        "企业纳税及欠税情况核查结果",
    ),
]


_BUNDLE_ITEMS_PERSON: list[dict[str, Any]] = [
    # ---- 9 新生儿出生“一件事” ----
    _item(
        "《出生医学证明》办理（首签）",
        "070805100000",
        "县卫健局",
        limits=(5, 0),
        item_type="07",
        handling_type=1,
        themes=["birth"],
        legal_basis="《中华人民共和国母婴保健法》第二十三条；《中华人民共和国母婴保健法实施办法》",
        conditions=(
            "在我县具有助产技术服务资质的医疗保健机构内出生的新生儿，由出生医院在新生儿父母提交身"
            "份信息后首次签发。"
        ),
        result_name="出生医学证明",
        result_licence_type="出生医学证明",
        high_frequency=True,
        channels=["1", "3"],
        process=[
            ["受理", "县卫健局", "window_clerk"],
            ["签发", "县卫健局", "window_clerk"],
        ],
        materials=[
            _m("出生医学证明办理登记表", form="both"),
            _m("居民身份证", form="electronic", notes="新生儿父母双方"),
        ],
        fields=[
            "child.name",
            "child.gender",
            "child.birth_date",
            "child.birth_place",
            "mother.name",
            "mother.id_number",
            "father.name",
            "father.id_number",
            "applicant.phone",
        ],
        faq=[
            [
                "《出生医学证明》上的孩子姓名以后能改吗？",
                (
                    "首签后确需变更姓名的，需先到公安机关办理户口登记姓名变更，"
                    "再到原签发机构申请换发。"
                ),
            ],
            [
                "出院前没想好名字怎么办？",
                "可先出院，名字确定后通过“新生儿出生一件事”在线申请首签，证件邮寄到家。",
            ],
        ],
        bundle="新生儿出生",
    ),
    _item(
        "预防接种证办理",
        "200805200000",
        "县卫健局",
        limits=(1, 0),
        handling_type=1,
        themes=["birth"],
        legal_basis="《中华人民共和国疫苗管理法》第四十七条",
        conditions=(
            "儿童出生后1个月内，由监护人到儿童居住地承担预防接种工作的接种单位或出生医院办理。"
        ),
        result_name="预防接种证",
        result_licence_type="预防接种证",
        high_frequency=True,
        materials=[
            _m("出生医学证明", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="electronic", notes="监护人"),
        ],
        fields=[
            "child.name",
            "child.gender",
            "child.birth_date",
            "mother.name",
            "applicant.phone",
            "applicant.address",
        ],
        faq=[
            [
                "预防接种证丢了怎么办？",
                "可到儿童居住地的接种单位申请补办，接种记录以信息系统记载为准。",
            ]
        ],
        bundle="新生儿出生",
    ),
    _item(
        "出生登记（申报户口）",
        "070305300000",
        "县公安局",
        limits=(5, 0),
        item_type="07",
        handling_type=1,
        themes=["birth", "household"],
        legal_basis="《中华人民共和国户口登记条例》第七条",
        conditions=(
            "1周岁以下婚内生育的婴儿，在出生后1个月内由父母或监护人申报；随父或随母落户，"
            "落户方为我县常住户口。"
        ),
        result_name="居民户口簿（新增婴儿户口页）",
        result_licence_type="居民户口簿",
        high_frequency=True,
        materials=[
            _m("出生医学证明", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民户口簿", form="both", notes="落户方户口簿"),
            _m("居民身份证", form="electronic", notes="父母双方"),
            _m("结婚证", form="electronic", notes="通过电子证照库调取，免于提交"),
        ],
        fields=[
            "child.name",
            "child.gender",
            "child.birth_date",
            "mother.name",
            "mother.id_number",
            "father.name",
            "father.id_number",
            "household.registration_address",
            "household.relationship",
            "applicant.phone",
        ],
        faq=[
            [
                "超过1个月才申报出生登记怎么办？",
                "仍可申报，但需由申报人书面说明逾期原因；1周岁以上未落户的按补录户口程序办理。",
            ]
        ],
        bundle="新生儿出生",
    ),
    _item(
        "社会保障卡申领",
        "200405400000",
        "县人社局",
        limits=(15, 0),
        handling_type=1,
        limit_note=(
            "县政务服务中心即时制卡窗口现场制卡；网上申领的由合作银行制卡后邮寄，"
            "一般不超过15个工作日"
        ),
        themes=["birth", "social_security"],
        legal_basis="《中华人民共和国社会保险法》第五十八条；" + _GUIDANCE,
        conditions="在我县参加社会保险或户籍在我县的人员（含新生儿）首次申领第三代社会保障卡；"
        "未满16周岁的由监护人代为申领。",
        result_name="社会保障卡",
        result_licence_type="社会保障卡",
        high_frequency=True,
        materials=[
            _m("居民身份证", form="electronic", required=False, notes="已办理居民身份证的"),
            _m(
                "居民户口簿",
                form="electronic",
                required=False,
                notes="新生儿和未办理居民身份证的未成年人",
            ),
            _m("近期免冠证件照片", form="electronic", notes="可现场拍摄或使用公安部门证件照片"),
            _m("社会保障卡申领登记表", form="both"),
        ],
        fields=[*_PERSON, "applicant.address", "socialcard.bank"],
        faq=[
            [
                "新生儿社保卡需要照片吗？",
                "3周岁以下儿童可申领无照片社会保障卡，3周岁后按规定补换有照片的卡。",
            ]
        ],
        bundle=["新生儿出生", "社会保障卡居民服务"],
    ),
    _item(
        "生育医疗费用报销",
        "200505500000",
        "县医保局",
        limits=(20, 10),
        themes=["birth", "medical"],
        legal_basis=(
            "《中华人民共和国社会保险法》第五十四条；《国务院办公厅关于全面推进生育保险和职工基本"
            "医疗保险合并实施的意见》（国办发〔2019〕10号）"
        ),
        conditions=(
            "参加我县职工基本医疗保险或城乡居民基本医疗保险的参保人员，"
            "在异地或未直接结算的定点医疗机构发生的住院分娩医疗费用。"
        ),
        result_name="生育医疗费用报销结算单",
        high_frequency=True,
        materials=[
            _m("居民身份证", form="electronic"),
            _m("医疗收费票据", form="both", notes="电子票据可在线核验"),
            _m("住院费用清单", form="both"),
            _m("出院记录", form="both"),
            _m("出生医学证明", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("银行卡", form="both", required=False, notes="未使用社会保障卡金融账户收款的提交"),
        ],
        fields=[
            *_PERSON,
            "medical.hospital",
            "medical.admission_date",
            "medical.discharge_date",
            "medical.expense",
            {"key": "bank.account_number", "required": False},
        ],
        faq=[
            [
                "在县医院生孩子还需要回来报销吗？",
                "不需要。在我县定点医疗机构住院分娩的，出院时直接结算，只需个人支付部分。",
            ]
        ],
        bundle="新生儿出生",
    ),
    _item(
        "城乡居民医保参保登记",
        "200505600000",
        "县医保局",
        limits=(1, 0),
        handling_type=1,
        themes=["birth", "medical"],
        legal_basis=(
            "《中华人民共和国社会保险法》第二十五条；《国务院关于整合城乡居民基本医疗保险制度的意"
            "见》（国发〔2016〕3号）"
        ),
        conditions=(
            "户籍在我县或持我县居住证、未参加职工基本医疗保险的城乡居民（含新生儿、在校学生）。"
        ),
        result_name="城乡居民医保参保登记结果",
        high_frequency=True,
        materials=[
            _m(
                "居民身份证",
                form="electronic",
                notes="新生儿和未办理居民身份证的未成年人以居民户口簿代替",
            ),
            _m("居民户口簿", form="electronic", required=False, notes="新生儿和未成年人"),
            _m("居住证", form="electronic", required=False, notes="非我县户籍的居住证持有人"),
        ],
        fields=[*_PERSON, "insured.identity"],
        faq=[
            [
                "新生儿出生后多久参保？",
                "新生儿在出生后90日内参保缴费的，自出生之日起享受城乡居民医保待遇。",
            ]
        ],
        bundle="新生儿出生",
    ),
    _item(
        "科学育儿指导服务登记",
        "200805700000",
        "县卫健局",
        limits=(1, 0),
        handling_type=1,
        themes=["birth"],
        legal_basis=(
            "《国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见》（国办发〔2019〕15号）；"
            "《中华人民共和国人口与计划生育法》"
        ),
        conditions=(
            "家中有3周岁以下婴幼儿的家庭，自愿登记后由县妇幼保健机构提供喂养、"
            "生长发育和早期发展指导。"
        ),
        result_name="科学育儿指导服务登记回执",
        materials=[
            _m("出生医学证明", form="electronic", notes="通过电子证照库调取，免于提交"),
        ],
        fields=[
            "child.name",
            "child.birth_date",
            "applicant.name",
            "applicant.phone",
            "parenting.service_needs",
        ],
        faq=[
            [
                "科学育儿指导收费吗？",
                "不收费。县妇幼保健院按登记需求提供线上课程、电话指导和入户随访。",
            ]
        ],
        bundle="新生儿出生",
    ),
    # ---- 10 教育入学“一件事” ----
    _item(
        "新生入学信息采集",
        "200905800000",
        "县教体局",
        limits=(15, 10),
        limit_note="按当年义务教育招生工作方案规定的报名时段办理，结果在录取公示期内发布",
        themes=["education"],
        legal_basis="《中华人民共和国义务教育法》第十二条；《中华人民共和国疫苗管理法》第四十八条",
        conditions="年满6周岁的适龄儿童（小学一年级）或应届小学毕业生（初中一年级），在我县有户籍，"
        "或其法定监护人在我县有合法稳定就业、合法稳定住所。",
        result_name="义务教育入学录取结果",
        high_frequency=True,
        tolerant_acceptance=True,
        materials=[
            _m("居民户口簿", form="electronic", notes="通过数据共享核验"),
            _m(
                "不动产权证书",
                form="electronic",
                required=False,
                notes="以自有住房登记的，通过数据共享核验",
            ),
            _m("居住证", form="electronic", required=False, notes="随迁子女监护人"),
            _m("房屋租赁合同", form="both", required=False, notes="以租赁住房登记的"),
            _m(
                "预防接种证",
                form="both",
                tolerable=True,
                notes="入学查验；可容缺，开学后30日内补查验",
            ),
        ],
        fields=[
            "child.name",
            "child.id_number",
            "child.gender",
            "child.birth_date",
            "school.stage",
            "school.name",
            "residence.type",
            *_PERSON,
            "applicant.address",
        ],
        faq=[
            [
                "房产证和户籍不在同一学区怎么办？",
                "按户籍和实际居住地一致的原则划片；不一致的，按当年招生方案由县教体局统筹安排。",
            ],
            [
                "还需要去派出所、不动产中心开证明吗？",
                "不需要。户籍、不动产、居住证和社保缴费信息由县教体局通过数据共享核验。",
            ],
        ],
        bundle="教育入学",
    ),
    _item(
        "户籍证明出具",
        "070305900000",
        "县公安局",
        limits=(1, 0),
        item_type="07",
        handling_type=1,
        themes=["household", "education"],
        legal_basis="《中华人民共和国户口登记条例》第四条；《中华人民共和国居民身份证法》",
        conditions=(
            "户籍在我县的居民，因入学、继承或户口注销、迁移后需要证明户籍登记事项的，"
            "由户籍窗口依据户籍档案出具。"
        ),
        result_name="户籍证明",
        high_frequency=True,
        materials=[
            _m("居民身份证", form="both"),
            _m("居民户口簿", form="both", required=False, notes="证明同户成员关系时提交"),
        ],
        fields=[*_PERSON, "proof.type", "proof.purpose"],
        faq=[
            [
                "派出所能开亲属关系证明吗？",
                (
                    "公安机关只能证明户籍档案记载的关系；户籍档案未记载的亲属关系，"
                    "可通过公证或本人书面承诺办理。"
                ),
            ]
        ],
        bundle="教育入学",
    ),
    _item(
        "居住证办理",
        "070306000000",
        "县公安局",
        limits=(15, 7),
        item_type="07",
        themes=["household", "education"],
        legal_basis="《居住证暂行条例》第二条、第九条、第十条",
        conditions=(
            "非本县户籍人员在我县居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一。"
        ),
        result_name="居住证",
        result_licence_type="居住证",
        high_frequency=True,
        tolerant_acceptance=True,
        accept_on_receipt=True,
        materials=[
            _m("居住证申领登记表", form="both"),
            _m("居民身份证", form="both"),
            _m("近期免冠证件照片", form="electronic", tolerable=True, notes="可现场拍摄"),
            _m("不动产权证书", form="electronic", required=False, notes="以合法稳定住所申领的"),
            _m("房屋租赁合同", form="both", required=False, notes="租房居住的"),
            _m("劳动合同", form="both", required=False, notes="以合法稳定就业申领的"),
            _m("在校就读证明", required=False, notes="以连续就读申领的"),
        ],
        fields=[*_PERSON, "residence.address", "residence.start_date", "residence.basis"],
        faq=[
            [
                "居住证需要每年签注吗？",
                "需要。居住证持有人在居住地连续居住的，每年签注一次，可在“秦务员”平台在线签注。",
            ]
        ],
        bundle="教育入学",
    ),
    _item(
        "不动产登记资料查询",
        "201306100000",
        "县自然资源局",
        limits=(1, 0),
        handling_type=1,
        service_objects=["1", "2", "3", "4", "5", "6"],
        themes=["housing", "education"],
        legal_basis="《不动产登记暂行条例》第二十七条；《不动产登记资料查询暂行办法》",
        conditions=(
            "不动产权利人、利害关系人可依法查询、复制不动产登记资料；子女入学等场景经授权由部门通"
            "过数据共享查询。"
        ),
        result_name="不动产登记信息查询结果",
        high_frequency=True,
        materials=[
            _m("不动产登记资料查询申请书", form="both"),
            _m("居民身份证", form="electronic"),
        ],
        fields=[*_PERSON, "property.address", "query.purpose"],
        faq=[
            [
                "查询结果能作为子女入学的房产证明吗？",
                "可以。查询结果加盖不动产登记资料查询专用章，与不动产权证书具有同等证明效力。",
            ]
        ],
        bundle="教育入学",
    ),
    _item(
        "社会保险参保缴费记录查询",
        "200406200000",
        "县人社局",
        limits=(1, 0),
        handling_type=1,
        themes=["social_security", "education"],
        legal_basis="《中华人民共和国社会保险法》第七十四条",
        conditions=(
            "在我县参加社会保险的人员，可查询、打印本人参保缴费记录；入学、"
            "购房等场景经本人授权由部门通过数据共享查询。"
        ),
        result_name="社会保险个人参保证明",
        high_frequency=True,
        materials=[_m("居民身份证", form="electronic")],
        fields=[*_PERSON, "query.period_start", "query.period_end"],
        faq=[
            [
                "打印的参保证明有效吗？",
                "通过“秦务员”平台或自助终端打印的参保证明带有电子签章和验证码，可扫码核验真伪。",
            ]
        ],
        bundle="教育入学",
    ),
    # ---- 11 社会保障卡居民服务“一件事” ----
    _item(
        "社会保障卡挂失、补换",
        "200405401000",
        "县人社局",
        limits=(15, 0),
        handling_type=1,
        limit_note="临时挂失即时生效；县政务服务中心即时制卡窗口现场补换卡",
        themes=["social_security"],
        legal_basis="《中华人民共和国社会保险法》第五十八条；" + _GUIDANCE,
        conditions=(
            "社会保障卡遗失、损坏、有效期届满或持卡人信息变更的，申请挂失、补领或换领；"
            "补换后就业、社保、就医、乘车和文化服务功能同步迁移。"
        ),
        result_name="社会保障卡",
        result_licence_type="社会保障卡",
        high_frequency=True,
        cross_region_scope="全国",
        materials=[
            _m("居民身份证", form="both"),
            _m("近期免冠证件照片", form="electronic", notes="可现场拍摄或使用公安部门证件照片"),
        ],
        fields=[*_PERSON, "socialcard.reason"],
        faq=[
            [
                "补换卡后原来的养老金发放账户要重新登记吗？",
                "不需要。新卡自动承接原卡的社保待遇发放账户和医保账户。",
            ]
        ],
        bundle="社会保障卡居民服务",
    ),
    _item(
        "社会保障卡就医购药结算服务",
        "200506300000",
        "县医保局",
        limits=(1, 0),
        handling_type=1,
        themes=["medical"],
        legal_basis="《中华人民共和国社会保险法》第二十九条；" + _GUIDANCE,
        conditions=(
            "已参加基本医疗保险并持有启用状态的社会保障卡或电子社会保障卡的参保人员，"
            "在定点医药机构就医购药时直接结算。"
        ),
        result_name="社会保障卡就医购药功能开通结果",
        materials=[_m("社会保障卡", form="both")],
        fields=[*_PERSON, "medical.designated_institution"],
        faq=[
            [
                "社保卡和医保电子凭证都能用吗？",
                "都能用。我县定点医药机构同时支持社会保障卡和医保电子凭证结算。",
            ]
        ],
        bundle="社会保障卡居民服务",
    ),
    _item(
        "社会保障卡交通出行服务",
        "201406400000",
        "县交通局",
        limits=(1, 0),
        handling_type=1,
        themes=["travel"],
        legal_basis="《城市公共交通条例》（国务院令第793号）；" + _GUIDANCE,
        conditions=(
            "持有启用状态的第三代社会保障卡或电子社会保障卡的持卡人，可在眉县城乡公交刷卡乘车；"
            "老年人、残疾人按规定享受免费或优惠乘车的，先绑定优待身份。"
        ),
        result_name="社会保障卡乘车功能开通结果",
        materials=[
            _m("社会保障卡", form="both"),
            _m("老年人优待证", form="electronic", required=False, notes="申请老年人优惠乘车的"),
            _m("残疾人证", form="electronic", required=False, notes="申请残疾人免费乘车的"),
        ],
        fields=[*_PERSON, "travel.discount_type"],
        faq=[
            [
                "社保卡乘车怎么扣费？",
                "使用社会保障卡金融账户或电子钱包扣费，享受优惠的按优惠票价扣费。",
            ]
        ],
        bundle="社会保障卡居民服务",
    ),
    _item(
        "社会保障卡文化体验服务",
        "202206500000",
        "县文旅局",
        limits=(1, 0),
        handling_type=1,
        themes=["travel"],
        legal_basis="《中华人民共和国公共文化服务保障法》；" + _GUIDANCE,
        conditions=(
            "持社会保障卡可在县图书馆借阅图书、在县文化馆和博物馆预约参观，在参与“一卡通”"
            "的A级旅游景区刷卡购票入园并享受规定的优惠。"
        ),
        result_name="社会保障卡文化体验功能开通结果",
        materials=[_m("社会保障卡", form="both")],
        fields=[*_PERSON, "culture.service"],
        faq=[
            [
                "用社保卡借书需要交押金吗？",
                "不需要。持启用状态的社会保障卡即可在县图书馆免押金借阅。",
            ]
        ],
        bundle="社会保障卡居民服务",
    ),
    # ---- 12 残疾人服务“一件事” ----
    _item(
        "残疾人证新办",
        "071106600100",
        "县残联",
        limits=(20, 10),
        item_type="07",
        special_procedures=[["鉴定", 15]],
        themes=["disability"],
        legal_basis="《中华人民共和国残疾人保障法》第二条；《中华人民共和国残疾人证管理办法》；"
        "《残疾人残疾分类和分级》（GB/T 26341）",
        conditions="本县户籍（或持本县居住证）的视力、听力、言语、肢体、智力、精神或多重残疾人，"
        "经县残联指定的评定机构按《残疾人残疾分类和分级》评定符合残疾标准。",
        result_name="中华人民共和国残疾人证",
        result_licence_type="残疾人证",
        high_frequency=True,
        cross_region_scope="跨省",
        online_depth=3,
        visits=1,
        process=[
            ["受理", "县残联", "window_clerk"],
            ["残疾评定", "县残联", "approver"],
            ["审核发证", "县残联", "approver"],
        ],
        materials=[
            _m("残疾人证申请表", form="both"),
            _m("居民身份证", form="electronic", required=False, notes="已办理居民身份证的"),
            _m("居民户口簿", form="electronic", required=False, notes="未办理居民身份证的未成年人"),
            _m("近期免冠证件照片", form="electronic", notes="可现场拍摄"),
            _m("残疾评定表", notes="由县残联指定的评定机构出具"),
        ],
        fields=[
            *_PERSON,
            "applicant.address",
            "disability.category",
            {"key": "guardian.name", "required": False},
            {"key": "guardian.phone", "required": False},
        ],
        faq=[
            [
                "残疾评定要自己找医院吗？",
                "不用。申请后由县残联安排到指定评定机构评定，行动不便的可申请上门评定。",
            ],
            [
                "办证收费吗？",
                "残疾人证免费办理，残疾评定费用按陕西省规定减免。",
            ],
        ],
        bundle="残疾人服务",
    ),
    _item(
        "残疾人证换领",
        "071106600200",
        "县残联",
        limits=(20, 5),
        item_type="07",
        special_procedures=[["鉴定", 15]],
        limit_note="有效期满需重新评定的，评定时间不计入承诺时限",
        themes=["disability"],
        legal_basis="《中华人民共和国残疾人证管理办法》",
        conditions=(
            "残疾人证有效期满或损毁无法使用的持证人，在有效期满前90日内或损毁后申请换领；"
            "有效期满需重新评定的，按规定重新评定。"
        ),
        result_name="中华人民共和国残疾人证",
        result_licence_type="残疾人证",
        cross_region_scope="跨省",
        materials=[
            _m("残疾人证", notes="交回原证"),
            _m("居民身份证", form="electronic"),
            _m("近期免冠证件照片", form="electronic", notes="可现场拍摄"),
            _m("残疾评定表", required=False, notes="有效期满需重新评定的"),
        ],
        fields=[*_PERSON, "disability.certificate_number", "certificate.reason"],
        faq=[
            [
                "残疾人证有效期多长？",
                (
                    "第二代残疾人证一般有效期为10年，未成年人的有效期按《中华人民共和国残疾人证管"
                    "理办法》规定执行，证面载明截止日期。"
                ),
            ]
        ],
        bundle="残疾人服务",
    ),
    _item(
        "残疾人证迁移",
        "071106600300",
        "县残联",
        limits=(5, 0),
        item_type="07",
        handling_type=1,
        themes=["disability"],
        legal_basis="《中华人民共和国残疾人证管理办法》",
        conditions=(
            "持证残疾人户籍迁入我县后，向县残联申请将残疾人证档案由原发证地迁入，无需重新评定。"
        ),
        result_name="残疾人证迁移结果",
        cross_region_scope="跨省",
        materials=[
            _m("残疾人证"),
            _m("居民户口簿", form="electronic", notes="迁入后的户口簿，通过数据共享核验"),
        ],
        fields=[*_PERSON, "disability.certificate_number", "migration.from_address"],
        faq=[
            [
                "迁移后残疾人证号会变吗？",
                "残疾人证号为持证人居民身份证号加残疾类别和等级代码，迁移后证号不变。",
            ]
        ],
        bundle="残疾人服务",
    ),
    _item(
        "残疾人证挂失补办",
        "071106600400",
        "县残联",
        limits=(20, 5),
        item_type="07",
        themes=["disability"],
        legal_basis="《中华人民共和国残疾人证管理办法》",
        conditions="残疾人证遗失的持证人或其监护人，申请挂失并补办；原证自挂失之日起作废。",
        result_name="中华人民共和国残疾人证",
        result_licence_type="残疾人证",
        cross_region_scope="跨省",
        materials=[
            _m("残疾人证申请表", form="both"),
            _m("居民身份证", form="electronic"),
            _m("近期免冠证件照片", form="electronic", notes="可现场拍摄"),
        ],
        fields=[*_PERSON, "disability.certificate_number", "certificate.reason"],
        faq=[
            [
                "补办期间能继续领取两项补贴吗？",
                "可以。补贴发放以残疾人证信息系统记录为准，补办期间不停发。",
            ]
        ],
        bundle="残疾人服务",
    ),
    _item(
        "残疾人证注销",
        "071106600500",
        "县残联",
        limits=(5, 0),
        item_type="07",
        handling_type=1,
        themes=["disability", "after_death"],
        legal_basis="《中华人民共和国残疾人证管理办法》",
        conditions=(
            "持证人死亡、户籍迁出国（境）外、经重新评定不再符合残疾标准或本人申请注销的，由本人、"
            "监护人或近亲属申请。"
        ),
        result_name="残疾人证注销结果",
        materials=[
            _m("残疾人证", required=False, notes="交回原证；遗失的无需提交"),
            _m("居民身份证", form="both", notes="申请人"),
        ],
        fields=[*_PERSON, "disability.certificate_number", "cancel.reason"],
        faq=[
            [
                "持证人去世后家属需要专门来注销吗？",
                (
                    "不需要。公安机关死亡注销户口信息共享后，县残联依职权注销并停发补贴，"
                    "家属也可主动申请。"
                ),
            ]
        ],
        bundle="残疾人服务",
    ),
    _item(
        "残疾人证残疾类别、等级变更",
        "071106600600",
        "县残联",
        limits=(20, 10),
        item_type="07",
        special_procedures=[["鉴定", 15]],
        themes=["disability"],
        legal_basis="《中华人民共和国残疾人证管理办法》；《残疾人残疾分类和分级》（GB/T 26341）",
        conditions=(
            "持证残疾人残疾状况发生变化，经县残联指定的评定机构重新评定后，"
            "残疾类别或等级与原证记载不一致。"
        ),
        result_name="中华人民共和国残疾人证",
        result_licence_type="残疾人证",
        online_depth=3,
        visits=1,
        materials=[
            _m("残疾人证", notes="交回原证"),
            _m("残疾评定表", notes="重新评定结论"),
            _m("近期免冠证件照片", form="electronic", notes="可现场拍摄"),
        ],
        fields=[
            *_PERSON,
            "disability.certificate_number",
            "disability.category",
            "disability.level",
        ],
        faq=[
            [
                "等级变更后补贴标准会自动调整吗？",
                "会。变更结果推送县民政局，符合条件的按新等级调整两项补贴。",
            ]
        ],
        bundle="残疾人服务",
    ),
    _item(
        "困难残疾人生活补贴",
        "051006700000",
        "县民政局",
        joint_departments=["县残联"],
        limits=(20, 15),
        item_type="05",
        themes=["disability", "relief"],
        legal_basis=(
            "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》"
            "（国发〔2015〕52号）"
        ),
        conditions=(
            "具有本县户籍、持有第二代残疾人证，且纳入最低生活保障范围的残疾人；"
            "低保边缘家庭中的重度残疾人按陕西省规定纳入。"
        ),
        result_name="困难残疾人生活补贴审批结果",
        high_frequency=True,
        cross_region_scope="跨省",
        process=[
            ["受理", "县民政局", "window_clerk"],
            ["残疾信息审核", "县残联", "approver"],
            ["审定", "县民政局", "approver"],
        ],
        materials=[
            _m("残疾人两项补贴申请审批表", form="both"),
            _m("残疾人证", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="electronic"),
            _m("社会保障卡", form="both", notes="作为补贴发放账户"),
        ],
        fields=[
            *_PERSON,
            "disability.certificate_number",
            "disability.category",
            "disability.level",
        ],
        faq=[
            [
                "补贴从什么时候开始发？",
                "自审批通过的次月起按月发放到社会保障卡。",
            ]
        ],
        bundle="残疾人服务",
    ),
    _item(
        "重度残疾人护理补贴",
        "051006800000",
        "县民政局",
        joint_departments=["县残联"],
        limits=(20, 15),
        item_type="05",
        themes=["disability", "relief"],
        legal_basis=(
            "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》"
            "（国发〔2015〕52号）"
        ),
        conditions=(
            "具有本县户籍、持有第二代残疾人证，残疾等级为一级、二级且需要长期照护的重度残疾人；"
            "三级、四级智力残疾人和精神残疾人按陕西省规定纳入。"
        ),
        result_name="重度残疾人护理补贴审批结果",
        high_frequency=True,
        cross_region_scope="跨省",
        process=[
            ["受理", "县民政局", "window_clerk"],
            ["残疾信息审核", "县残联", "approver"],
            ["审定", "县民政局", "approver"],
        ],
        materials=[
            _m("残疾人两项补贴申请审批表", form="both"),
            _m("残疾人证", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="electronic"),
            _m("社会保障卡", form="both", notes="作为补贴发放账户"),
        ],
        fields=[
            *_PERSON,
            "disability.certificate_number",
            "disability.category",
            "disability.level",
        ],
        faq=[
            [
                "两项补贴可以同时领取吗？",
                "可以。既符合困难残疾人生活补贴又符合重度残疾人护理补贴条件的，两项补贴同时享受。",
            ]
        ],
        bundle="残疾人服务",
    ),
    _item(
        "残疾人就业帮扶服务",
        "200406900000",
        "县人社局",
        joint_departments=["县残联"],
        limits=(15, 10),
        themes=["disability", "employment"],
        legal_basis="《残疾人就业条例》；《中华人民共和国就业促进法》第二十九条",
        conditions=(
            "持有残疾人证、在法定劳动年龄内、有劳动能力和就业意愿的本县户籍残疾人，"
            "可申请就业登记、职业指导、职业技能培训和岗位推荐。"
        ),
        result_name="残疾人就业帮扶服务登记结果",
        materials=[
            _m("残疾人证", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="electronic"),
        ],
        fields=[*_PERSON, "disability.category", "employment.desired_job", "employment.education"],
        faq=[
            [
                "残疾人自主创业有扶持吗？",
                "有。可申请创业担保贷款、一次性创业补贴，县残联对残疾人创业项目给予扶持。",
            ]
        ],
        bundle="残疾人服务",
    ),
    _item(
        "重度残疾人城乡居民基本养老保险缴费补助",
        "050407000000",
        "县人社局",
        limits=(20, 10),
        item_type="05",
        themes=["disability", "social_security"],
        legal_basis="《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
        conditions=(
            "参加城乡居民基本养老保险、持有一级或二级残疾人证的本县户籍重度残疾人，"
            "由政府代缴全部或部分最低缴费档次养老保险费。"
        ),
        result_name="城乡居民养老保险代缴认定结果",
        materials=[
            _m("残疾人证", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="electronic"),
        ],
        fields=[*_PERSON, "disability.certificate_number", "disability.level"],
        faq=[
            [
                "代缴后还能自己选择更高档次缴费吗？",
                "可以。政府代缴最低档次保费，本人可在此基础上自愿选择更高档次缴费。",
            ]
        ],
        bundle="残疾人服务",
    ),
    # ---- 13 退休“一件事” ----
    _item(
        "参保人员达到法定退休年龄领取基本养老保险待遇资格确认",
        "070407100000",
        "县人社局",
        limits=(20, 10),
        item_type="07",
        themes=["retirement", "social_security"],
        legal_basis=(
            "《中华人民共和国社会保险法》第十六条；《全国人民代表大会常务委员会关于实施渐进式延迟"
            "法定退休年龄的决定》；《国务院关于工人退休、退职的暂行办法》（国发〔1978〕104号）"
        ),
        conditions=(
            "参加企业职工基本养老保险的参保人员达到法定退休年龄（按渐进式延迟法定退休年龄规定确定"
            "），累计缴费达到最低缴费年限；选择弹性提前退休的，提前时间最长不超过3年且不早于原法定"
            "退休年龄。"
        ),
        result_name="基本养老保险待遇领取资格确认结果",
        high_frequency=True,
        process=[
            ["受理", "县人社局", "window_clerk"],
            ["档案审核", "县人社局", "approver"],
            ["资格确认", "县人社局", "approver"],
        ],
        materials=[
            _m("职工退休申请表", form="both"),
            _m("居民身份证", form="electronic"),
            _m("职工人事档案", notes="由用人单位或档案保管机构提供"),
            _m("社会保障卡", form="both"),
        ],
        fields=[
            *_PERSON,
            {"key": "enterprise.name", "required": False},
            "retirement.type",
            "retirement.work_start_date",
            "retirement.date",
        ],
        faq=[
            [
                "档案记载的出生日期和身份证不一致以哪个为准？",
                "按规定以本人档案最先记载的出生时间为准，县公安局同步核查户籍信息。",
            ],
            _FAQ_ONE_APPLICATION,
        ],
        bundle="退休",
    ),
    _item(
        "基本养老保险视同缴费年限认定",
        "070407200000",
        "县人社局",
        limits=(20, 10),
        item_type="07",
        themes=["retirement", "social_security"],
        legal_basis="《国务院关于建立统一的企业职工基本养老保险制度的决定》（国发〔1997〕26号）；"
        "《国务院关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号）",
        conditions=(
            "实行个人缴费制度前经劳动人事部门批准招录、具有国家规定连续工龄的参保人员，"
            "其档案记载的工作年限可认定为视同缴费年限。"
        ),
        result_name="视同缴费年限认定结果",
        materials=[
            _m("职工人事档案", notes="含招工录用审批表、工资定级表"),
            _m("居民身份证", form="electronic"),
        ],
        fields=[*_PERSON, "retirement.work_start_date", "retirement.deemed_years"],
        faq=[
            [
                "没有档案能认定视同缴费年限吗？",
                (
                    "不能。视同缴费年限以档案原始记载为依据，档案缺失的需先由原单位或主管部门按规"
                    "定补建。"
                ),
            ]
        ],
        bundle="退休",
    ),
    _item(
        "特殊工种提前退休核准",
        "070407300000",
        "县人社局",
        limits=(20, 15),
        item_type="07",
        special_procedures=[["公示", 5]],
        themes=["retirement"],
        legal_basis=(
            "《国务院关于工人退休、退职的暂行办法》（国发〔1978〕104号）第一条；"
            "《劳动和社会保障部关于制止和纠正违反国家规定办理企业职工提前退休有关问题的通知》"
            "（劳社部发〔1999〕8号）"
        ),
        conditions=(
            "从事井下、高空、高温、特别繁重体力劳动或其他有害身体健康工种，男年满55周岁、"
            "女年满45周岁，累计从事特殊工种年限达到规定（井下、高温满9年，高空、"
            "特别繁重体力劳动满10年，其他有害身体健康工作满8年），工种在国家和原行业主管部门公布的"
            "特殊工种名录内。"
        ),
        result_name="特殊工种提前退休核准决定",
        process=[
            ["受理", "县人社局", "window_clerk"],
            ["档案审核", "县人社局", "approver"],
            ["公示", "县人社局", "approver"],
            ["核准", "县人社局", "dept_admin"],
        ],
        materials=[
            _m("特殊工种提前退休申请表", form="both"),
            _m("职工人事档案", notes="由用人单位或档案保管机构提供"),
            _m("特殊工种岗位工作原始记录", notes="工资台账和岗位调动原始记录"),
            _m("居民身份证", form="electronic"),
        ],
        fields=[
            *_PERSON,
            {"key": "enterprise.name", "required": False},
            "retirement.special_job_name",
            "retirement.special_job_years",
        ],
        faq=[
            [
                "特殊工种提前退休要公示吗？",
                "要。核准前在单位和县人社局网站公示5个工作日，公示无异议的予以核准。",
            ]
        ],
        bundle="退休",
    ),
    _item(
        "因病或非因工致残完全丧失劳动能力提前退休（退职）核准",
        "070407400000",
        "县人社局",
        limits=(20, 15),
        item_type="07",
        special_procedures=[["鉴定", 60], ["公示", 5]],
        themes=["retirement", "disability"],
        legal_basis=(
            "《国务院关于工人退休、退职的暂行办法》（国发〔1978〕104号）；"
            "《劳动和社会保障部关于制止和纠正违反国家规定办理企业职工提前退休有关问题的通知》"
            "（劳社部发〔1999〕8号）"
        ),
        conditions=(
            "参加企业职工基本养老保险，男年满50周岁、女年满45周岁，因病或非因工致残经劳动能力鉴定"
            "委员会鉴定为完全丧失劳动能力。"
        ),
        result_name="提前退休（退职）核准决定",
        process=[
            ["受理", "县人社局", "window_clerk"],
            ["劳动能力鉴定", "县人社局", "approver"],
            ["公示", "县人社局", "approver"],
            ["核准", "县人社局", "dept_admin"],
        ],
        materials=[
            _m("因病或非因工致残提前退休（退职）申请表", form="both"),
            _m("劳动能力鉴定结论书"),
            _m("职工人事档案", notes="由用人单位或档案保管机构提供"),
            _m("居民身份证", form="electronic"),
        ],
        fields=[
            *_PERSON,
            {"key": "enterprise.name", "required": False},
            "retirement.appraisal_number",
        ],
        faq=[
            [
                "劳动能力鉴定需要多长时间？",
                "劳动能力鉴定委员会自收到申请之日起60日内作出鉴定结论，鉴定时间不计入承诺时限。",
            ]
        ],
        bundle="退休",
    ),
    _item(
        "新增退休人员养老保险待遇核定发放",
        "050407500000",
        "县人社局",
        limits=(20, 10),
        item_type="05",
        themes=["retirement", "social_security"],
        legal_basis=(
            "《中华人民共和国社会保险法》第十六条；《国务院关于完善企业职工基本养老保险制度的决定"
            "》（国发〔2005〕38号）"
        ),
        conditions=(
            "已确认基本养老保险待遇领取资格的参保人员，按缴费年限、缴费基数和个人账户储存额核定基"
            "本养老金，自退休次月起按月发放。"
        ),
        result_name="基本养老保险待遇核定表",
        high_frequency=True,
        materials=[
            _m("养老保险待遇申领表", form="both"),
            _m("居民身份证", form="electronic"),
            _m("社会保障卡", form="both", notes="作为待遇发放账户"),
        ],
        fields=[*_PERSON, "retirement.date"],
        faq=[
            [
                "养老金每月什么时候发？",
                "每月由县社会保险经办机构发放到本人社会保障卡金融账户，具体日期以短信通知为准。",
            ]
        ],
        bundle="退休",
    ),
    _item(
        "基本医疗保险视同缴费年限核定",
        "070507600000",
        "县医保局",
        limits=(20, 10),
        item_type="07",
        themes=["retirement", "medical"],
        legal_basis="《中华人民共和国社会保险法》第二十七条",
        conditions=(
            "参加我县职工基本医疗保险、办理退休时需核定医保累计缴费年限的参保人员；"
            "视同缴费年限依据人社部门认定的养老保险视同缴费年限确定，累计缴费年限达到陕西省规定的"
            "，退休后不再缴纳基本医疗保险费。"
        ),
        result_name="基本医疗保险视同缴费年限核定结果",
        materials=[
            _m("居民身份证", form="electronic"),
            _m("职工人事档案", required=False, notes="已通过人社部门共享认定结果的免于提交"),
        ],
        fields=[*_PERSON, "retirement.deemed_years", "retirement.date"],
        faq=[
            [
                "医保缴费年限不够怎么办？",
                "退休时医保累计缴费年限不足的，可按陕西省规定一次性补缴或按月续缴至规定年限。",
            ]
        ],
        bundle="退休",
    ),
    _item(
        "离休、退休提取住房公积金",
        "201607700000",
        "县住房公积金管理中心",
        limits=(3, 0),
        handling_type=1,
        themes=["retirement", "housing"],
        legal_basis="《住房公积金管理条例》第二十四条、第二十五条",
        conditions="缴存职工办理离休、退休手续后，可提取本人住房公积金账户全部余额并销户。",
        result_name="住房公积金提取到账",
        high_frequency=True,
        cross_region_scope="跨省",
        materials=[
            _m("居民身份证", form="electronic"),
            _m("离退休证明", form="electronic", notes="通过人社部门数据共享核验的免于提交"),
            _m("银行卡", form="both", notes="本人名下Ⅰ类银行账户"),
        ],
        fields=[*_PERSON, "housing_fund.account_number", "bank.name", "bank.account_number"],
        faq=[
            [
                "退休提取后账户还能继续缴存吗？",
                "退休提取后个人账户销户，不再缴存。",
            ]
        ],
        bundle="退休",
    ),
    _item(
        "城镇独生子女父母奖励金",
        "050807800000",
        "县卫健局",
        limits=(20, 10),
        item_type="05",
        themes=["retirement", "birth"],
        legal_basis="《中华人民共和国人口与计划生育法》；《陕西省人口与计划生育条例》",
        conditions=(
            "持有《独生子女父母光荣证》的城镇企业职工（含参加企业职工基本养老保险的灵活就业人员）"
            "，办理退休手续时按陕西省规定一次性发放奖励金。"
        ),
        result_name="城镇独生子女父母奖励金审批结果",
        materials=[
            _m("城镇独生子女父母奖励金申请表", form="both"),
            _m("独生子女父母光荣证"),
            _m("居民身份证", form="electronic"),
            _m("银行卡", form="both", notes="本人名下银行账户"),
        ],
        fields=[
            *_PERSON,
            "spouse.name",
            "spouse.id_number",
            "child.name",
            "bank.name",
            "bank.account_number",
        ],
        faq=[
            [
                "夫妻双方都能领取奖励金吗？",
                "夫妻双方均符合条件的，按陕西省规定各自在办理退休手续时申领。",
            ]
        ],
        bundle="退休",
    ),
    _item(
        "户籍信息确认",
        "200307900000",
        "县公安局",
        limits=(5, 0),
        handling_type=1,
        themes=["retirement", "household"],
        legal_basis="《中华人民共和国户口登记条例》；《中华人民共和国居民身份证法》",
        conditions=(
            "办理退休的参保人员，由县人社局通过数据共享向县公安局核查户籍登记的姓名、"
            "出生日期和户籍状态，县公安局据实反馈核查结果。"
        ),
        result_name="户籍信息核查结果",
        process=[
            ["受理", "县人社局", "window_clerk"],
            ["户籍核查", "县公安局", "approver"],
        ],
        materials=[_m("居民身份证", form="electronic", notes="通过数据共享核验，免于提交")],
        fields=[*_PERSON, "person.birth_date"],
        faq=[
            [
                "退休时需要自己去派出所开户籍证明吗？",
                "不需要。户籍信息由县人社局通过数据共享向县公安局核查。",
            ]
        ],
        bundle="退休",
    ),
]


_COUNTY_ITEMS: list[dict[str, Any]] = [
    # ---- 企业开办、准营 ----
    _item(
        "企业设立登记",
        "010708000000",
        "县行政审批局",
        competent="县市场监管局",
        limits=(3, 1),
        item_type="01",
        service_objects=["2", "6"],
        themes=["enterprise_start"],
        legal_basis=(
            "《中华人民共和国公司法》第二十九条；《中华人民共和国市场主体登记管理条例》第三条、"
            "第十九条；《中华人民共和国市场主体登记管理条例实施细则》（国家市场监督管理总局令第52"
            "号）"
        ),
        conditions=(
            "申请人名称经自主申报通过，住所真实，经营范围按规范表述填报，"
            "公司章程和出资符合《公司法》规定；经营范围涉及前置许可的已取得许可。"
        ),
        result_name="营业执照",
        result_licence_type="营业执照",
        high_frequency=True,
        tolerant_acceptance=True,
        commitment=True,
        materials=[
            _m("企业设立登记申请书", form="both"),
            _m("公司章程", form="both"),
            _m("居民身份证", form="electronic", notes="股东、法定代表人、董事、监事和经理"),
            _m(
                "住所（经营场所）使用证明",
                form="both",
                tolerable=True,
                waivable=True,
                notes="可选择住所申报承诺，或容缺后5个工作日内补交",
            ),
            _m("授权委托书", required=False, notes="委托代理人办理时提交"),
        ],
        fields=[
            *_COMPANY,
            "enterprise.type",
            "enterprise.address",
            "enterprise.registered_capital",
            "enterprise.legal_rep_id_number",
            "business.scope",
        ],
        faq=[
            [
                "开办企业一天能办完吗？",
                (
                    "能。通过“秦务员”企业开办专区一次填报，营业执照、印章刻制、发票申领和社保、"
                    "公积金登记1个工作日内办结。"
                ),
            ],
            [
                "注册资本需要实缴吗？",
                "有限责任公司全体股东认缴的出资额应当按照公司章程规定自公司成立之日起5年内缴足。",
            ],
        ],
    ),
    _item(
        "个体工商户设立登记",
        "010708100000",
        "县行政审批局",
        competent="县市场监管局",
        limits=(3, 0),
        item_type="01",
        handling_type=1,
        service_objects=["1"],
        themes=["enterprise_start", "employment"],
        legal_basis=(
            "《促进个体工商户发展条例》（国务院令第755号）；《中华人民共和国市场主体登记管理条例》"
            "第八条、第十九条"
        ),
        conditions=(
            "有经营能力的自然人或家庭，经营场所真实，经营范围不属于法律法规禁止个体工商户经营的项"
            "目。"
        ),
        result_name="营业执照",
        result_licence_type="营业执照",
        high_frequency=True,
        tolerant_acceptance=True,
        commitment=True,
        materials=[
            _m("个体工商户登记申请书", form="both"),
            _m("居民身份证", form="electronic", notes="经营者"),
            _m(
                "住所（经营场所）使用证明",
                form="both",
                tolerable=True,
                waivable=True,
                notes="可选择经营场所申报承诺",
            ),
        ],
        fields=[
            *_PERSON,
            {"key": "business.trade_name", "required": False},
            "business.form",
            "business.premises_address",
            "business.scope",
        ],
        faq=[
            [
                "个体工商户必须起字号吗？",
                "不必须。个体工商户可以使用名称，也可以不使用名称，不使用名称的以经营者姓名登记。",
            ]
        ],
    ),
    _item(
        "用人单位社会保险登记",
        "200408200000",
        "县人社局",
        limits=(1, 0),
        handling_type=1,
        service_objects=["2", "3", "4", "6"],
        themes=["enterprise_start", "hr"],
        legal_basis="《中华人民共和国社会保险法》第五十七条",
        conditions="用人单位自成立之日起30日内，凭营业执照或登记证书申请办理社会保险登记。",
        result_name="社会保险登记结果",
        high_frequency=True,
        materials=[
            _m("社会保险单位参保登记表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="经办人"),
        ],
        fields=[*_COMPANY, "insurance.types", "insurance.employee_count"],
        faq=[
            [
                "企业开办时能同时办社保登记吗？",
                "能。企业开办专区填报时勾选社保登记，营业执照核发后自动完成登记。",
            ]
        ],
    ),
    _item(
        "用人单位招用人员就业登记",
        "200408300000",
        "县人社局",
        limits=(1, 0),
        handling_type=1,
        service_objects=["2", "3", "4", "6"],
        themes=["hr"],
        legal_basis=(
            "《中华人民共和国就业促进法》；《就业服务与就业管理规定》（劳动和社会保障部令第28号）"
            "第六十二条"
        ),
        conditions="用人单位招用劳动者，自录用之日起30日内为劳动者办理就业登记。",
        result_name="就业登记结果",
        materials=[
            _m("招用人员就业登记花名册", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("劳动合同", form="both", required=False, notes="抽查核验时提供"),
        ],
        fields=[*_COMPANY, "insurance.employee_count", "employment.hire_date"],
        faq=[
            [
                "参保登记后还要单独做就业登记吗？",
                "通过社保增员办理的，系统同步生成就业登记，无需重复申报。",
            ]
        ],
    ),
    _item(
        "住房公积金单位缴存登记",
        "201608400000",
        "县住房公积金管理中心",
        limits=(3, 0),
        handling_type=1,
        service_objects=["2", "3", "4", "5", "6"],
        themes=["enterprise_start", "hr"],
        legal_basis="《住房公积金管理条例》第十四条、第十五条",
        conditions=(
            "新设立的单位自设立之日起30日内办理住房公积金缴存登记，并为本单位职工办理个人账户设立。"
        ),
        result_name="住房公积金单位缴存登记结果",
        materials=[
            _m("住房公积金单位缴存登记表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="经办人"),
        ],
        fields=[*_COMPANY, "housing_fund.deposit_ratio", "insurance.employee_count"],
        faq=[
            [
                "公积金缴存比例怎么定？",
                "单位和职工缴存比例均不低于5%、不高于12%，单位可在此范围内自主确定。",
            ]
        ],
    ),
    _item(
        "发票领用",
        "200608500000",
        "县税务局",
        limits=(1, 0),
        handling_type=1,
        service_objects=["1", "2", "6"],
        themes=["tax", "enterprise_start"],
        legal_basis="《中华人民共和国发票管理办法》；《中华人民共和国税收征收管理法》第二十一条",
        conditions=(
            "已办理涉税信息确认的纳税人，按经营需要领用纸质发票或确定数字化电子发票开票额度。"
        ),
        result_name="发票（数电发票开票额度）",
        high_frequency=True,
        materials=[
            _m("发票领用申请表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="经办人"),
        ],
        fields=[*_COMPANY, "invoice.type", "invoice.monthly_quantity"],
        faq=[
            [
                "新办企业能直接开数电发票吗？",
                (
                    "能。新办纳税人完成实名认证后即可在电子税务局开具数字化电子发票，"
                    "开票额度根据风险等级自动确定。"
                ),
            ]
        ],
    ),
    _item(
        "药品零售企业经营许可",
        "010708600000",
        "县市场监管局",
        limits=(20, 10),
        item_type="01",
        special_procedures=[["现场勘验", 10]],
        service_objects=["2", "6"],
        themes=["permit"],
        legal_basis="《中华人民共和国药品管理法》第五十一条、第五十二条；"
        "《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）",
        conditions=(
            "有依法经过资格认定的药师或其他药学技术人员；有与所经营药品相适应的营业场所、设备、"
            "仓储设施和卫生环境；有质量管理机构或人员；有保证药品质量的规章制度并符合药品经营质量"
            "管理规范。"
        ),
        result_name="药品经营许可证",
        result_licence_type="药品经营许可证",
        materials=[
            _m("药品经营许可申请表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="法定代表人、企业负责人和质量负责人"),
            _m("执业药师注册证", form="electronic"),
            _m("药品经营场所及仓储设施平面布置图", form="both"),
            _m("药品质量管理制度文件", form="both"),
        ],
        fields=[
            *_COMPANY,
            "business.premises_address",
            "premises.area",
            "drug.business_scope",
            "drug.quality_manager",
        ],
        faq=[
            [
                "开药店必须有执业药师吗？",
                (
                    "经营处方药、甲类非处方药的药品零售企业应当配备执业药师；"
                    "只经营乙类非处方药的可配备经培训合格的药学技术人员。"
                ),
            ]
        ],
    ),
    _item(
        "特种设备使用登记",
        "010708700000",
        "县市场监管局",
        limits=(15, 5),
        item_type="01",
        service_objects=["1", "2", "3", "6"],
        themes=["permit"],
        legal_basis=(
            "《中华人民共和国特种设备安全法》第三十三条；《特种设备使用管理规则》（TSG 08）"
        ),
        conditions=(
            "锅炉、压力容器、电梯、起重机械、场（厂）内专用机动车辆等特种设备在投入使用前或投入使"
            "用后30日内，由使用单位申请登记；设备已经监督检验合格。"
        ),
        result_name="特种设备使用登记证",
        result_licence_type="特种设备使用登记证",
        special_procedures=[["检验", 20]],
        channels=["1", "2", "3", "4"],  # 邮寄申请 too: forms and certificates by post
        materials=[
            _m("特种设备使用登记表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("特种设备产品合格证", form="both"),
            _m("特种设备监督检验证书", form="both"),
        ],
        fields=[
            *_COMPANY,
            "equipment.category",
            "equipment.product_number",
            "equipment.location",
        ],
        faq=[
            [
                "电梯使用登记由谁申请？",
                "由电梯使用单位申请，住宅小区电梯一般由受委托的物业服务企业作为使用单位申请。",
            ]
        ],
    ),
    _item(
        "公共场所卫生许可",
        "010808800000",
        "县卫健局",
        limits=(20, 5),
        item_type="01",
        service_objects=["2", "6"],
        themes=["permit"],
        legal_basis=(
            "《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》（原卫生部令第80号）"
        ),
        conditions=(
            "住宿、沐浴、美容美发、游泳场所等公共场所经营者，场所布局、"
            "卫生设施和卫生管理制度符合卫生标准，从业人员取得健康合格证明。"
        ),
        result_name="公共场所卫生许可证",
        result_licence_type="公共场所卫生许可证",
        intermediary_services="公共场所卫生检测（申请人自主选择具备资质的检测机构）",
        materials=[
            _m("公共场所卫生许可申请表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("公共场所卫生管理制度", form="both"),
            _m("从业人员健康合格证明", form="both"),
            _m(
                "公共场所卫生检测报告",
                form="both",
                required=False,
                notes="游泳场所和集中空调通风系统按规定提交",
            ),
        ],
        fields=[
            *_COMPANY,
            "venue.name",
            "business.premises_address",
            "hygiene.venue_type",
            "premises.area",
        ],
        faq=[
            [
                "开饭馆、咖啡馆还需要办公共场所卫生许可证吗？",
                "不需要。饭馆、咖啡馆、酒吧、茶座的公共场所卫生许可已经取消，按食品经营许可管理。",
            ]
        ],
    ),
    _item(
        "娱乐场所经营许可",
        "012208900000",
        "县文旅局",
        limits=(20, 10),
        item_type="01",
        special_procedures=[["现场勘验", 5]],
        service_objects=["2", "6"],
        themes=["permit"],
        legal_basis="《娱乐场所管理条例》第九条、第十一条；《娱乐场所管理办法》（文化和旅游部令）",
        conditions=(
            "已取得营业执照的歌舞、游艺娱乐场所，选址、面积和设施符合《娱乐场所管理条例》规定，"
            "投资人、法定代表人和负责人无条例禁止情形。"
        ),
        result_name="娱乐经营许可证",
        result_licence_type="娱乐经营许可证",
        materials=[
            _m("娱乐场所经营申请书", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="both", notes="法定代表人、主要负责人和投资人"),
            _m("经营场所平面示意图", form="both"),
            _m("住所（经营场所）使用证明", form="both"),
        ],
        fields=[
            *_COMPANY,
            "venue.name",
            "business.premises_address",
            "premises.area",
            "entertainment.type",
        ],
        faq=[
            [
                "歌舞厅离学校多远才能开？",
                (
                    "娱乐场所不得设在学校等敏感区域周边的法定距离内，具体距离以现场勘验时按条例和"
                    "陕西省规定核定为准。"
                ),
            ]
        ],
    ),
    _item(
        "危险化学品经营许可（不带储存设施）",
        "012309000000",
        "县应急管理局",
        limits=(30, 15),
        item_type="01",
        special_procedures=[["现场勘验", 10]],
        service_objects=["2", "6"],
        themes=["permit"],
        legal_basis="《危险化学品安全管理条例》第三十三条、第三十五条；"
        "《危险化学品经营许可证管理办法》（国家安全生产监督管理总局令第55号）",
        conditions=(
            "经营危险化学品（剧毒化学品、易制爆危险化学品除外）且不带储存设施的企业，经营场所、"
            "安全管理制度、主要负责人和安全管理人员符合《危险化学品经营企业安全技术基本要求》"
            "（GB 18265）。"
        ),
        result_name="危险化学品经营许可证",
        result_licence_type="危险化学品经营许可证",
        materials=[
            _m("危险化学品经营许可证申请书", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m(
                "安全生产知识和管理能力考核合格证",
                form="electronic",
                notes="主要负责人和安全生产管理人员",
            ),
            _m("安全生产规章制度和岗位操作规程目录清单", form="both"),
            _m("生产安全事故应急救援预案", form="both"),
            _m("住所（经营场所）使用证明", form="both"),
        ],
        fields=[*_COMPANY, "business.premises_address", "hazmat.chemicals", "hazmat.has_storage"],
        faq=[
            [
                "带仓库的危化品经营许可在哪里办？",
                (
                    "带有储存设施的危险化学品经营许可由宝鸡市应急管理局审批，"
                    "县应急管理局负责不带储存设施的经营许可。"
                ),
            ]
        ],
    ),
    _item(
        "养老机构备案",
        "101009100000",
        "县民政局",
        limits=(1, 0),
        item_type="10",
        handling_type=1,
        service_objects=["2", "3", "4", "6"],
        themes=["permit"],
        legal_basis=(
            "《中华人民共和国老年人权益保障法》第四十三条；《养老机构管理办法》（民政部令第66号）"
        ),
        conditions=(
            "已依法办理法人登记、拟在我县开展养老服务的养老机构，在收住老年人后10个工作日内向县民"
            "政局备案。"
        ),
        result_name="养老机构备案回执",
        materials=[
            _m("养老机构备案书", form="both"),
            _m("养老机构备案承诺书", form="both"),
            _m("营业执照", form="electronic", notes="或事业单位、社会服务机构法人登记证书"),
            _m("住所（经营场所）使用证明", form="both"),
        ],
        fields=[*_COMPANY, "business.premises_address", "elderly_care.bed_count"],
        faq=[
            [
                "养老机构备案后还有检查吗？",
                (
                    "有。县民政局在备案后对养老机构进行现场检查，并将其纳入日常监督管理和服务质量"
                    "评估。"
                ),
            ]
        ],
    ),
    # ---- 工程建设 ----
    _item(
        "企业投资项目备案",
        "101509200000",
        "县发改局",
        limits=(1, 0),
        item_type="10",
        handling_type=1,
        service_objects=["2", "3", "6"],
        themes=["construction"],
        legal_basis="《企业投资项目核准和备案管理条例》（国务院令第673号）第三条、第十三条",
        conditions=(
            "在我县建设的、不属于《政府核准的投资项目目录》范围内的企业投资项目，"
            "在开工建设前通过陕西省投资项目在线审批监管平台告知备案信息。"
        ),
        result_name="企业投资项目备案确认书",
        high_frequency=True,
        materials=[
            _m("企业投资项目备案信息表", form="electronic"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
        ],
        fields=[
            *_COMPANY,
            "project.name",
            "project.address",
            "project.investment",
            "project.content",
        ],
        faq=[
            [
                "备案后项目信息变了怎么办？",
                (
                    "项目法人、建设地点、规模或内容发生较大变更的，应及时通过在线平台告知备案机关"
                    "并修改备案信息。"
                ),
            ]
        ],
    ),
    _item(
        "建设工程规划许可证核发",
        "011309300000",
        "县自然资源局",
        limits=(20, 7),
        item_type="01",
        special_procedures=[["专家评审", 10], ["公示", 7]],
        service_objects=["1", "2", "3", "6"],
        themes=["construction"],
        legal_basis="《中华人民共和国城乡规划法》第四十条",
        conditions=(
            "在城镇开发边界内进行建筑物、构筑物、道路、管线和其他工程建设，已取得土地使用权，"
            "建设工程设计方案符合控制性详细规划和规划条件。"
        ),
        result_name="建设工程规划许可证",
        result_licence_type="建设工程规划许可证",
        materials=[
            _m("建设工程规划许可申请表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("不动产权证书", form="electronic", notes="国有建设用地使用权"),
            _m("建设工程设计方案", form="both", notes="含总平面图和建筑单体方案"),
        ],
        fields=[*_COMPANY, "project.name", "project.code", "project.address", "project.total_area"],
        faq=[
            [
                "设计方案需要批前公示吗？",
                "需要。设计方案在审查通过后进行批前公示7日，公示期不计入承诺时限。",
            ]
        ],
    ),
    _item(
        "建筑工程施工许可证核发",
        "011209400000",
        "县住建局",
        limits=(7, 3),
        item_type="01",
        service_objects=["1", "2", "3", "6"],
        themes=["construction"],
        legal_basis=(
            "《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》"
            "（住房和城乡建设部令第18号）"
        ),
        conditions=(
            "已办理用地批准手续，依法应当办理建设工程规划许可证的已取得；"
            "施工场地已基本具备施工条件；已确定施工企业；有满足施工需要的资金安排、"
            "施工图纸和技术资料；有保证工程质量和安全的具体措施。"
        ),
        result_name="建筑工程施工许可证",
        result_licence_type="建筑工程施工许可证",
        high_frequency=True,
        materials=[
            _m("建筑工程施工许可申请表", form="both"),
            _m("建设工程规划许可证", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("建设工程施工合同", form="both"),
            _m("建设资金已落实承诺书", form="both"),
            _m("施工图设计文件审查合格书", form="both"),
        ],
        fields=[
            *_COMPANY,
            "project.name",
            "project.code",
            "project.address",
            "project.total_area",
            "project.investment",
            "project.contractor",
            "project.supervisor",
        ],
        faq=[
            [
                "小型工程需要办施工许可证吗？",
                (
                    "工程投资额在30万元以下或建筑面积在300平方米以下的建筑工程，"
                    "可以不申请办理施工许可证。"
                ),
            ]
        ],
    ),
    _item(
        "城市建筑垃圾处置核准",
        "011709500000",
        "县城管执法局",
        limits=(20, 5),
        item_type="01",
        service_objects=["1", "2", "3", "6"],
        themes=["construction"],
        legal_basis="《城市建筑垃圾管理规定》（建设部令第139号）第七条；"
        "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）",
        conditions=(
            "处置建筑垃圾的建设单位、施工单位，已确定符合规定的运输单位和消纳场所，"
            "有建筑垃圾分类处置方案。"
        ),
        result_name="城市建筑垃圾处置核准决定书",
        tolerant_acceptance=True,
        materials=[
            _m("城市建筑垃圾处置核准申请表", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("建筑垃圾处置方案", form="both", notes="含运输路线和消纳场所"),
            _m("建筑垃圾运输和消纳合同", form="both", tolerable=True, notes="可容缺，开工前补交"),
        ],
        fields=[
            *_COMPANY,
            "project.name",
            "project.address",
            "waste.volume",
            "waste.disposal_site",
            "waste.transport_company",
        ],
        faq=[
            [
                "运输车辆有什么要求？",
                "运输车辆应全密闭运输并安装卫星定位装置，按核准的路线和时间运输。",
            ]
        ],
    ),
    _item(
        "取水许可",
        "011909600000",
        "县水利局",
        limits=(45, 20),
        item_type="01",
        special_procedures=[["专家评审", 10]],
        service_objects=["1", "2", "3", "6"],
        themes=["permit", "construction"],
        legal_basis=(
            "《中华人民共和国水法》第七条、第四十八条；《取水许可和水资源费征收管理条例》"
            "（国务院令第460号）"
        ),
        conditions=(
            "直接从江河、湖泊或地下取用水资源的单位和个人（家庭生活和零星散养、"
            "圈养畜禽饮用等少量取水除外），取水用途和取水量符合水资源规划、"
            "用水总量控制指标和取水许可审批权限。"
        ),
        result_name="取水许可证",
        result_licence_type="取水许可证",
        intermediary_services="建设项目水资源论证报告书（表）编制（申请人自主选择编制单位）",
        materials=[
            _m("取水许可申请书", form="both"),
            _m("营业执照", form="electronic", required=False, notes="申请人为单位的"),
            _m("居民身份证", form="electronic", required=False, notes="申请人为个人的"),
            _m("建设项目水资源论证报告书（表）", form="both"),
        ],
        fields=[
            "applicant.name",
            "applicant.phone",
            {"key": "enterprise.name", "required": False},
            {"key": "enterprise.uscc", "required": False},
            "project.address",
            "water.source_type",
            "water.purpose",
            "water.annual_volume",
        ],
        faq=[
            [
                "农村家庭打井自用需要办取水许可吗？",
                "家庭生活和零星散养、圈养畜禽饮用等少量取水不需要申请取水许可。",
            ]
        ],
    ),
    _item(
        "林木采伐许可证核发",
        "011309700000",
        "县自然资源局",
        limits=(20, 5),
        item_type="01",
        special_procedures=[["现场勘验", 5]],
        service_objects=["1", "2", "3", "6"],
        themes=["permit", "rural"],
        legal_basis="《中华人民共和国森林法》第五十六条、第五十七条、第五十八条",
        conditions=(
            "采伐林地上的林木，采伐量在年采伐限额内，采伐地点、面积、树种、"
            "方式和更新措施符合规定；农村居民采伐自留山和个人承包集体林地上的林木，"
            "可由受委托的镇人民政府受理。"
        ),
        result_name="林木采伐许可证",
        result_licence_type="林木采伐许可证",
        materials=[
            _m("林木采伐申请表", form="both"),
            _m("居民身份证", form="electronic", required=False, notes="申请人为个人的"),
            _m("营业执照", form="electronic", required=False, notes="申请人为单位的"),
            _m("不动产权证书", form="electronic", notes="林权类不动产权证书或林权证"),
            _m(
                "伐区调查设计文件",
                form="both",
                required=False,
                notes="采伐蓄积量超过陕西省规定数量的",
            ),
        ],
        fields=[
            *_PERSON,
            "forest.location",
            "forest.tree_species",
            "forest.volume",
            "forest.cutting_type",
        ],
        faq=[
            [
                "房前屋后自己种的树要办采伐证吗？",
                "农村居民采伐自留地和房前屋后个人所有的零星林木，不需要申请采伐许可证。",
            ]
        ],
    ),
    # ---- 交通运输、从业资格 ----
    _item(
        "道路运输从业人员从业资格证补发、换发",
        "201409800000",
        "县交通局",
        limits=(5, 0),
        handling_type=1,
        themes=["employment", "travel"],
        legal_basis=(
            "《中华人民共和国道路运输条例》第九条、第二十二条；《道路运输从业人员管理规定》"
            "（交通运输部令）"
        ),
        conditions=(
            "持有经营性道路客货运输驾驶员从业资格证的人员，证件有效期届满前30日内申请换发，"
            "或遗失、损毁后申请补发。"
        ),
        result_name="道路运输从业资格证",
        result_licence_type="道路运输从业资格证",
        cross_region_scope="全国",
        materials=[
            _m("居民身份证", form="electronic"),
            _m("道路运输从业资格证", required=False, notes="换发时交回原证；遗失补发的无需提交"),
            _m("机动车驾驶证", form="electronic", notes="通过电子证照库调取，免于提交"),
        ],
        fields=[*_PERSON, "qualification.category", "certificate.reason"],
        faq=[
            [
                "从业资格证在外地考的可以在眉县换证吗？",
                "可以。道路运输从业资格证补发、换发已实现全国通办。",
            ]
        ],
    ),
    _item(
        "机动车驾驶证补领",
        "010309900000",
        "县公安局",
        limits=(1, 0),
        item_type="01",
        handling_type=1,
        limit_note="由县公安局交通管理大队车驾管服务站办理",
        themes=["travel"],
        legal_basis=(
            "《中华人民共和国道路交通安全法》第十九条；《机动车驾驶证申领和使用规定》"
            "（公安部令第162号）"
        ),
        conditions=(
            "机动车驾驶证遗失或损毁无法辨认，驾驶证在有效期内且未被扣押、扣留、暂扣、吊销或注销。"
        ),
        result_name="机动车驾驶证",
        result_licence_type="机动车驾驶证",
        fee={
            "standard": "机动车驾驶证工本费每证10元",
            ("basis"): (
                "《国家发展改革委 财政部关于公安部门收取的机动车号牌工本费等收费标准及有关问题的通"
                "知》（发改价格规〔2019〕1931号）"
            ),
        },
        high_frequency=True,
        cross_region_scope="全国",
        materials=[
            _m("居民身份证", form="both"),
            _m("近期免冠证件照片", form="electronic", notes="可现场采集或由照相馆上传"),
        ],
        fields=[*_PERSON, "driving_licence.class", "certificate.reason"],
        faq=[
            [
                "驾驶证丢了能在网上补领吗？",
                "能。通过“交管12123”APP申请补领，驾驶证邮寄到家，也可以到县车驾管服务站现场办理。",
            ]
        ],
    ),
    # ---- 个人：婚姻、收养 ----
    _item(
        "结婚登记",
        "071010000000",
        "县民政局",
        limits=(1, 0),
        item_type="07",
        handling_type=1,
        themes=["marriage"],
        legal_basis="《中华人民共和国民法典》第一千零四十六条、第一千零四十九条；《婚姻登记条例》",
        conditions=(
            "男女双方完全自愿，男年满22周岁、女年满20周岁，双方均无配偶，"
            "且没有直系血亲或三代以内旁系血亲关系；双方共同亲自到婚姻登记机关申请。"
        ),
        result_name="结婚证",
        result_licence_type="结婚证",
        high_frequency=True,
        cross_region_scope="全国",
        channels=["1"],
        online_depth=2,
        visits=1,
        postal_delivery=False,
        materials=[
            _m("居民身份证", form="both", notes="男女双方"),
            _m("无配偶及无禁止结婚亲属关系签字声明", notes="双方在婚姻登记员面前签署"),
            _m("双方近期半身免冠合影照片", copies=2, notes="2寸，可现场拍摄"),
        ],
        fields=[*_PERSON, "spouse.name", "spouse.id_number", "appointment.date"],
        faq=[
            [
                "在眉县办结婚登记需要户口本吗？",
                "不需要。结婚登记已实行全国通办，男女双方持居民身份证即可在眉县婚姻登记处办理。",
            ],
            [
                "可以预约特殊日子登记吗？",
                "可以。通过“秦务员”平台提前预约，节假日特殊日期按公告开放预约。",
            ],
        ],
    ),
    _item(
        "离婚登记",
        "071010100000",
        "县民政局",
        limits=(30, 30),
        unit="natural",
        item_type="07",
        limit_note="离婚冷静期30日（自然日），届满后30日内双方亲自到场申请发给离婚证",
        themes=["marriage"],
        legal_basis=(
            "《中华人民共和国民法典》第一千零七十六条、第一千零七十七条、第一千零七十八条；"
            "《婚姻登记条例》"
        ),
        conditions=(
            "夫妻双方自愿离婚，对子女抚养、财产和债务处理达成一致并签订书面离婚协议，"
            "双方共同亲自到婚姻登记机关申请。"
        ),
        result_name="离婚证",
        result_licence_type="离婚证",
        cross_region_scope="全国",
        channels=["1"],
        online_depth=2,
        visits=1,
        postal_delivery=False,
        materials=[
            _m("居民身份证", form="both", notes="双方"),
            _m("结婚证", notes="双方各持一本"),
            _m("离婚协议书", originals=3, notes="双方签名，一式三份"),
        ],
        fields=[*_PERSON, "spouse.name", "spouse.id_number", "appointment.date"],
        faq=[
            [
                "冷静期内能撤回离婚申请吗？",
                "可以。冷静期内任何一方不愿意离婚的，可向婚姻登记机关撤回离婚登记申请。",
            ]
        ],
    ),
    _item(
        "收养登记",
        "071010200000",
        "县民政局",
        limits=(30, 20),
        unit="natural",
        item_type="07",
        special_procedures=[["公示", 60]],
        limit_note="收养查找不到生父母的未成年人的，登记前公告查找生父母，公告期不计入办理时限",
        themes=["birth"],
        legal_basis=(
            "《中华人民共和国民法典》第一千零九十三条、第一千零九十八条、第一千一百零五条；"
            "《中国公民收养子女登记办法》"
        ),
        conditions=(
            "收养人无子女或只有一名子女，有抚养、教育和保护被收养人的能力，"
            "未患有在医学上认为不应当收养子女的疾病，无不利于被收养人健康成长的违法犯罪记录，"
            "年满30周岁；被收养人为未成年人。"
        ),
        result_name="收养登记证",
        result_licence_type="收养登记证",
        channels=["1"],
        online_depth=2,
        visits=1,
        postal_delivery=False,
        materials=[
            _m("收养申请书"),
            _m("居民身份证", form="both", notes="收养人、送养人"),
            _m("居民户口簿", form="both", notes="收养人"),
            _m("收养人家庭情况声明"),
            _m("收养人身体健康检查证明", notes="县级以上医疗机构出具"),
            _m("收养协议", originals=3, required=False, notes="收养人与送养人签订的"),
        ],
        fields=[
            *_PERSON,
            {"key": "spouse.name", "required": False},
            {"key": "spouse.id_number", "required": False},
            "adoptee.name",
            "adoptee.gender",
            "adoptee.birth_date",
            "adoption.reason",
        ],
        faq=[
            [
                "收养登记前要做收养评估吗？",
                (
                    "需要。县民政局可委托第三方机构对收养人的收养能力进行评估，"
                    "评估结果作为登记的参考。"
                ),
            ]
        ],
    ),
    # ---- 民政救助、身后事 ----
    _item(
        "最低生活保障审批",
        "051010300000",
        "县民政局",
        limits=(30, 20),
        item_type="05",
        special_procedures=[["公示", 7]],
        limit_note="镇（街道）受理并入户调查，县民政局审核确认；公示期不计入承诺时限",
        themes=["relief"],
        legal_basis=(
            "《社会救助暂行办法》第九条、第十一条；《最低生活保障审核确认办法》（民发〔2021〕57号）"
        ),
        conditions="共同生活的家庭成员人均收入低于眉县最低生活保障标准，家庭财产状况符合规定，"
        "向户籍所在地或经常居住地镇人民政府（街道办事处）提出申请。",
        result_name="最低生活保障审核确认决定",
        high_frequency=True,
        process=[
            ["受理", "县民政局", "window_clerk"],
            ["入户调查", "县民政局", "approver"],
            ["审核确认", "县民政局", "dept_admin"],
        ],
        materials=[
            _m("最低生活保障申请书", form="both"),
            _m("居民身份证", form="both", notes="共同生活的家庭成员"),
            _m("居民户口簿", form="both"),
            _m("家庭经济状况核对授权书", form="both", notes="共同生活的家庭成员签字"),
            _m("残疾人证", form="electronic", required=False, notes="家庭成员持有的"),
        ],
        fields=[
            *_PERSON,
            "applicant.address",
            "household.members",
            "household.monthly_income",
            "relief.reason",
            "bank.account_number",
        ],
        faq=[
            [
                "家里有车能申请低保吗？",
                (
                    "按眉县最低生活保障家庭财产认定办法执行，拥有非生活必需机动车辆的一般不予认定"
                    "，残疾人功能性补偿代步车除外。"
                ),
            ]
        ],
    ),
    _item(
        "惠民殡葬基本服务费用减免",
        "051010400000",
        "县民政局",
        limits=(1, 0),
        item_type="05",
        handling_type=1,
        themes=["after_death"],
        legal_basis="《殡葬管理条例》（国务院令第225号）",
        conditions=(
            "户籍在我县的城乡居民死亡后在眉县殡仪馆火化的，减免遗体接运、暂存、"
            "火化和骨灰寄存基本殡葬服务费用。"
        ),
        result_name="基本殡葬服务费用减免结算单",
        channels=["1"],
        online_depth=1,
        visits=1,
        postal_delivery=False,
        materials=[
            _m("居民死亡医学证明（推断）书"),
            _m("居民身份证", form="both", notes="经办的亲属"),
        ],
        fields=[*_PERSON, "deceased.name", "deceased.id_number", "deceased.death_date"],
        faq=[
            [
                "减免的费用要先垫付吗？",
                "不需要。在县殡仪馆结算时直接减免，只需支付基本服务以外的选择性服务费用。",
            ]
        ],
    ),
    _item(
        "死亡人员户口注销",
        "070310500000",
        "县公安局",
        limits=(1, 0),
        item_type="07",
        handling_type=1,
        themes=["after_death", "household"],
        legal_basis="《中华人民共和国户口登记条例》第八条；《中华人民共和国居民身份证法》",
        conditions=(
            "户籍在我县的公民死亡后，城市在葬前、农村在1个月以内，由户主、亲属、"
            "抚养人或邻居申报死亡登记并注销户口。"
        ),
        result_name="户口注销证明",
        high_frequency=True,
        materials=[
            _m(
                "居民死亡医学证明（推断）书",
                form="electronic",
                notes="通过卫健部门数据共享获取的免于提交",
            ),
            _m("居民户口簿", form="both"),
            _m("居民身份证", form="both", notes="申报人身份证；死者居民身份证一并交回"),
        ],
        fields=[
            *_PERSON,
            "deceased.name",
            "deceased.id_number",
            "deceased.death_date",
            "deceased.relationship",
        ],
        faq=[
            [
                "注销户口后还需要到社保、医保分别报停吗？",
                (
                    "不需要。死亡信息由县公安局共享至人社、医保和民政部门，"
                    "按规定停发待遇并提示家属办理丧葬补助金申领。"
                ),
            ]
        ],
    ),
    _item(
        "参保人员死亡丧葬补助金、抚恤金及个人账户余额申领",
        "050410600000",
        "县人社局",
        limits=(20, 10),
        item_type="05",
        themes=["after_death", "social_security"],
        legal_basis="《中华人民共和国社会保险法》第十四条、第十七条",
        conditions=(
            "参加企业职工基本养老保险或城乡居民基本养老保险的人员因病或非因工死亡，"
            "其遗属申领丧葬补助金、抚恤金，个人账户余额由法定继承人或指定受益人继承。"
        ),
        result_name="丧葬补助金、抚恤金核定结果",
        high_frequency=True,
        materials=[
            _m(
                "居民死亡医学证明（推断）书",
                form="electronic",
                notes="通过卫健部门数据共享获取的免于提交",
            ),
            _m("居民身份证", form="both", notes="申领人"),
            _m(
                "居民户口簿",
                form="both",
                notes="核实申领人与死者的亲属关系；不在同一户口簿的提交结婚证或出生医学证明",
            ),
            _m("银行卡", form="both", notes="申领人本人名下银行账户"),
        ],
        fields=[
            *_PERSON,
            "deceased.name",
            "deceased.id_number",
            "deceased.death_date",
            "deceased.relationship",
            "bank.name",
            "bank.account_number",
        ],
        faq=[
            [
                "多个继承人怎么领取个人账户余额？",
                "由继承人协商确定一人代为申领，或按公证、法院判决确定的份额分别申领。",
            ]
        ],
    ),
    # ---- 户籍 ----
    _item(
        "户口迁入登记",
        "070310700000",
        "县公安局",
        limits=(20, 5),
        item_type="07",
        themes=["household"],
        legal_basis="《中华人民共和国户口登记条例》第十三条",
        conditions=(
            "符合眉县落户条件（投靠亲属、购房落户、就业落户、大中专学生或人才引进）"
            "的人员申请迁入本县户口；跨省迁移实行“一站式”办理，无需回迁出地开具准迁证明。"
        ),
        result_name="居民户口簿",
        result_licence_type="居民户口簿",
        high_frequency=True,
        cross_region_scope="跨省",
        online_depth=3,
        visits=1,
        materials=[
            _m("居民身份证", form="both"),
            _m("居民户口簿", form="both", required=False, notes="投靠落户的，提交迁入地户主户口簿"),
            _m("不动产权证书", form="electronic", required=False, notes="购房落户的"),
            _m("结婚证", form="electronic", required=False, notes="夫妻投靠的"),
            _m("劳动合同", form="both", required=False, notes="就业落户的"),
        ],
        fields=[
            *_PERSON,
            "migration.from_address",
            "migration.reason",
            "household.registration_address",
        ],
        faq=[
            [
                "从外省迁来还要回老家开准迁证吗？",
                "不用。跨省户口迁移已实行“一站式”办理，在眉县户籍窗口一次申请即可。",
            ]
        ],
    ),
    _item(
        "居民身份证申领、换领、补领",
        "070310800000",
        "县公安局",
        limits=(60, 20),
        unit="natural",
        item_type="07",
        themes=["household"],
        legal_basis="《中华人民共和国居民身份证法》第七条、第八条、第十一条",
        conditions=(
            "户籍在我县的公民首次申领、有效期满换领、损坏或登记项目变更换领、丢失补领居民身份证；"
            "非本县户籍公民可申请异地受理换领、补领。"
        ),
        result_name="居民身份证",
        result_licence_type="居民身份证",
        fee={
            "standard": "首次申领、有效期满换领每证20元；丢失补领、损坏换领每证40元",
            ("basis"): (
                "《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》"
                "（发改价格〔2003〕2322号）"
            ),
        },
        high_frequency=True,
        cross_region_scope="全国",
        online_depth=3,
        visits=1,
        materials=[
            _m("居民户口簿", form="both"),
            _m("居民身份证", required=False, notes="换领时交回原证"),
            _m("近期免冠证件照片", form="electronic", notes="现场采集或经认证的照相馆上传"),
        ],
        fields=[*_PERSON, "idcard.reason"],
        faq=[
            [
                "身份证能邮寄到家吗？",
                "可以。申请时选择邮寄送达，证件制作完成后免费邮寄。",
            ]
        ],
    ),
    # ---- 就业、社保、医保 ----
    _item(
        "就业创业证申领",
        "200410900000",
        "县人社局",
        limits=(1, 0),
        handling_type=1,
        themes=["employment"],
        legal_basis=(
            "《中华人民共和国就业促进法》；《就业服务与就业管理规定》（劳动和社会保障部令第28号）"
        ),
        conditions=(
            "在法定劳动年龄内、有劳动能力和就业要求的城乡劳动者，办理就业或失业登记时申领就业创业"
            "证。"
        ),
        result_name="就业创业证",
        result_licence_type="就业创业证",
        high_frequency=True,
        cross_region_scope="全国",
        materials=[_m("居民身份证", form="electronic")],
        fields=[*_PERSON, "applicant.address", "employment.status", "employment.education"],
        faq=[
            [
                "就业创业证有纸质的吗？",
                "已全面推行电子就业创业证，可在“秦务员”平台亮证使用，确需纸质证件的可到窗口领取。",
            ]
        ],
    ),
    _item(
        "失业保险金申领",
        "050411000000",
        "县人社局",
        limits=(10, 3),
        item_type="05",
        themes=["employment", "social_security"],
        legal_basis="《中华人民共和国社会保险法》第四十五条、第五十条；《失业保险条例》第十四条",
        conditions=(
            "失业前用人单位和本人已缴纳失业保险费满1年，非因本人意愿中断就业，"
            "已进行失业登记并有求职要求。"
        ),
        result_name="失业保险金核定结果",
        high_frequency=True,
        tolerant_acceptance=True,
        cross_region_scope="全国",
        materials=[
            _m("居民身份证", form="electronic"),
            _m("社会保障卡", form="both", notes="作为失业保险金发放账户"),
            _m(
                "终止或解除劳动合同证明",
                form="both",
                tolerable=True,
                notes="可通过数据共享核验的免于提交；可容缺，10个工作日内补交",
            ),
        ],
        fields=[*_PERSON, "unemployment.reason", "unemployment.date"],
        faq=[
            [
                "领取失业保险金期间还能领医保吗？",
                "能。领取失业保险金期间，由失业保险基金代缴职工基本医疗保险费，个人不缴费。",
            ]
        ],
    ),
    _item(
        "创业担保贷款申请",
        "200411100000",
        "县人社局",
        limits=(20, 10),
        themes=["employment"],
        legal_basis=(
            "《中华人民共和国就业促进法》；《财政部 人力资源社会保障部 中国人民银行关于进一步加大"
            "创业担保贷款贴息力度全力支持重点群体创业就业的通知》（财金〔2020〕21号）"
        ),
        conditions=(
            "在我县创业的城镇登记失业人员、就业困难人员、退役军人、返乡创业农民工或高校毕业生，"
            "本人及配偶无不良信用记录，已办理营业执照或创业项目已确定。"
        ),
        result_name="创业担保贷款审核意见",
        materials=[
            _m("创业担保贷款申请表", form="both"),
            _m("居民身份证", form="electronic"),
            _m(
                "营业执照",
                form="electronic",
                required=False,
                notes="已办理营业执照的，通过电子证照库调取",
            ),
            _m(
                "就业创业证",
                form="electronic",
                required=False,
                notes="城镇登记失业人员、就业困难人员",
            ),
            _m("创业项目计划书", form="both"),
        ],
        fields=[
            *_PERSON,
            "business.trade_name",
            "business.scope",
            "loan.amount",
            "loan.term_years",
        ],
        faq=[
            [
                "创业担保贷款最多能贷多少？",
                "个人最高可申请30万元，合伙创业的可按规定适当提高额度，贷款期限最长3年。",
            ]
        ],
    ),
    _item(
        "异地就医备案",
        "200511200000",
        "县医保局",
        limits=(1, 0),
        handling_type=1,
        themes=["medical"],
        legal_basis=(
            "《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》"
            "（医保发〔2022〕22号）"
        ),
        conditions=(
            "参加我县基本医疗保险，因异地安置退休、异地长期居住、常驻异地工作或异地转诊、"
            "急诊抢救需要在就医地直接结算的参保人员。"
        ),
        result_name="异地就医备案结果",
        high_frequency=True,
        commitment=True,
        cross_region_scope="跨省",
        materials=[
            _m("跨省异地就医登记备案表", form="electronic"),
            _m("社会保障卡", form="electronic"),
            _m(
                "居住证",
                form="electronic",
                required=False,
                waivable=True,
                notes="异地长期居住人员提交就医地居住证；签署告知承诺书的免于提交",
            ),
            _m(
                "告知承诺书",
                form="electronic",
                required=False,
                notes="异地长期居住人员以个人承诺代替居住证",
            ),
        ],
        fields=[
            *_PERSON,
            "medical.filing_type",
            "medical.settlement_place",
            "medical.filing_start",
        ],
        faq=[
            [
                "备案后多久能在外地直接结算？",
                "线上备案即时生效，备案成功后即可在就医地开通跨省直接结算的定点医疗机构持卡结算。",
            ]
        ],
    ),
    _item(
        "门诊慢特病待遇认定",
        "070511300000",
        "县医保局",
        limits=(20, 10),
        item_type="07",
        special_procedures=[["专家评审", 10]],
        themes=["medical"],
        legal_basis=(
            "《中华人民共和国社会保险法》第二十八条；《国务院办公厅关于建立健全职工基本医疗保险门"
            "诊共济保障机制的指导意见》（国办发〔2021〕14号）"
        ),
        conditions=(
            "参加我县基本医疗保险，经二级及以上定点医疗机构确诊患有陕西省门诊慢特病病种目录内疾病"
            "的参保人员。"
        ),
        result_name="门诊慢特病待遇认定结果",
        high_frequency=True,
        materials=[
            _m("门诊慢特病待遇认定申请表", form="both"),
            _m("居民身份证", form="electronic"),
            _m("疾病诊断证明书", form="both"),
            _m("门诊或住院病历", form="both", notes="近一年的病历资料"),
        ],
        fields=[*_PERSON, "medical.disease", "medical.hospital"],
        faq=[
            [
                "认定后在哪里看病能报销？",
                "认定后在本人选定的门诊慢特病定点医疗机构就医购药，按规定比例直接结算。",
            ]
        ],
    ),
    # ---- 住房 ----
    _item(
        "国有建设用地使用权及房屋所有权首次登记",
        "071311400000",
        "县自然资源局",
        limits=(30, 5),
        item_type="07",
        special_procedures=[["公示", 15]],
        service_objects=["2", "3", "6"],
        themes=["construction"],
        legal_basis=(
            "《中华人民共和国民法典》第二百零九条；《不动产登记暂行条例》第十四条、第二十条；"
            "《不动产登记暂行条例实施细则》"
        ),
        conditions="房屋已竣工并通过规划核实和竣工验收，土地使用权已登记，房屋测绘成果已确认。",
        result_name="不动产权证书",
        result_licence_type="不动产权证书",
        fee={
            "standard": "住宅每件80元，非住宅每件550元；证书工本费每本10元（第一本免收）",
            ("basis"): (
                "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                "（发改价格规〔2016〕2559号）"
            ),
        },
        materials=[
            _m("不动产登记申请书", form="both"),
            _m("营业执照", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("不动产权证书", form="electronic", notes="国有建设用地使用权"),
            _m("建设工程规划核实意见", form="electronic"),
            _m("建设工程竣工验收备案证明", form="electronic"),
            _m("房屋测绘报告", form="both"),
        ],
        fields=[*_COMPANY, "project.name", "property.address", "property.area", "property.use"],
        faq=[
            [
                "交房时能同时拿到房产证吗？",
                "开发企业办理首次登记后，购房人可在交房现场申请转移登记，实现“交房即交证”。",
            ]
        ],
    ),
    _item(
        "二手房转移登记",
        "071311500000",
        "县自然资源局",
        joint_departments=["县税务局"],
        limits=(30, 3),
        item_type="07",
        themes=["housing"],
        legal_basis=(
            "《中华人民共和国民法典》第二百零九条、第二百一十条；《不动产登记暂行条例》第十四条、"
            "第二十条"
        ),
        conditions=(
            "买卖双方已签订房屋买卖合同，房屋已登记且未被查封，已依法缴纳契税和增值税、"
            "个人所得税；设有抵押的已取得抵押权人同意。"
        ),
        result_name="不动产权证书",
        result_licence_type="不动产权证书",
        fee={
            "standard": "住宅每件80元，非住宅每件550元；证书工本费每本10元（第一本免收）",
            ("basis"): (
                "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                "（发改价格规〔2016〕2559号）"
            ),
        },
        high_frequency=True,
        online_depth=3,
        visits=1,
        process=[
            ["受理", "县自然资源局", "window_clerk"],
            ["税费核定", "县税务局", "approver"],
            ["登簿", "县自然资源局", "approver"],
        ],
        materials=[
            _m("不动产登记申请书", form="both"),
            _m("居民身份证", form="both", notes="买卖双方"),
            _m("不动产权证书", notes="卖方原证"),
            _m("房屋买卖合同", form="both"),
            _m("契税完税凭证", form="electronic", notes="一窗办理时由税务部门共享，免于提交"),
            _m("结婚证", form="electronic", required=False, notes="买方或卖方已婚的"),
        ],
        fields=[
            *_PERSON,
            "property.address",
            "property.certificate_number",
            "property.area",
            "transfer.buyer_name",
            "transfer.buyer_id_number",
            "transfer.price",
        ],
        faq=[
            [
                "二手房过户还要分别跑税务和不动产窗口吗？",
                (
                    "不用。县政务服务中心不动产登记窗口“一窗受理”，税费核定和登记同步办理，"
                    "水电气过户可一并申请。"
                ),
            ]
        ],
    ),
    _item(
        "不动产抵押登记",
        "071311600000",
        "县自然资源局",
        limits=(30, 1),
        item_type="07",
        service_objects=["1", "2", "6"],
        themes=["housing"],
        legal_basis=(
            "《中华人民共和国民法典》第三百九十五条、第四百零二条；《不动产登记暂行条例》第十四条"
        ),
        conditions="以已登记的不动产设立抵押，抵押人与抵押权人已签订抵押合同，由双方共同申请。",
        result_name="不动产登记证明",
        result_licence_type="不动产登记证明",
        fee={
            "standard": "住宅每件80元，非住宅每件550元；小微企业（含个体工商户）申请的免收",
            ("basis"): (
                "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"
                "（发改价格规〔2016〕2559号）"
            ),
        },
        materials=[
            _m("不动产登记申请书", form="both"),
            _m("不动产权证书", form="electronic"),
            _m("抵押合同", form="both"),
            _m("借款合同", form="both"),
            _m("居民身份证", form="both", notes="抵押人"),
            _m("营业执照", form="electronic", notes="抵押权人（银行）"),
        ],
        fields=[
            *_PERSON,
            "property.address",
            "property.certificate_number",
            "mortgage.creditor",
            "mortgage.amount",
            "mortgage.end_date",
        ],
        faq=[
            [
                "银行能直接帮我办抵押登记吗？",
                "能。我县已在合作银行网点设立不动产抵押登记便民点，贷款签约后由银行在线提交申请。",
            ]
        ],
    ),
    _item(
        "住房公积金个人住房贷款",
        "201611700000",
        "县住房公积金管理中心",
        limits=(15, 5),
        intermediary_services="房产评估（购买二手房贷款时，申请人自主选择评估机构）",
        themes=["housing"],
        legal_basis="《住房公积金管理条例》第二十六条",
        conditions=(
            "连续足额缴存住房公积金满6个月（以宝鸡市住房公积金管理委员会规定为准），购买、建造、"
            "翻建、大修自住住房，借款人及配偶无未结清的住房公积金贷款。"
        ),
        result_name="住房公积金贷款审批结果",
        high_frequency=True,
        online_depth=3,
        visits=1,
        materials=[
            _m("住房公积金个人住房贷款申请表", form="both"),
            _m("居民身份证", form="both", notes="借款人及配偶"),
            _m("结婚证", form="electronic", required=False, notes="已婚的"),
            _m("房屋买卖合同", form="both"),
            _m("首付款缴纳凭证", form="both"),
        ],
        fields=[
            *_PERSON,
            "housing_fund.account_number",
            "property.address",
            "transfer.price",
            "loan.amount",
            "loan.term_years",
        ],
        faq=[
            [
                "公积金贷款最长能贷多少年？",
                "贷款期限最长30年，且贷款到期日不超过借款人法定退休年龄后5年。",
            ]
        ],
    ),
    _item(
        "住房公积金租房提取",
        "201611800000",
        "县住房公积金管理中心",
        limits=(3, 0),
        handling_type=1,
        themes=["housing"],
        legal_basis="《住房公积金管理条例》第二十四条、第二十五条",
        conditions=(
            "缴存职工本人及配偶在宝鸡市无自有住房且租赁住房的，可按宝鸡市规定的额度按年提取。"
        ),
        result_name="住房公积金提取到账",
        high_frequency=True,
        materials=[
            _m("居民身份证", form="electronic"),
            _m("房屋租赁合同", form="both", required=False, notes="按规定额度提取的免于提交"),
            _m("银行卡", form="both", notes="本人名下银行账户"),
        ],
        fields=[
            *_PERSON,
            "housing_fund.account_number",
            "housing_fund.withdraw_amount",
            "bank.name",
            "bank.account_number",
        ],
        faq=[
            [
                "租房提取需要房东签字吗？",
                "按宝鸡市规定额度提取的，无需提交租赁合同和房东信息，在线承诺无自有住房即可。",
            ]
        ],
    ),
    # ---- 卫健、教育、残联、法律 ----
    _item(
        "医师执业注册",
        "010811900000",
        "县卫健局",
        limits=(20, 5),
        item_type="01",
        themes=["employment"],
        legal_basis=(
            "《中华人民共和国医师法》第十三条、第十四条；《医师执业注册管理办法》"
            "（国家卫生和计划生育委员会令第13号）"
        ),
        conditions=(
            "取得医师资格，拟在我县医疗、预防、保健机构执业，身体健康能够胜任医师执业活动，"
            "无《医师法》规定的不予注册情形。"
        ),
        result_name="医师执业证书",
        result_licence_type="医师执业证书",
        materials=[
            _m("医师执业注册申请审核表", form="both"),
            _m("医师资格证书", form="electronic"),
            _m("居民身份证", form="electronic"),
            _m("医师健康体检证明", form="both", notes="近6个月内县级以上医疗机构出具"),
            _m("医疗机构拟聘用证明", form="both"),
        ],
        fields=[
            *_PERSON,
            "practitioner.qualification_number",
            "practitioner.category",
            "practitioner.scope",
            "practitioner.institution",
        ],
        faq=[
            [
                "在多个医院执业要分别注册吗？",
                "不需要。医师在本省内多机构执业的，以一家主要执业机构注册，其他机构在系统中备案。",
            ]
        ],
    ),
    _item(
        "教师资格认定",
        "070912000000",
        "县教体局",
        limits=(30, 20),
        item_type="07",
        limit_note="按陕西省每年春、秋两季公布的认定时间集中受理",
        themes=["employment", "education"],
        legal_basis=(
            "《中华人民共和国教师法》第十条、第十一条、第十三条；《教师资格条例》；"
            "《〈教师资格条例〉实施办法》"
        ),
        conditions=(
            "具有中华人民共和国国籍，遵守宪法和法律，热爱教育事业，具有良好的思想品德；"
            "具备《教师法》规定的学历，中小学教师资格考试合格或属于免试认定范围，"
            "普通话水平达到规定等级，体检合格。"
        ),
        result_name="教师资格证书",
        result_licence_type="教师资格证书",
        materials=[
            _m("教师资格认定申请表", form="electronic"),
            _m("居民身份证", form="electronic"),
            _m("学历证书", form="electronic", notes="通过学信网在线核验"),
            _m("中小学教师资格考试合格证明", form="electronic"),
            _m("普通话水平测试等级证书", form="electronic"),
            _m("教师资格认定体检合格证明", notes="县级以上医院出具"),
            _m("近期免冠证件照片", form="electronic"),
        ],
        fields=[
            *_PERSON,
            "teacher.qualification_type",
            "teacher.subject",
            "teacher.exam_certificate_number",
            "employment.education",
        ],
        faq=[
            [
                "县教体局能认定哪些类别的教师资格？",
                (
                    "县教体局认定幼儿园、小学和初级中学教师资格，高级中学和中职教师资格由宝鸡市教"
                    "育局认定。"
                ),
            ]
        ],
    ),
    _item(
        "残疾人辅助器具适配补贴",
        "051112100000",
        "县残联",
        limits=(20, 10),
        item_type="05",
        themes=["disability"],
        legal_basis=(
            "《中华人民共和国残疾人保障法》；《残疾预防和残疾人康复条例》（国务院令第675号）"
        ),
        conditions=(
            "持有残疾人证的本县户籍残疾人，经评估需要适配轮椅、助听器、假肢矫形器、助行器或盲杖，"
            "在定点适配机构适配。"
        ),
        result_name="辅助器具适配补贴审批结果",
        materials=[
            _m("残疾人辅助器具适配补贴申请表", form="both"),
            _m("残疾人证", form="electronic", notes="通过电子证照库调取，免于提交"),
            _m("居民身份证", form="electronic"),
            _m("辅助器具适配评估表", form="both", notes="定点适配机构出具"),
        ],
        fields=[
            *_PERSON,
            "disability.certificate_number",
            "disability.category",
            "assistive.device_type",
            "bank.account_number",
        ],
        faq=[
            [
                "辅具补贴是先买后报吗？",
                "在定点适配机构适配的，补贴部分由机构直接减免结算，个人只支付超出补贴标准的部分。",
            ]
        ],
    ),
    _item(
        "法律援助申请",
        "202512200000",
        "县司法局",
        limits=(7, 3),
        themes=["legal_aid", "relief"],
        legal_basis="《中华人民共和国法律援助法》第三十一条、第四十一条、第四十三条",
        conditions=(
            "因经济困难没有委托代理人的当事人，就请求国家赔偿、给予社会保险待遇或社会救助、"
            "给付赡养费抚养费扶养费、确认劳动关系或支付劳动报酬、请求工伤事故人身损害赔偿事项，"
            "可申请法律援助。"
        ),
        result_name="给予法律援助决定书",
        tolerant_acceptance=True,
        commitment=True,
        materials=[
            _m("法律援助申请表", form="both"),
            _m("居民身份证", form="electronic"),
            _m("经济困难状况个人诚信承诺书", form="both"),
            _m(
                "经济困难证明",
                waivable=True,
                notes="签署经济困难状况个人诚信承诺书的免于提交",
            ),
            _m(
                "案件事实证据复印件",
                originals=0,
                copies=1,
                tolerable=True,
                notes="可容缺，3个工作日内补交",
            ),
        ],
        fields=[
            *_PERSON,
            "applicant.address",
            "case.type",
            "case.opposing_party",
            "case.description",
        ],
        faq=[
            [
                "申请法律援助要证明自己困难吗？",
                (
                    "不需要开具证明。申请人如实填写经济困难状况并签署个人诚信承诺，"
                    "县法律援助中心通过数据共享核查。"
                ),
            ]
        ],
    ),
]


# ---- 镇（街道）便民服务中心 (level 5) and 村（社区）便民服务站 (level 6) ----
# Each of these is implemented by every town; the demo lists one town's entry per item.

_LOCAL_ITEMS: list[dict[str, Any]] = [
    _item(
        "临时救助审批",
        "051012300000",
        "横渠镇",
        competent="县民政局",
        limits=(20, 5),
        item_type="05",
        level=5,
        limit_note="急难型临时救助实行先行救助，24小时内发放，事后补齐手续",
        themes=["relief"],
        legal_basis=(
            "《社会救助暂行办法》第四十七条、第四十八条；《国务院关于全面建立临时救助制度的通知》"
            "（国发〔2014〕47号）"
        ),
        conditions=(
            "因火灾、交通事故、突发重大疾病等意外事件，或因生活必需支出突然增加超出家庭承受能力，"
            "导致基本生活暂时出现严重困难的家庭或个人，向户籍所在地或经常居住地镇人民政府（街道办"
            "事处）申请。"
        ),
        result_name="临时救助审批决定",
        high_frequency=True,
        tolerant_acceptance=True,
        process=[
            ["受理", "横渠镇", "window_clerk"],
            ["调查核实", "横渠镇", "approver"],
            ["审批", "横渠镇", "dept_admin"],
        ],
        materials=[
            _m("临时救助申请书", form="both"),
            _m("居民身份证", form="both"),
            _m("家庭经济状况核对授权书", form="both"),
            _m(
                "医疗收费票据",
                form="both",
                required=False,
                tolerable=True,
                notes="因病致困的提交；可容缺，救助发放前补交",
            ),
        ],
        fields=[
            *_PERSON,
            "applicant.address",
            "household.members",
            "relief.type",
            "relief.reason",
            "bank.account_number",
        ],
        faq=[
            [
                "不是本镇户籍能申请临时救助吗？",
                "能。在经常居住地遭遇急难情形的，可直接向经常居住地镇人民政府（街道办事处）申请。",
            ]
        ],
    ),
    _item(
        "特困人员救助供养申请",
        "051012400000",
        "营头镇",
        competent="县民政局",
        limits=(20, 15),
        item_type="05",
        level=5,
        special_procedures=[["公示", 7]],
        themes=["relief", "retirement"],
        legal_basis=(
            "《社会救助暂行办法》第十四条、第十五条、第十六条；《特困人员认定办法》"
            "（民发〔2021〕43号）"
        ),
        conditions=(
            "无劳动能力、无生活来源，且无法定赡养、抚养、扶养义务人或其法定义务人无履行义务能力的"
            "老年人、残疾人和未满18周岁的未成年人。"
        ),
        result_name="特困人员认定结果",
        process=[
            ["受理", "营头镇", "window_clerk"],
            ["调查核实", "营头镇", "approver"],
            ["审核确认", "营头镇", "dept_admin"],
        ],
        materials=[
            _m("特困人员救助供养申请书", form="both"),
            _m("居民身份证", form="both"),
            _m("居民户口簿", form="both"),
            _m("家庭经济状况核对授权书", form="both"),
            _m("残疾人证", form="electronic", required=False, notes="申请人为残疾人的"),
        ],
        fields=[
            *_PERSON,
            "applicant.address",
            "relief.care_type",
            "relief.reason",
            "bank.account_number",
        ],
        faq=[
            [
                "特困人员可以选择去敬老院吗？",
                (
                    "可以。生活能够自理的可以选择分散供养或到镇敬老院集中供养，"
                    "生活不能自理的优先集中供养。"
                ),
            ]
        ],
    ),
    _item(
        "农村村民住宅用地审批",
        "011312500000",
        "槐芽镇",
        competent="县自然资源局",
        limits=(20, 15),
        item_type="01",
        level=5,
        special_procedures=[["现场勘验", 5], ["公示", 5]],
        themes=["rural", "housing"],
        legal_basis=(
            "《中华人民共和国土地管理法》第六十二条；《农业农村部 自然资源部关于规范农村宅基地审批"
            "管理的通知》（农经发〔2019〕6号）"
        ),
        conditions=(
            "本村集体经济组织成员以户为单位申请，符合“一户一宅”，宅基地面积不超过陕西省规定标准，"
            "选址符合村庄规划、不占用永久基本农田；出卖、出租、赠与住宅后再申请宅基地的不予批准。"
        ),
        result_name="农村宅基地批准书",
        result_licence_type="农村宅基地批准书",
        online_depth=3,
        visits=1,
        process=[
            ["受理", "槐芽镇", "window_clerk"],
            ["联审勘验", "槐芽镇", "approver"],
            ["审批", "槐芽镇", "dept_admin"],
        ],
        materials=[
            _m("农村宅基地和建房（规划许可）申请表", form="both"),
            _m("居民户口簿", form="both"),
            _m("居民身份证", form="both"),
            _m("农村宅基地使用承诺书"),
            _m("村集体经济组织审查意见", notes="经村民小组会议讨论并公示无异议"),
            _m("建房设计图或通用图", form="both"),
        ],
        fields=[
            *_PERSON,
            "household.members",
            "homestead.type",
            "homestead.location",
            "homestead.area",
            "homestead.building_area",
            "homestead.floors",
        ],
        faq=[
            [
                "批了宅基地就能开工吗？",
                (
                    "还需同时取得乡村建设规划许可证，并由镇政府组织到场放线后方可开工。"
                    "两证可一次申请、同步办理。"
                ),
            ]
        ],
    ),
    _item(
        "乡村建设规划许可证核发",
        "011312600000",
        "汤峪镇",
        competent="县自然资源局",
        limits=(20, 10),
        item_type="01",
        level=5,
        special_procedures=[["现场勘验", 5]],
        themes=["rural", "housing"],
        legal_basis="《中华人民共和国城乡规划法》第四十一条",
        conditions=(
            "在乡、村庄规划区内进行农村村民住宅建设或乡村公共设施、公益事业建设，符合村庄规划；"
            "不占用农用地，确需占用的已依法办理农用地转用审批。"
        ),
        result_name="乡村建设规划许可证",
        result_licence_type="乡村建设规划许可证",
        online_depth=3,
        visits=1,
        materials=[
            _m("农村宅基地和建房（规划许可）申请表", form="both"),
            _m("居民身份证", form="both"),
            _m("建房设计图或通用图", form="both"),
            _m(
                "农村宅基地批准书",
                required=False,
                notes="农村村民住宅建设的；与宅基地审批一并办理的免于提交",
            ),
        ],
        fields=[*_PERSON, "homestead.location", "homestead.building_area", "homestead.floors"],
        faq=[
            [
                "农房设计图纸要花钱请人画吗？",
                "不需要。县住建局和县自然资源局免费提供农房设计通用图集，可直接选用。",
            ]
        ],
    ),
    _item(
        "高龄老人津贴申请受理",
        "051012700000",
        "常兴镇",
        competent="县民政局",
        limits=(20, 10),
        item_type="05",
        level=5,
        themes=["retirement", "relief"],
        legal_basis="《中华人民共和国老年人权益保障法》第三十三条",
        conditions=(
            "具有本县户籍、达到陕西省规定年龄的高龄老年人，由本人、家属或村（社区）代为申请，"
            "按年龄段标准按月发放生活保健补贴。"
        ),
        result_name="高龄老人生活保健补贴审核结果",
        high_frequency=True,
        materials=[
            _m("高龄老人生活保健补贴申请表", form="both"),
            _m("居民身份证", form="electronic"),
            _m("社会保障卡", form="both", notes="作为补贴发放账户"),
        ],
        fields=[
            *_PERSON,
            "person.birth_date",
            {"key": "agent.name", "required": False},
            {"key": "agent.phone", "required": False},
        ],
        faq=[
            [
                "老人行动不便能上门办理吗？",
                "能。由家属或村（社区）代办员代为申请，行动不便的可预约上门采集信息。",
            ]
        ],
    ),
    _item(
        "城乡居民基本养老保险参保登记",
        "200412800000",
        "齐镇",
        competent="县人社局",
        limits=(1, 0),
        handling_type=1,
        level=5,
        themes=["social_security"],
        legal_basis=(
            "《中华人民共和国社会保险法》第二十条、第二十二条；《国务院关于建立统一的城乡居民基本"
            "养老保险制度的意见》（国发〔2014〕8号）"
        ),
        conditions=(
            "年满16周岁（不含在校学生），非国家机关和事业单位工作人员，"
            "且不属于职工基本养老保险覆盖范围的本县户籍城乡居民。"
        ),
        result_name="城乡居民基本养老保险参保登记结果",
        high_frequency=True,
        materials=[
            _m("居民身份证", form="electronic"),
            _m("社会保障卡", form="both", required=False, notes="已领取社会保障卡的"),
        ],
        fields=[*_PERSON, "applicant.address", "pension.contribution_grade"],
        faq=[
            [
                "城乡居民养老保险每年什么时候缴费？",
                (
                    "每年集中缴费期内通过“陕西税务”APP、银行网点或村协理员代收缴费，"
                    "缴费档次可自主选择。"
                ),
            ]
        ],
    ),
    _item(
        "农村部分计划生育家庭奖励扶助申请",
        "050812900000",
        "金渠镇",
        competent="县卫健局",
        limits=(30, 20),
        item_type="05",
        level=5,
        special_procedures=[["公示", 7]],
        limit_note="每年按陕西省规定的申报时段集中受理",
        themes=["birth", "retirement"],
        legal_basis=(
            "《中华人民共和国人口与计划生育法》；《国务院办公厅转发人口计生委财政部关于开展对农村"
            "部分计划生育家庭实行奖励扶助制度试点工作意见的通知》（国办发〔2004〕21号）"
        ),
        conditions=(
            "本人及配偶均为农业户口或界定为农村居民户口，1973年至2001年间没有违反计划生育法律法规"
            "和政策规定生育，现存一个子女或两个女孩或子女死亡现无子女，本人年满60周岁。"
        ),
        result_name="奖励扶助资格确认结果",
        process=[
            ["受理", "金渠镇", "window_clerk"],
            ["审核公示", "金渠镇", "approver"],
            ["资格确认", "县卫健局", "approver"],
        ],
        materials=[
            _m("农村部分计划生育家庭奖励扶助申请表", form="both"),
            _m("居民身份证", form="both"),
            _m("居民户口簿", form="both"),
            _m("结婚证", form="electronic", required=False),
            _m("独生子女父母光荣证", required=False, notes="领取过的提交"),
        ],
        fields=[
            *_PERSON,
            "spouse.name",
            "spouse.id_number",
            "family.children_count",
            "bank.account_number",
        ],
        faq=[
            [
                "奖励扶助金怎么发？",
                "资格确认后按年度直接发放到本人社会保障卡或银行账户。",
            ]
        ],
    ),
    _item(
        "生育登记",
        "200813000000",
        "首善街道",
        competent="县卫健局",
        limits=(1, 0),
        handling_type=1,
        level=5,
        themes=["birth"],
        legal_basis="《中华人民共和国人口与计划生育法》；《陕西省人口与计划生育条例》",
        conditions=(
            "夫妻双方或一方为本县户籍，或在我县居住的流动人口，生育第一个、第二个或第三个子女的，"
            "可在孕前、孕期或子女出生后登记。"
        ),
        result_name="生育服务登记回执",
        high_frequency=True,
        materials=[
            _m("居民身份证", form="electronic", notes="夫妻双方"),
            _m("结婚证", form="electronic", required=False, notes="通过电子证照库调取"),
        ],
        fields=[
            *_PERSON,
            "spouse.name",
            "spouse.id_number",
            "family.children_count",
            {"key": "birth.expected_date", "required": False},
        ],
        faq=[
            [
                "生育登记有什么用？",
                "生育登记用于提供孕产期保健、出生医学证明和儿童预防接种等服务，不再作为生育审批。",
            ]
        ],
    ),
    _item(
        "失业登记",
        "200413100000",
        "首善街道",
        competent="县人社局",
        limits=(1, 0),
        handling_type=1,
        level=5,
        themes=["employment"],
        legal_basis=(
            "《中华人民共和国就业促进法》；《就业服务与就业管理规定》（劳动和社会保障部令第28号）"
        ),
        conditions=(
            "在法定劳动年龄内、有劳动能力和就业要求、处于无业状态的城乡劳动者，"
            "可在常住地镇（街道）办理失业登记。"
        ),
        result_name="失业登记结果",
        high_frequency=True,
        cross_region_scope="全国",
        materials=[_m("居民身份证", form="electronic")],
        fields=[*_PERSON, "applicant.address", "employment.education", "employment.desired_job"],
        faq=[
            [
                "失业登记后能享受哪些服务？",
                "可享受免费职业指导、职业介绍、职业技能培训补贴，符合条件的可申领失业保险金。",
            ]
        ],
    ),
    # ---- 村（社区）level 6 ----
    _item(
        "社区居住证明出具",
        "201013200000",
        "首善街道",
        competent="县民政局",
        limits=(1, 0),
        handling_type=1,
        level=6,
        themes=["household"],
        legal_basis=(
            "《中华人民共和国城市居民委员会组织法》；《民政部等关于改进和规范基层群众性自治组织出"
            "具证明工作的指导意见》"
        ),
        conditions=(
            "在本社区实际居住的居民，因办事确需居住情况证明的，经社区网格员核实实际居住情况后出具"
            "；证明仅载明居住事实。"
        ),
        result_name="居住情况证明",
        channels=["1"],
        online_depth=2,
        visits=1,
        postal_delivery=False,
        materials=[
            _m("居民身份证", form="both"),
            _m("房屋租赁合同", form="both", required=False, notes="租房居住的"),
            _m("不动产权证书", form="electronic", required=False, notes="自有住房的"),
        ],
        fields=[*_PERSON, "residence.address", "residence.start_date", "proof.purpose"],
        faq=[
            [
                "社区能开无犯罪记录或亲属关系证明吗？",
                "不能。社区只对实际居住情况出具证明，无犯罪记录证明由公安机关出具。",
            ]
        ],
    ),
    _item(
        "老年人优待证办理",
        "200813300000",
        "槐芽镇",
        competent="县卫健局",
        limits=(1, 0),
        handling_type=1,
        level=6,
        themes=["retirement", "travel"],
        legal_basis="《中华人民共和国老年人权益保障法》第五章",
        conditions=(
            "年满60周岁的本县户籍老年人及在我县居住的外地老年人，可在村（社区）"
            "便民服务站申请陕西省老年人优待证（含电子优待证）。"
        ),
        result_name="老年人优待证",
        result_licence_type="老年人优待证",
        high_frequency=True,
        materials=[
            _m("居民身份证", form="both"),
            _m(
                "近期免冠证件照片",
                form="electronic",
                required=False,
                notes="申请实体卡的提交，可现场拍摄",
            ),
        ],
        fields=[*_PERSON, "person.birth_date", "applicant.address"],
        faq=[
            [
                "老年人优待证有什么用？",
                (
                    "凭优待证可享受公交乘车、景区门票、公共文化场馆等减免优惠，"
                    "电子优待证与实体证效力相同。"
                ),
            ]
        ],
    ),
    _item(
        "城乡居民养老保险待遇领取资格认证",
        "200413400000",
        "横渠镇",
        competent="县人社局",
        limits=(1, 0),
        handling_type=1,
        level=6,
        themes=["retirement", "social_security"],
        legal_basis=(
            "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）；"
            "《城乡居民基本养老保险经办规程》"
        ),
        conditions=(
            "正在领取城乡居民基本养老保险待遇的人员每年认证一次；行动不便的由村协理员上门或通过手"
            "机人脸识别认证。"
        ),
        result_name="待遇领取资格认证结果",
        high_frequency=True,
        materials=[_m("居民身份证", form="both")],
        fields=[*_PERSON, "applicant.address"],
        faq=[
            [
                "忘了认证会停发养老金吗？",
                "超过认证期未认证的暂停发放，补认证后恢复发放并补发暂停期间的待遇。",
            ]
        ],
    ),
    _item(
        "农村危房改造申请受理",
        "051213500000",
        "营头镇",
        competent="县住建局",
        limits=(20, 15),
        item_type="05",
        level=6,
        special_procedures=[["鉴定", 10], ["公示", 7]],
        themes=["rural", "housing", "relief"],
        legal_basis=(
            "《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安"
            "全保障工作的实施意见》（建村〔2021〕35号）"
        ),
        conditions="农村低保户、分散供养特困人员、低保边缘家庭和因病因灾因意外事故致贫家庭，"
        "依靠自身力量无法解决住房安全问题，其唯一住房经鉴定为C级或D级危房。",
        result_name="农村危房改造补助审核结果",
        online_depth=2,
        visits=1,
        postal_delivery=False,
        process=[
            ["受理", "营头镇", "window_clerk"],
            ["村级评议公示", "营头镇", "approver"],
            ["房屋安全鉴定", "县住建局", "approver"],
            ["审核", "县住建局", "dept_admin"],
        ],
        materials=[
            _m("农村危房改造申请表", form="both"),
            _m("居民身份证", form="both"),
            _m("居民户口簿", form="both"),
        ],
        fields=[
            *_PERSON,
            "applicant.address",
            "household.members",
            "house.structure",
            "house.built_year",
        ],
        faq=[
            [
                "危房鉴定要自己花钱吗？",
                "不需要。由县住建局组织技术人员免费上门鉴定。",
            ]
        ],
    ),
]


ITEMS: list[dict[str, Any]] = [
    *_BUNDLE_ITEMS_ENTERPRISE,
    *_CHECK_ITEMS,
    *_BUNDLE_ITEMS_PERSON,
    *_COUNTY_ITEMS,
    *_LOCAL_ITEMS,
]
