from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from onewindow.core.models import TimeStampedModel
from onewindow.org.models import Hall

from .codes import (
    CrossRegion,
    FieldType,
    HandlingType,
    ItemType,
    Level,
    LimitUnit,
    MaterialForm,
    MaterialSource,
    OnlineDepth,
)


class Theme(models.Model):
    """A life event (个人) or enterprise life-cycle stage (法人) used to browse the catalog."""

    class Audience(models.TextChoices):
        PERSON = "person", "个人"
        ENTERPRISE = "enterprise", "法人"

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40)
    audience = models.CharField("对象", max_length=12, choices=Audience.choices)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "主题"
        verbose_name_plural = "主题"
        ordering = ["audience", "order", "code"]

    def __str__(self) -> str:
        return self.name


class MaterialType(models.Model):
    """The shared material dictionary: one identity per real document across all items."""

    name = models.CharField("材料名称", max_length=100, unique=True)
    issuer = models.CharField("出具单位", max_length=100, blank=True)
    source = models.CharField(
        "来源", max_length=12, choices=MaterialSource.choices, default=MaterialSource.APPLICANT
    )
    licence_type = models.CharField("电子证照类型", max_length=100, blank=True)
    description = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "材料字典"
        verbose_name_plural = "材料字典"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DataElement(models.Model):
    """A shared form-field key (数据元): forms of different items that ask for the same
    thing use the same key, so bundles can ask it once."""

    key = models.CharField("数据元代码", max_length=60, unique=True)
    label = models.CharField("名称", max_length=60)
    type = models.CharField("类型", max_length=12, choices=FieldType.choices)
    options = models.JSONField("选项", default=list, blank=True)
    max_length = models.PositiveIntegerField("最大长度", null=True, blank=True)
    min_value = models.IntegerField("最小值", null=True, blank=True)
    max_value = models.IntegerField("最大值", null=True, blank=True)
    help = models.CharField("填写说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "数据元"
        verbose_name_plural = "数据元"
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.label}（{self.key}）"


class SpecialProcedureKind(models.Model):
    """Procedures whose time is not counted (行政许可法第四十五条), plus local ones."""

    name = models.CharField("名称", max_length=20, unique=True)
    statutory = models.BooleanField("法定（第四十五条）", default=False)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "特别程序种类"
        verbose_name_plural = "特别程序种类"
        ordering = ["-statutory", "name"]

    def __str__(self) -> str:
        return self.name


class Synonym(models.Model):
    """A colloquial phrase and the catalog words it means (生孩子 → 新生儿 出生)."""

    phrase = models.CharField("口语说法", max_length=40, unique=True)
    expansions = models.CharField("对应词（空格分隔）", max_length=200)

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["phrase"]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.expansions}"


class Item(TimeStampedModel):
    """The stable identity of a service item across its versions."""

    implementation_code = models.CharField("实施编码", max_length=31, unique=True)
    basic_code = models.CharField("基本编码", max_length=12, db_index=True)
    department = models.ForeignKey(
        "org.Department", verbose_name="实施主体", on_delete=models.PROTECT, related_name="items"
    )
    delegated_from = models.ForeignKey(
        "self",
        verbose_name="委托自（县级事项）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    published_version = models.OneToOneField(
        "ItemVersion",
        verbose_name="现行版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    halls: models.ManyToManyField[Hall, ItemHall] = models.ManyToManyField(
        "org.Hall", verbose_name="受理大厅", through="ItemHall", blank=True, related_name="items"
    )

    class Meta:
        verbose_name = "事项"
        verbose_name_plural = "事项"
        ordering = ["implementation_code"]

    def __str__(self) -> str:
        version = self.published_version
        return f"{version.name if version else '（未发布）'} {self.implementation_code}"


class ItemHall(models.Model):
    """Which halls accept an item, and on what footing."""

    class Mode(models.TextChoices):
        DIRECT = "direct", "直接受理"
        DELEGATED = "delegated", "委托受理"
        PROXY = "proxy", "代收代办"

    item = models.ForeignKey(Item, on_delete=models.CASCADE, verbose_name="事项")
    hall = models.ForeignKey("org.Hall", on_delete=models.PROTECT, verbose_name="大厅")
    mode = models.CharField("受理方式", max_length=10, choices=Mode.choices, default=Mode.DIRECT)

    class Meta:
        verbose_name = "受理大厅"
        verbose_name_plural = "受理大厅"
        constraints = [models.UniqueConstraint(fields=["item", "hall"], name="catalog_item_hall")]

    def __str__(self) -> str:
        return f"{self.hall} · {self.get_mode_display()}"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已审核"
    PUBLISHED = "published", "已发布"
    RETIRED = "retired", "已停用"


