"""高效办成一件事 (bundles): several items across departments handled as one.

A `Bundle` is the stable identity; a `BundleVersion` is what is reviewed and published
(like an item version): lead department, member items, their dependencies, the situation
questionnaire (情形引导) that decides which members apply, label overrides for the merged
form, and the bundle-level promised limit. A version in use is never edited in place.

A `BundleCase` is one application: it pins the version, holds the answers, the merged form
and the materials given once (`BundleFile`), and has one `BundleMemberCase` per applicable
member. A member whose predecessors are undecided waits (no case yet); it starts by itself
when they are granted, with their results as its materials.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Audience(models.TextChoices):
    PERSON = "person", "个人"
    ENTERPRISE = "enterprise", "法人"


class BundleStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    RETIRED = "retired", "已停用"


class Bundle(models.Model):
    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("一件事名称", max_length=60)
    audience = models.CharField("服务对象", max_length=12, choices=Audience.choices)
    order = models.PositiveSmallIntegerField("排序", default=0)
    published_version = models.OneToOneField(
        "BundleVersion",
        verbose_name="现行版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "一件事"
        verbose_name_plural = "一件事"
        ordering = ["audience", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name}“一件事”"


class BundleVersion(models.Model):
    bundle = models.ForeignKey(
        Bundle, on_delete=models.CASCADE, related_name="versions", verbose_name="一件事"
    )
    number = models.PositiveIntegerField("版本号")
    status = models.CharField(
        "状态", max_length=10, choices=BundleStatus.choices, default=BundleStatus.DRAFT
    )
    name = models.CharField("名称", max_length=60)
    summary = models.TextField("简介", blank=True)
    sources = models.CharField("依据文件", max_length=100, blank=True)
    lead_department = models.ForeignKey(
        "org.Department",
        verbose_name="牵头部门",
        on_delete=models.PROTECT,
        related_name="led_bundle_versions",
    )
    promised_limit = models.PositiveSmallIntegerField(
        "一件事承诺时限（工作日）", help_text="自全部材料收齐之日起算"
    )
    questions = models.JSONField(
        "情形引导问题",
        default=list,
        blank=True,
        help_text='[{"key": "social_card", "text": "是否申领社保卡？", '
        '"options": [["yes", "是"], ["no", "否"]]}]',
    )
    labels = models.JSONField(
        "合并表单显示名称",
        default=dict,
        blank=True,
        help_text='成员事项对同一数据元显示名称不一致时，在此统一：{"child.name": "新生儿姓名"}',
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    retired_at = models.DateTimeField("停用时间", null=True, blank=True)

    class Meta:
        verbose_name = "一件事版本"
        verbose_name_plural = "一件事版本"
        ordering = ["bundle", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["bundle", "number"], name="bundles_version_number"),
            models.UniqueConstraint(
                fields=["bundle"],
                condition=models.Q(status="published"),
                name="bundles_one_published_version",
            ),
            models.UniqueConstraint(
                fields=["bundle"],
                condition=models.Q(status="draft"),
                name="bundles_one_draft_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}（{self.get_status_display()}）"

    @property
    def is_editable(self) -> bool:
        return self.status == BundleStatus.DRAFT


class BundleMember(models.Model):
    """One component service of a bundle version: a catalog item, or — for a service
    outside county powers (e.g. 市级权限) — a named external one the county cannot handle
    but tells the applicant about."""

    version = models.ForeignKey(
        BundleVersion, on_delete=models.CASCADE, related_name="members", verbose_name="版本"
    )
    key = models.SlugField("成员代码", max_length=40)
    item = models.ForeignKey(
        "catalog.Item",
        verbose_name="事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bundle_memberships",
    )
    external_name = models.CharField(
        "外部事项名称", max_length=200, blank=True, help_text="非本县权限事项填写"
    )
    external_body = models.CharField("外部办理机构", max_length=100, blank=True)
    note = models.CharField("说明", max_length=100, blank=True, help_text="如：市级权限")
    after = models.JSONField(
        "前序成员", default=list, blank=True, help_text="需先办结的成员代码（其结果作为本事项材料）"
    )
    when = models.JSONField(
        "适用情形",
        default=dict,
        blank=True,
        help_text='{"social_card": ["yes"]}：选择这些答案时才办理；留空表示总是办理',
    )
    order = models.PositiveSmallIntegerField("序号", default=0)

    class Meta:
        verbose_name = "一件事成员事项"
        verbose_name_plural = "一件事成员事项"
        ordering = ["version", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="bundles_member_key"),
        ]

    def __str__(self) -> str:
        return self.external_name or (str(self.item) if self.item_id else self.key)

    @property
    def is_external(self) -> bool:
        return self.item_id is None


class BundleCaseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "办理中"
    CORRECTION = "correction", "待补正"
    READY = "ready", "待出件"
    DONE = "done", "已办结"
    STOPPED = "stopped", "已终止"


class DeliveryMode(models.TextChoices):
    TOGETHER = "together", "全部办结后一次出件"
    PER_MEMBER = "per_member", "逐项办结逐项出件"


class BundleCase(models.Model):
    number = models.CharField("一件事编号", max_length=24, unique=True)
    bundle = models.ForeignKey(
        Bundle, on_delete=models.PROTECT, related_name="cases", verbose_name="一件事"
    )
    version = models.ForeignKey(
        BundleVersion, on_delete=models.PROTECT, related_name="cases", verbose_name="适用版本"
    )
    bundle_name = models.CharField("一件事名称", max_length=60)
    lead_department = models.ForeignKey(
        "org.Department",
        verbose_name="牵头部门",
        on_delete=models.PROTECT,
        related_name="led_bundle_cases",
        db_index=False,  # led by a composite index below
    )
    applicant_kind = models.CharField("申请人类型", max_length=12, choices=Audience.choices)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人（自然人）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bundle_cases",
        db_index=False,
    )
    enterprise = models.ForeignKey(
        "identity.Enterprise",
        verbose_name="申请单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bundle_cases",
        db_index=False,
    )
    applicant_name = models.CharField("申请人名称", max_length=120)
    channel = models.CharField("申请渠道", max_length=8)
    hall = models.ForeignKey(
        "org.Hall",
        verbose_name="受理大厅",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    answers = models.JSONField("情形选择", default=dict, blank=True)
    form_data = models.JSONField("合并申请表", default=dict, blank=True)
    delivery_mode = models.CharField(
        "出件方式", max_length=12, choices=DeliveryMode.choices, default=DeliveryMode.TOGETHER
    )
    status = models.CharField(
        "状态",
        max_length=12,
        choices=BundleCaseStatus.choices,
        default=BundleCaseStatus.IN_PROGRESS,
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    received_on = models.DateField("收件日期")
    promised_limit = models.PositiveSmallIntegerField("承诺时限（工作日）")
    promised_due = models.DateField("承诺办结日")
    finished_at = models.DateTimeField("办结时间", null=True, blank=True)
    # 全程网办: no visit and no paper from application to result.
    needs_visit = models.BooleanField("需到现场", default=False)
    paper = models.BooleanField("提交纸质材料", default=False)
    fully_online = models.BooleanField("全程网办", null=True, blank=True)

    # Set on a page of rows by selectors.with_clock, for display.
    remaining: int | None
    clock: str
    member_total: int
    member_done: int
    brief: list[Any]  # selectors.attach_briefs: the members as a list row shows them

    class Meta:
        verbose_name = "一件事办件"
        verbose_name_plural = "一件事办件"
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(
                fields=["lead_department", "status", "promised_due", "id"],
                name="bundles_lead_status",
            ),
            models.Index(fields=["applicant", "submitted_at"], name="bundles_applicant"),
            models.Index(fields=["enterprise", "submitted_at"], name="bundles_enterprise"),
            models.Index(fields=["bundle", "fully_online"], name="bundles_online"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.bundle_name}"


class MemberStatus(models.TextChoices):
    WAITING = "waiting", "等待前序事项办结"
    STARTED = "started", "办理中"
    GRANTED = "granted", "已办结（准予）"
    REFUSED = "refused", "未获准"
    CANCELLED = "cancelled", "不再办理"
    EXTERNAL = "external", "由外部机构办理"


class BundleMemberCase(models.Model):
    bundle_case = models.ForeignKey(
        BundleCase, on_delete=models.CASCADE, related_name="members", verbose_name="一件事办件"
    )
    member = models.ForeignKey(
        BundleMember, on_delete=models.PROTECT, related_name="+", verbose_name="成员事项"
    )
    key = models.SlugField("成员代码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    department = models.ForeignKey(
        "org.Department",
        verbose_name="办理部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        "状态", max_length=10, choices=MemberStatus.choices, default=MemberStatus.WAITING
    )
    case = models.OneToOneField(
        "cases.Case",
        verbose_name="办件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bundle_link",
    )
    order = models.PositiveSmallIntegerField("序号", default=0)
    started_at = models.DateTimeField("启动时间", null=True, blank=True)
    finished_at = models.DateTimeField("办结时间", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "一件事成员办件"
        verbose_name_plural = "一件事成员办件"
        ordering = ["bundle_case", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["bundle_case", "key"], name="bundles_member_case"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_status_display()}）"


class BundleFile(models.Model):
    """A material given once for the whole bundle; each member case that lists the same
    material identity gets it from here."""

    bundle_case = models.ForeignKey(
        BundleCase, on_delete=models.CASCADE, related_name="files", verbose_name="一件事办件"
    )
    material_key = models.CharField("材料标识", max_length=100)
    name = models.CharField("材料名称", max_length=100)
    file = models.FileField("文件", upload_to="bundles/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=200, blank=True)
    content_type = models.CharField("文件类型", max_length=60, blank=True)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    sm3 = models.CharField("SM3 校验值", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "一件事材料"
        verbose_name_plural = "一件事材料"
        ordering = ["bundle_case", "id"]

    def __str__(self) -> str:
        return self.name


class BundleNotice(models.Model):
    """One notice per stage for the whole bundle: the receipt, a combined correction
    notice, a stage notice when waiting members start, and the completion notice."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", "“一件事”受理回执"
        CORRECTION = "correction", "“一件事”一次性补正告知书"
        STAGE = "stage", "“一件事”办理进度告知书"
        COMPLETION = "completion", "“一件事”办结通知书"

    bundle_case = models.ForeignKey(
        BundleCase, on_delete=models.CASCADE, related_name="notices", verbose_name="一件事办件"
    )
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    title = models.CharField("标题", max_length=60)
    number = models.CharField("文号", max_length=60, unique=True)
    body = models.TextField("正文")
    issued_at = models.DateTimeField("出具时间", default=timezone.now)

    class Meta:
        verbose_name = "一件事告知书"
        verbose_name_plural = "一件事告知书"
        ordering = ["bundle_case", "issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"


class BundleEvent(models.Model):
    """Bundle-level entries of the single timeline (member cases keep their own steps;
    the timeline page merges both)."""

    bundle_case = models.ForeignKey(
        BundleCase, on_delete=models.CASCADE, related_name="events", verbose_name="一件事办件"
    )
    at = models.DateTimeField("时间", default=timezone.now)
    member_key = models.CharField("成员代码", max_length=40, blank=True)
    text = models.CharField("事件", max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "一件事办理记录"
        verbose_name_plural = "一件事办理记录"
        ordering = ["bundle_case", "at", "id"]

    def __str__(self) -> str:
        return self.text

    def as_dict(self) -> dict[str, Any]:
        return {"at": self.at, "member": self.member_key, "text": self.text}
