"""Code sets of GB/T 39046-2020 (政务服务平台基础数据规范) used by the catalog."""

from __future__ import annotations

from django.db import models


class ItemType(models.TextChoices):
    LICENSING = "01", "行政许可"
    PENALTY = "02", "行政处罚"
    ENFORCEMENT = "03", "行政强制"
    LEVY = "04", "行政征收"
    PAYMENT = "05", "行政给付"
    INSPECTION = "06", "行政检查"
    CONFIRMATION = "07", "行政确认"
    REWARD = "08", "行政奖励"
    ADJUDICATION = "09", "行政裁决"
    OTHER_POWER = "10", "其他行政权力"
    PUBLIC_SERVICE = "20", "公共服务"


class Level(models.IntegerChoices):
    NATIONAL = 1, "国家级"
    PROVINCE = 2, "省级"
    CITY = 3, "市级"
    COUNTY = 4, "县级"
    TOWN = 5, "乡镇（街道）级"
    VILLAGE = 6, "村（社区）级"


class ServiceObject(models.TextChoices):
    PERSON = "1", "自然人"
    ENTERPRISE = "2", "企业法人"
    INSTITUTION = "3", "事业法人"
    SOCIAL_ORG = "4", "社会组织法人"
    GOVERNMENT = "5", "行政机关"
    OTHER = "6", "其他组织"


class Channel(models.TextChoices):
    WINDOW = "1", "窗口办理"
    PC = "2", "网上办理"
    MOBILE = "3", "移动端办理"
    MAIL = "4", "邮寄申请"


class HandlingType(models.IntegerChoices):
    IMMEDIATE = 1, "即办件"
    PROMISED = 2, "承诺件"


class LimitUnit(models.TextChoices):
    WORKING = "working", "工作日"
    NATURAL = "natural", "自然日"


class OnlineDepth(models.IntegerChoices):
    DISCLOSURE = 1, "一级：信息公开"
    DOWNLOAD = 2, "二级：在线预约、表格下载"
    SUBMIT = 3, "三级：在线预审、在线申报"
    FULL = 4, "四级：全程网办"


class CrossRegion(models.TextChoices):
    NONE = "", "不通办"
    NATIONAL = "全国", "全国通办"
    PROVINCE = "跨省", "跨省通办"
    CITY = "跨市", "跨市通办"
    COUNTY = "跨县", "跨县通办"


class MaterialForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"
    BOTH = "both", "纸质或电子"


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", "申请人自备"
    GOVERNMENT = "government", "政府部门核发"
    LICENCE = "licence", "电子证照"


class FieldType(models.TextChoices):
    TEXT = "text", "单行文本"
    TEXTAREA = "textarea", "多行文本"
    NUMBER = "number", "数字"
    DATE = "date", "日期"
    SELECT = "select", "单选"
    MULTISELECT = "multiselect", "多选"
    CHECKBOX = "checkbox", "勾选"
    ID_NUMBER = "id_number", "身份证号码"
    USCC = "uscc", "统一社会信用代码"
    PHONE = "phone", "手机号码"
    EMAIL = "email", "电子邮箱"


# Words that make a material vague (domain.md §1): refused at submit-for-review.
VAGUE_MATERIAL_PATTERNS = (
    "其他材料",
    "有关证明",
    "相关材料",
    "等材料",
    "其他相关",
    "有关材料",
    "相关证明",
    "其他证明",
    "等证明",
    "有关文件",
    "相关文件",
    "其它材料",
    "其它证明",
)