class ItemVersion(models.Model):
    """One version of an item's implementation list and guide. Editable while a draft;
    immutable from submission on (a rejected submission goes back to draft)."""

    item = models.ForeignKey(
        Item, verbose_name="事项", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    status = models.CharField(
        "状态",
        max_length=10,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        db_index=True,
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name="基于版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # 基本目录
    name = models.CharField("事项名称", max_length=200)
    item_type = models.CharField("事项类型", max_length=2, choices=ItemType.choices)
    level = models.PositiveSmallIntegerField("行使层级", choices=Level.choices)
    competent_department = models.ForeignKey(
        "org.Department", verbose_name="主管部门", on_delete=models.PROTECT, related_name="+"
    )
    joint_departments = models.ManyToManyField(
        "org.Department", verbose_name="联办部门", blank=True, related_name="+"
    )
    legal_basis = models.TextField("设定和实施依据", blank=True)
    # 实施清单
    service_objects = models.CharField(
        "服务对象", max_length=6, blank=True, help_text="服务对象代码串，如 12 表示自然人和企业法人"
    )
    conditions = models.TextField("受理条件", blank=True)
    process = models.JSONField(
        "办理流程",
        default=list,
        blank=True,
        help_text='[{"name": "受理", "department": 部门ID, "role": "window_clerk"}]',
    )
    handling_type = models.PositiveSmallIntegerField("办件类型", choices=HandlingType.choices)
    statutory_limit = models.PositiveIntegerField("法定办结时限")
    statutory_unit = models.CharField(
        "法定时限单位", max_length=8, choices=LimitUnit.choices, default=LimitUnit.WORKING
    )
    statutory_note = models.CharField("法定时限说明", max_length=200, blank=True)
    promised_limit = models.PositiveIntegerField("承诺办结时限")
    promised_unit = models.CharField(
        "承诺时限单位", max_length=8, choices=LimitUnit.choices, default=LimitUnit.WORKING
    )
    promised_note = models.CharField("承诺时限说明", max_length=200, blank=True)
    charges_fee = models.BooleanField("是否收费", default=False)
    fee_standard = models.CharField("收费标准", max_length=200, blank=True)
    fee_basis = models.CharField("收费依据", max_length=200, blank=True)
    result_name = models.CharField("办理结果", max_length=100, blank=True)
    result_licence_type = models.CharField("结果证照类型", max_length=100, blank=True)
    result_sample = models.FileField("结果样本", upload_to="catalog/results/", blank=True)
    quantity_limit = models.CharField("数量限制", max_length=200, blank=True)
    annual_inspection = models.BooleanField("年检年报", default=False)
    special_procedures = models.JSONField(
        "特别程序", default=list, blank=True, help_text='[{"kind": "现场勘验", "max_days": 5}]'
    )
    intermediary_services = models.TextField("中介服务", blank=True)
    channels = models.CharField(
        "办理形式", max_length=4, blank=True, help_text="办理形式代码串，如 123"
    )
    online_depth = models.PositiveSmallIntegerField(
        "网办深度", choices=OnlineDepth.choices, default=OnlineDepth.DISCLOSURE
    )
    visits = models.PositiveSmallIntegerField("到现场次数", default=1)
    appointment = models.BooleanField("支持预约", default=False)
    postal_delivery = models.BooleanField("支持物流快递", default=False)
    cross_region_scope = models.CharField(
        "通办范围", max_length=4, choices=CrossRegion.choices, blank=True, default=""
    )
    location = models.CharField("办理地点", max_length=200, blank=True)
    hours = models.CharField("办理时间", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    supervision_phone = models.CharField("监督电话", max_length=40, blank=True)
    faq = models.JSONField(
        "常见问题", default=list, blank=True, help_text='[{"q": "问题", "a": "回答"}]'
    )
    high_frequency = models.BooleanField("高频事项", default=False)
    tolerant_acceptance = models.BooleanField("可容缺受理", default=False)
    commitment = models.BooleanField("可告知承诺", default=False)
    accept_on_receipt = models.BooleanField(
        "收件即受理",
        default=False,
        help_text="材料齐全即当场受理并出具受理通知书，不经预审",
    )
    themes = models.ManyToManyField(Theme, verbose_name="主题", blank=True, related_name="versions")
    # Workflow stamps
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="编制人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    retired_at = models.DateTimeField("停用时间", null=True, blank=True)

    class Meta:
        verbose_name = "事项版本"
        verbose_name_plural = "事项版本"
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="catalog_version_number"),
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(status="published"),
                name="catalog_one_published_version",
            ),
            models.UniqueConstraint(
                fields=["item"],
                condition=models.Q(status__in=["draft", "submitted", "approved"]),
                name="catalog_one_open_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}（{self.get_status_display()}）"

    @property
    def fully_online(self) -> bool:
        return self.online_depth == OnlineDepth.FULL

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def service_object_labels(self) -> list[str]:
        from .codes import ServiceObject

        return [str(ServiceObject(c).label) for c in self.service_objects]

    def channel_labels(self) -> list[str]:
        from .codes import Channel

        return [str(Channel(c).label) for c in self.channels]


class Material(models.Model):
    version = models.ForeignKey(
        ItemVersion, on_delete=models.CASCADE, related_name="materials", verbose_name="事项版本"
    )
    material_type = models.ForeignKey(
        MaterialType, on_delete=models.PROTECT, verbose_name="材料（字典）", related_name="uses"
    )
    name = models.CharField("材料名称", max_length=100)
    issuer = models.CharField("出具单位", max_length=100, blank=True)
    originals = models.PositiveSmallIntegerField("原件份数", default=1)
    copies = models.PositiveSmallIntegerField("复印件份数", default=0)
    form = models.CharField(
        "材料形式", max_length=12, choices=MaterialForm.choices, default=MaterialForm.BOTH
    )
    required = models.BooleanField("必要", default=True)
    tolerable = models.BooleanField("可容缺", default=False)
    waivable = models.BooleanField(
        "告知承诺可免提交",
        default=False,
        help_text="事项实行告知承诺制时，申请人签署告知承诺书即可不提交的证明材料",
    )
    source = models.CharField(
        "来源", max_length=12, choices=MaterialSource.choices, default=MaterialSource.APPLICANT
    )
    licence_type = models.CharField("电子证照类型", max_length=100, blank=True)
    blank_form = models.FileField("空白表格", upload_to="catalog/forms/", blank=True)
    sample = models.FileField("示例样表", upload_to="catalog/samples/", blank=True)
    notes = models.CharField("填报说明", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("序号", default=0)

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["version", "order", "id"]

    def __str__(self) -> str:
        return self.name


class FormField(models.Model):
    version = models.ForeignKey(
        ItemVersion, on_delete=models.CASCADE, related_name="fields", verbose_name="事项版本"
    )
    element = models.ForeignKey(
        DataElement, on_delete=models.PROTECT, verbose_name="数据元", related_name="uses"
    )
    label = models.CharField("显示名称", max_length=60, blank=True, help_text="留空用数据元名称")
    required = models.BooleanField("必填", default=True)
    order = models.PositiveSmallIntegerField("序号", default=0)

    class Meta:
        verbose_name = "表单字段"
        verbose_name_plural = "表单字段"
        ordering = ["version", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "element"], name="catalog_field_once")
        ]

    def __str__(self) -> str:
        return self.label or self.element.label

    @property
    def display_label(self) -> str:
        return self.label or self.element.label


class Review(models.Model):
    """One step of a version's workflow with the opinion given."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "提交审核"
        APPROVE = "approve", "审核通过"
        REJECT = "reject", "退回修改"
        PUBLISH = "publish", "发布"
        RETIRE = "retire", "停用"
        WITHDRAW = "withdraw", "撤回"

    version = models.ForeignKey(
        ItemVersion, on_delete=models.CASCADE, related_name="reviews", verbose_name="事项版本"
    )
    action = models.CharField("动作", max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="操作人",
    )
    opinion = models.TextField("意见", blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["version", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.version} · {self.get_action_display()}"


class SearchPosting(models.Model):
    """Inverted index over published versions: one row per (version, term)."""

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=40)
    weight = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["term", "version"], name="catalog_posting_term")]

    def __str__(self) -> str:
        return f"{self.term} → {self.version_id} ({self.weight:g})"


class ImportJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "排队中"
        RUNNING = "running", "导入中"
        FAILED = "failed", "校验未通过，未导入"
        DONE = "done", "已导入"

    file = models.FileField("文件", upload_to="catalog/imports/")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    publish = models.BooleanField("导入后直接发布", default=False)
    total_rows = models.PositiveIntegerField("总行数", default=0)
    processed_rows = models.PositiveIntegerField("已处理", default=0)
    errors = models.JSONField("错误", default=list, blank=True)
    summary = models.CharField("结果", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", default=timezone.now)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"导入 #{self.pk} {self.get_status_display()}"
