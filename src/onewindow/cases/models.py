"""Cases (办件): an application for one item, its lifecycle, clock, materials and timeline.

The lifecycle is data: a `ProcessTemplate` is a table of `Transition` rows (action, from
which states, to which state, who may, what must be given, which notice it produces). The
engine in `lifecycle.py` reads the table; `services.py` wraps each action.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone


class CaseState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    PREREVIEW = "prereview", "预审中"
    CORRECTION = "correction", "待补正"
    ACCEPTED = "accepted", "已受理"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    REVIEWING = "reviewing", "审查中"
    SPECIAL = "special", "特别程序中"
    APPROVED = "approved", "准予"
    DENIED = "denied", "不予"
    DELIVERED = "delivered", "已出件"
    ARCHIVED = "archived", "已归档"
    WITHDRAWN = "withdrawn", "已撤回"
    TERMINATED = "terminated", "已终止"


# States in which the Art. 32 clock (5 working days to ask for corrections) runs.
BEFORE_ACCEPTANCE = (CaseState.SUBMITTED, CaseState.PREREVIEW)
# States in which the decision clock runs (SPECIAL pauses it).
CLOCK_RUNNING = (CaseState.ACCEPTED, CaseState.REVIEWING)
# Accepted and not yet decided: the clock exists (running or paused).
UNDECIDED = (CaseState.ACCEPTED, CaseState.REVIEWING, CaseState.SPECIAL)
DECIDED = (CaseState.APPROVED, CaseState.DENIED)
# Waiting at the window: to accept, or for the applicant's correction.
PRE_DECISION_WINDOW = (CaseState.SUBMITTED, CaseState.PREREVIEW, CaseState.CORRECTION)
FINISHED = (
    CaseState.DELIVERED,
    CaseState.ARCHIVED,
    CaseState.NOT_ACCEPTED,
    CaseState.WITHDRAWN,
    CaseState.TERMINATED,
)


class Queue(models.TextChoices):
    """The work queue a case waits in, stored on the case (`Case.queue`) so each inbox is
    an equality on an indexed column. Derived from the state and the review step only
    (`queue_of`); time-based boxes (临期, 超期) are filters over the back-office queues."""

    NONE = "", "不在待办中"
    TO_ACCEPT = "to_accept", "待受理"
    CORRECTION = "correction", "待补正"
    TO_REVIEW = "to_review", "待审查"
    TO_DECIDE = "to_decide", "待决定"
    SPECIAL = "special", "特别程序中"
    TO_DELIVER = "to_deliver", "待出件"


# Back-office queues whose decision clock is running (the 临期 and 超期 boxes look here).
RUNNING_QUEUES = (Queue.TO_REVIEW, Queue.TO_DECIDE)


def queue_of(state: str, step_index: int, step_count: int) -> str:
    """Which queue a case in `state` at review step `step_index` of `step_count` is in."""
    if state in BEFORE_ACCEPTANCE:
        return Queue.TO_ACCEPT
    if state == CaseState.CORRECTION:
        return Queue.CORRECTION
    if state == CaseState.ACCEPTED:
        return Queue.TO_REVIEW
    if state == CaseState.REVIEWING:
        return Queue.TO_DECIDE if step_index >= step_count - 1 else Queue.TO_REVIEW
    if state == CaseState.SPECIAL:
        return Queue.SPECIAL
    if state in DECIDED:
        return Queue.TO_DELIVER
    return Queue.NONE


QUEUE_INPUTS = frozenset({"state", "step_index", "step_count"})


class CaseChannel(models.TextChoices):
    """How the application arrived. `gb_code` maps to GB/T 39046 办理形式 for export."""

    WINDOW = "window", "窗口"
    PC = "pc", "网上（PC 端）"
    MOBILE = "mobile", "移动端"
    KIOSK = "kiosk", "自助终端"
    MAIL = "mail", "邮寄申请"
    PROXY = "proxy", "跨域代收"


CHANNEL_GB_CODE = {"window": "1", "pc": "2", "mobile": "3", "mail": "4", "kiosk": "9", "proxy": "9"}


class ApplicantKind(models.TextChoices):
    PERSON = "person", "自然人"
    ENTERPRISE = "enterprise", "法人"


# --------------------------------------------------------------------------------------------
# The lifecycle as data
# --------------------------------------------------------------------------------------------
class ProcessTemplate(models.Model):
    """A transition table. The default for each handling type (即办件/承诺件) applies unless
    an item is assigned a template of its own; the review steps come from the item's
    process steps in the catalog."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=60)
    handling_type = models.PositiveSmallIntegerField(
        "办件类型", choices=[(1, "即办件"), (2, "承诺件")]
    )
    is_default = models.BooleanField("该办件类型的默认模板", default=False)
    description = models.TextField("说明", blank=True)
    items = models.ManyToManyField(
        "catalog.Item",
        verbose_name="专用此模板的事项",
        blank=True,
        related_name="process_templates",
    )

    class Meta:
        verbose_name = "办理流程模板"
        verbose_name_plural = "办理流程模板"
        ordering = ["handling_type", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["handling_type"],
                condition=models.Q(is_default=True),
                name="cases_one_default_template",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Transition(models.Model):
    """One row of the table: `action` may be taken from any of `sources` by `roles`."""

    template = models.ForeignKey(
        ProcessTemplate, on_delete=models.CASCADE, related_name="transitions", verbose_name="模板"
    )
    action = models.CharField("动作", max_length=24)
    label = models.CharField("动作名称", max_length=20)
    sources = models.JSONField("可执行的状态", default=list)
    target = models.CharField(
        "结果状态",
        max_length=16,
        choices=CaseState.choices,
        blank=True,
        help_text="留空表示由动作决定（如审查环节的通过/退回、特别程序结束回到原状态）",
    )
    roles = models.JSONField(
        "可执行的角色",
        default=list,
        help_text="岗位代码；applicant 表示申请人，system 表示平台自动",
    )
    requires = models.JSONField(
        "必填内容", default=list, blank=True, help_text="opinion 意见、reason 理由、attachment 附件"
    )
    notice = models.CharField("产生的文书", max_length=24, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "流转规则"
        verbose_name_plural = "流转规则"
        ordering = ["template", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "action"], name="cases_transition_once")
        ]

    def __str__(self) -> str:
        return f"{self.template.code}:{self.action}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from .lifecycle import validate_transition

        if errors := validate_transition(self):
            raise ValidationError(errors)


class ClockPolicy(models.Model):
    """Warning thresholds and the Art. 32 period, editable by administrators; one row."""

    near_days = models.PositiveSmallIntegerField(
        "临期：剩余工作日不超过", default=2, help_text="剩余工作日小于等于此数即临期"
    )
    near_percent = models.PositiveSmallIntegerField("临期：剩余不超过承诺时限的百分比", default=20)
    correction_days = models.PositiveSmallIntegerField(
        "一次性告知期限（工作日）", default=5, help_text="《行政许可法》第三十二条：五日内"
    )
    supervision_after_days = models.PositiveSmallIntegerField(
        "超期多少个工作日后开督办单", default=0, help_text="0 表示一超期即开督办单"
    )
    supervision_reply_days = models.PositiveSmallIntegerField("督办反馈期限（工作日）", default=3)
    tolerance_days = models.PositiveSmallIntegerField(
        "容缺材料补齐期限（工作日）",
        default=5,
        help_text="自受理之日起；不超过承诺办结日",
    )
    tolerance_remind_days = models.PositiveSmallIntegerField(
        "容缺材料到期前提醒（工作日）", default=2
    )
    postcheck_days = models.PositiveSmallIntegerField(
        "告知承诺事后核查期限（工作日）",
        default=20,
        help_text="自作出准予决定之日起",
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "时限预警规则"
        verbose_name_plural = "时限预警规则"

    def __str__(self) -> str:
        return (
            f"临期：剩余 ≤{self.near_days} 个工作日或 ≤{self.near_percent}% 承诺时限；"
            f"一次性告知 {self.correction_days} 个工作日"
        )

    @classmethod
    def current(cls) -> ClockPolicy:
        """The policy row (read once per request; the defaults when there is none)."""
        from onewindow.core import context

        def read() -> ClockPolicy:
            policy = cls.objects.order_by("pk").first()
            return policy if policy is not None else cls()

        return context.memo("cases.clock_policy", read)

    def near_threshold(self, promised_limit: int) -> int:
        """Remaining working days at or below which a case with this limit is 临期."""
        return max(self.near_days, promised_limit * self.near_percent // 100)


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------
class CaseCounter(models.Model):
    """Daily serials for case numbers: one row per (implementation code, date)."""

    prefix = models.CharField(max_length=40, unique=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "办件编号计数器"
        verbose_name_plural = "办件编号计数器"

    def __str__(self) -> str:
        return f"{self.prefix}:{self.value}"


class Case(models.Model):
    number = models.CharField("办件编号", max_length=48, unique=True, null=True, blank=True)
    item = models.ForeignKey(
        "catalog.Item", verbose_name="事项", on_delete=models.PROTECT, related_name="cases"
    )
    version = models.ForeignKey(
        "catalog.ItemVersion",
        verbose_name="适用事项版本",
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,  # only read by case; deleting one is refused (PROTECT)
    )
    item_name = models.CharField("事项名称", max_length=200)
    department = models.ForeignKey(
        "org.Department", verbose_name="实施主体", on_delete=models.PROTECT, related_name="cases"
    )
    hall = models.ForeignKey(
        "org.Hall",
        verbose_name="受理大厅",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,  # led by a composite index below
    )
    template = models.ForeignKey(
        ProcessTemplate,
        verbose_name="流程模板",
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,  # only read by case; deleting one is refused (PROTECT)
    )
    steps = models.JSONField(
        "审查环节",
        default=list,
        help_text='[{"name": "审查", "department": 1, "role": "approver"}]',
    )
    step_index = models.PositiveSmallIntegerField("当前环节", default=0)
    step_count = models.PositiveSmallIntegerField("审查环节数", default=1)
    current_department = models.ForeignKey(
        "org.Department",
        verbose_name="当前办理部门",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # led by a composite index below
    )
    state = models.CharField("状态", max_length=16, choices=CaseState.choices, default="draft")
    queue = models.CharField(
        "待办队列",
        max_length=12,
        choices=Queue.choices,
        default="",
        blank=True,
        editable=False,
        help_text="由状态和审查环节得出，保存时自动更新",
    )
    paused_from_state = models.CharField("暂停前状态", max_length=16, blank=True)
    # Applicant
    applicant_kind = models.CharField("申请人类型", max_length=12, choices=ApplicantKind.choices)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人（自然人）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,  # led by a composite index below
    )
    enterprise = models.ForeignKey(
        "identity.Enterprise",
        verbose_name="申请单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,  # led by a composite index below
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人（代理人）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_as_agent",
        db_index=False,  # only read by case; deleting one is refused (PROTECT)
    )
    applicant_name = models.CharField("申请人名称", max_length=120)
    applicant_code_masked = models.CharField("证件号码", max_length=24, blank=True)
    channel = models.CharField("申请渠道", max_length=8, choices=CaseChannel.choices)
    # 跨域通办: the window that received the application on behalf of the handling hall
    # (`hall`). It submits, forwards the paper and hands the result over; it does not
    # accept or decide.
    receiving_hall = models.ForeignKey(
        "org.Hall",
        verbose_name="代收大厅",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    proxy_region = models.CharField(
        "代收地区", max_length=60, blank=True, help_text="跨域通办：代收的外地政务服务机构"
    )
    form_data = models.JSONField("申请表", default=dict, blank=True)
    # 一件事: a member case of a bundle. The bundle tells the applicant once per stage, so
    # the case's own notices are issued as documents without a message of their own.
    bundled = models.BooleanField("一件事成员办件", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # only read by case; deleting one is refused (PROTECT)
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="当前承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
        db_index=False,  # led by a composite index below
    )
    # Dates
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    received_on = models.DateField(
        "收件日期", null=True, blank=True, help_text="材料齐全（含补正后）的收件日，按办公时间折算"
    )
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    accepted_on = models.DateField("受理日期（起算日）", null=True, blank=True)
    auto_accepted = models.BooleanField("逾期未告知补正视为受理", default=False)
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    delivered_at = models.DateTimeField("出件时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    # Clock (working days unless the unit says natural)
    statutory_limit = models.PositiveIntegerField("法定时限", default=0)
    statutory_unit = models.CharField("法定时限单位", max_length=8, default="working")
    promised_limit = models.PositiveIntegerField("承诺时限", default=0)
    promised_unit = models.CharField("承诺时限单位", max_length=8, default="working")
    extension_days = models.PositiveSmallIntegerField("延期天数", default=0)
    suspended_working_days = models.PositiveIntegerField("特别程序扣除工作日", default=0)
    suspended_natural_days = models.PositiveIntegerField("特别程序扣除自然日", default=0)
    paused_on = models.DateField("暂停计时日", null=True, blank=True)
    statutory_due = models.DateField("法定办结日", null=True, blank=True)
    promised_due = models.DateField("承诺办结日", null=True, blank=True)
    near_due = models.DateField(
        "临期提醒所对应的承诺办结日",
        null=True,
        blank=True,
        editable=False,
        help_text="临期提醒所针对的承诺办结日；承诺办结日改变、暂停或作出决定时清空（办件离开“临期”收件箱）",
    )
    decided_on_time = models.BooleanField("按时办结", null=True, blank=True)

    class Meta:
        verbose_name = "办件"
        verbose_name_plural = "办件"
        ordering = ["-created_at"]
        # Inboxes are an equality on the stored queue inside one department, hall or
        # handler, read in order of time left: plain indexes that every planner uses with
        # bound parameters (SQLite cannot match a partial index to `state IN (?, ?)`).
        # The sweeps read the same queue indexes. Every index is paid for on each write of a
        # case (PostgreSQL rewrites all of them when an indexed column changes), so foreign
        # keys that lead one of these composite indexes have none of their own.
        indexes = [
            # `id` last: many cases share a due date, and the lists break ties by id, so
            # PostgreSQL reads a page straight off the index (SQLite's rowid does this).
            models.Index(
                fields=["current_department", "queue", "promised_due", "id"],
                name="cases_dept_queue",
            ),
            models.Index(
                fields=["handler", "queue", "promised_due", "id"], name="cases_handler_queue"
            ),
            models.Index(fields=["hall", "queue", "received_on", "id"], name="cases_hall_queue"),
            models.Index(fields=["queue", "promised_due", "id"], name="cases_queue_due"),
            # 临期: the cases warned for a due date still ahead, in due-date order.
            models.Index(fields=["current_department", "near_due", "id"], name="cases_dept_near"),
            models.Index(fields=["near_due", "id"], name="cases_near_due"),
            models.Index(fields=["applicant", "created_at"], name="cases_applicant"),
            models.Index(fields=["enterprise", "created_at"], name="cases_enterprise"),
            # 跨域通办 cases the receiving window follows (few; partial).
            models.Index(
                fields=["receiving_hall", "id"],
                condition=models.Q(receiving_hall__isnull=False),
                name="cases_receiving_hall",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '草稿'} {self.item_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.queue = queue_of(self.state, self.step_index, self.step_count)
        extra = set()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and QUEUE_INPUTS & set(update_fields):
            extra.add("queue")
        # A warning is for one due date of a running clock: once the due date moves, or the
        # case is paused or decided, it is no longer "warned" (the next near sweep warns
        # again if a new due date is near too).
        if self.near_due is not None and (
            self.near_due != self.promised_due or self.queue not in RUNNING_QUEUES
        ):
            self.near_due = None
            extra.add("near_due")
        if update_fields is not None and extra:
            kwargs["update_fields"] = {*update_fields, *extra}
        super().save(*args, **kwargs)

    @property
    def current_step(self) -> dict | None:
        if self.state in (CaseState.REVIEWING, CaseState.SPECIAL) and self.steps:
            return self.steps[min(self.step_index, len(self.steps) - 1)]
        return None

    @property
    def is_last_step(self) -> bool:
        return self.step_index >= self.step_count - 1


class CaseMaterial(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "已收取"
        MISSING = "missing", "缺少"
        TOLERATED = "tolerated", "容缺"
        DEFECTIVE = "defective", "需补正"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="materials", verbose_name="办件"
    )
    material = models.ForeignKey(
        "catalog.Material",
        verbose_name="材料清单项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField("材料名称", max_length=100)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default="received")
    file = models.FileField("文件", upload_to="cases/%Y/%m/", blank=True)
    original_name = models.CharField("原文件名", max_length=200, blank=True)
    content_type = models.CharField("文件类型", max_length=60, blank=True)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    sm3 = models.CharField("SM3 校验值", max_length=64, blank=True)
    paper_received = models.BooleanField("已收纸质件", default=False)
    note = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    # 容缺: by when a tolerated material must be supplied (set on acceptance, never after
    # the promised due date), when it was, and when the applicant was last reminded.
    due_on = models.DateField("容缺补齐期限", null=True, blank=True)
    supplied_at = models.DateTimeField("容缺补齐时间", null=True, blank=True)
    reminded_on = models.DateField("容缺到期提醒日", null=True, blank=True)

    class Meta:
        verbose_name = "办件材料"
        verbose_name_plural = "办件材料"
        ordering = ["case", "id"]
        indexes = [
            # The tolerance sweep: tolerated materials not yet supplied, by deadline.
            models.Index(
                fields=["due_on"],
                condition=models.Q(status="tolerated", supplied_at__isnull=True),
                name="cases_tolerated_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_status_display()}）"


class Commitment(models.Model):
    """A commitment the applicant signed on a case: to supply tolerated materials in time
    (容缺受理承诺书), or that they meet the conditions in lieu of proofs (告知承诺书)."""

    class Kind(models.TextChoices):
        TOLERANCE = "tolerance", "容缺受理承诺"
        NOTIFICATION = "notification", "告知承诺"

    class Via(models.TextChoices):
        PAPER = "paper", "窗口书面签字"
        ONLINE = "online", "网上确认"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="commitments")
    kind = models.CharField("种类", max_length=12, choices=Kind.choices)
    text = models.TextField("承诺内容")
    signer_name = models.CharField("承诺人", max_length=120)
    via = models.CharField("签署方式", max_length=8, choices=Via.choices)
    scan = models.FileField("签字件扫描", upload_to="commitments/%Y/%m/", blank=True)
    signed_at = models.DateTimeField("签署时间", default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "承诺书"
        verbose_name_plural = "承诺书"
        ordering = ["case", "signed_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.signer_name}"


class PostCheck(models.Model):
    """事后核查 of a case granted on the applicant's commitment (告知承诺): scheduled on
    approval, assigned to a member of the department, its result recorded. A commitment
    found untrue opens a credit record and a revocation."""

    class Method(models.TextChoices):
        WRITTEN = "written", "书面核查"
        ONLINE = "online", "网络核查"
        SITE = "site", "实地核查"
        PUBLIC = "public", "公示"

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "待核查"
        DONE = "done", "已核查"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="postchecks")
    department = models.ForeignKey(
        "org.Department", on_delete=models.PROTECT, related_name="+", verbose_name="核查部门"
    )
    method = models.CharField("核查方式", max_length=8, choices=Method.choices)
    due_on = models.DateField("核查期限")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="核查人"
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default="scheduled")
    truthful = models.BooleanField("承诺属实", null=True, blank=True)
    note = models.TextField("核查情况", blank=True)
    scheduled_at = models.DateTimeField("安排时间", default=timezone.now)
    done_at = models.DateTimeField("核查时间", null=True, blank=True)
    reminded_on = models.DateField("逾期提醒日", null=True, blank=True)

    class Meta:
        verbose_name = "告知承诺事后核查"
        verbose_name_plural = "告知承诺事后核查"
        ordering = ["state", "due_on", "id"]
        indexes = [models.Index(fields=["department", "state", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case} {self.get_method_display()}"


class CreditRecord(models.Model):
    """A record in the applicant's credit file, here: a commitment found untrue (虚假承诺).
    While one is open the applicant may not use 告知承诺."""

    class Kind(models.TextChoices):
        FALSE_COMMITMENT = "false_commitment", "虚假承诺"

    kind = models.CharField("种类", max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="自然人",
    )
    enterprise = models.ForeignKey(
        "identity.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="企业",
    )
    subject_name = models.CharField("当事人", max_length=120)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="credit_records")
    description = models.TextField("情况")
    opened_at = models.DateTimeField("记录时间", default=timezone.now)
    closed_at = models.DateTimeField("信用修复时间", null=True, blank=True)
    closed_note = models.TextField("修复说明", blank=True)

    class Meta:
        verbose_name = "信用记录"
        verbose_name_plural = "信用记录"
        ordering = ["-opened_at", "id"]

    def __str__(self) -> str:
        return f"{self.subject_name} {self.get_kind_display()}"


class Revocation(models.Model):
    """撤销: a grant obtained on an untrue commitment, decided by the department."""

    class State(models.TextChoices):
        OPEN = "open", "待决定"
        REVOKED = "revoked", "已撤销"
        KEPT = "kept", "不予撤销"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="revocations")
    reason = models.TextField("事由")
    state = models.CharField("状态", max_length=8, choices=State.choices, default="open")
    opened_at = models.DateTimeField("立案时间", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    decision_note = models.TextField("决定理由", blank=True)

    class Meta:
        verbose_name = "撤销"
        verbose_name_plural = "撤销"
        ordering = ["state", "-opened_at"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_state_display()}"


class ProxyTransfer(models.Model):
    """跨域通办: an application received at one window for a body elsewhere — at another
    hall of the county (`Case.receiving_hall`), or at a window of another region — with the
    paper materials forwarded by courier and the result sent back."""

    class Return(models.TextChoices):
        WINDOW = "window", "回代收窗口领取"
        POST = "post", "邮寄给申请人"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="transfer")
    source_region = models.CharField(
        "代收地", max_length=100, help_text="代收的大厅或外地政务服务机构"
    )
    return_method = models.CharField("结果送达", max_length=8, choices=Return.choices)
    forwarded_at = models.DateTimeField("材料寄出时间", null=True, blank=True)
    courier = models.CharField("快递公司", max_length=30, blank=True)
    tracking_number = models.CharField("快递单号", max_length=40, blank=True)
    materials_received_at = models.DateTimeField("办理地收到材料时间", null=True, blank=True)
    materials_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result_sent_at = models.DateTimeField("结果寄回时间", null=True, blank=True)
    result_courier = models.CharField("结果快递公司", max_length=30, blank=True)
    result_tracking_number = models.CharField("结果快递单号", max_length=40, blank=True)
    result_received_at = models.DateTimeField("代收窗口收到结果时间", null=True, blank=True)
    created_at = models.DateTimeField("代收时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "跨域通办转递"
        verbose_name_plural = "跨域通办转递"

    def __str__(self) -> str:
        return f"{self.case} 代收于 {self.source_region}"


class Delivery(models.Model):
    """How the result reached the applicant (统一窗口出件): collected at the window after an
    identity check and a signature, posted with a tracking number, or delivered
    electronically."""

    class Method(models.TextChoices):
        WINDOW = "window", "窗口领取"
        POST = "post", "邮寄送达"
        ONLINE = "online", "电子送达"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="delivery")
    method = models.CharField("出件方式", max_length=8, choices=Method.choices)
    collector_name = models.CharField("领取人", max_length=60, blank=True)
    collector_is_applicant = models.BooleanField("本人领取", default=True)
    collector_id_masked = models.CharField("领取人证件号码", max_length=24, blank=True)
    id_checked = models.BooleanField("已核验身份", default=False)
    signature = models.FileField("领取签名", upload_to="signatures/%Y/%m/", blank=True)
    courier = models.CharField("快递公司", max_length=30, blank=True)
    tracking_number = models.CharField("快递单号", max_length=40, blank=True)
    address = models.CharField("邮寄地址", max_length=200, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    delivered_at = models.DateTimeField("出件时间", default=timezone.now)
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "出件记录"
        verbose_name_plural = "出件记录"

    def __str__(self) -> str:
        return f"{self.case} {self.get_method_display()}"


class CaseStep(models.Model):
    """The timeline: one row per stage the case passed through (GB/T 39046 办件过程信息)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    seq = models.PositiveSmallIntegerField("序号")
    name = models.CharField("环节名称", max_length=40)
    state = models.CharField("环节状态", max_length=16, choices=CaseState.choices)
    department = models.ForeignKey(
        "org.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("办理人姓名", max_length=60, blank=True)
    action = models.CharField("办理动作", max_length=24, blank=True)
    action_label = models.CharField("办理结果", max_length=20, blank=True)
    opinion = models.TextField("办理意见", blank=True)
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "办理过程"
        verbose_name_plural = "办理过程"
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="cases_step_seq")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.name}"


class CorrectionRequest(models.Model):
    """一次性告知: every missing or defective material, in one notice."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="corrections")
    items = models.JSONField("补正内容", help_text='[{"material": "名称", "problem": "问题"}]')
    note = models.TextField("说明", blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("告知时间", default=timezone.now)
    answered_at = models.DateTimeField("补正时间", null=True, blank=True)

    class Meta:
        verbose_name = "补正告知"
        verbose_name_plural = "补正告知"
        ordering = ["case", "issued_at"]

    def __str__(self) -> str:
        return f"{self.case} 补正告知"


class SpecialProcedure(models.Model):
    """Time not counted (Art. 45): kind, reason, expected duration, start and end."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="special_procedures")
    kind = models.ForeignKey(
        "catalog.SpecialProcedureKind", on_delete=models.PROTECT, verbose_name="种类"
    )
    reason = models.TextField("原因")
    expected_days = models.PositiveSmallIntegerField("预计时长（工作日）")
    started_on = models.DateField("开始日期")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_on = models.DateField("结束日期", null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result = models.TextField("结果", blank=True)
    days_not_counted = models.PositiveIntegerField("不计时天数", default=0)

    class Meta:
        verbose_name = "特别程序"
        verbose_name_plural = "特别程序"
        ordering = ["case", "started_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.kind}"


class Extension(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField("延长天数")
    reason = models.TextField("理由")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("批准时间", default=timezone.now)
    promised_due_before = models.DateField("原承诺办结日", null=True)
    promised_due_after = models.DateField("新承诺办结日", null=True)
    statutory_due_before = models.DateField("原法定办结日", null=True)
    statutory_due_after = models.DateField("新法定办结日", null=True)

    class Meta:
        verbose_name = "延期"
        verbose_name_plural = "延期"
        ordering = ["case", "created_at"]

    def __str__(self) -> str:
        return f"{self.case} 延期 {self.days} 日"


# Crockford-style alphabet: no 0/O or 1/I/L to misread when typed from paper.
VERIFY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_verify_code() -> str:
    """12 characters (≈ 59 bits) for a notice's public verification link."""
    return "".join(secrets.choice(VERIFY_ALPHABET) for _ in range(12))


class CaseNotice(models.Model):
    """A written notice (文书) the platform issued on a case, numbered."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField("文书种类", max_length=24)
    title = models.CharField("标题", max_length=60)
    number = models.CharField("文号", max_length=60, unique=True)
    body = models.TextField("正文")
    issued_at = models.DateTimeField("出具时间", default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the QR code on the printed notice carries: anyone holding the paper can confirm
    # on the public verification page that the platform issued it. Random, so documents
    # cannot be enumerated by guessing.
    verify_code = models.CharField(
        "核验码", max_length=16, unique=True, default=new_verify_code, editable=False
    )

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["case", "issued_at", "id"]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"


class CaseWarning(models.Model):
    """One warning raised by the sweep; unique per (case, kind, due date) so sweeps are
    idempotent and an extension (new due date) can warn again."""

    class Kind(models.TextChoices):
        NEAR = "near", "临期提醒"
        OVERDUE = "overdue", "超时预警"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="warnings")
    kind = models.CharField("种类", max_length=8, choices=Kind.choices)
    due_on = models.DateField("承诺办结日")
    remaining = models.IntegerField("剩余工作日")
    created_at = models.DateTimeField("预警时间", default=timezone.now)

    class Meta:
        verbose_name = "时限预警"
        verbose_name_plural = "时限预警"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "due_on"], name="cases_warning_once")
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"


# --------------------------------------------------------------------------------------------
# Supervision (督办) — generic so the hotline can reuse it
# --------------------------------------------------------------------------------------------
class SupervisionOrder(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "督办中"
        CLOSED = "closed", "已办结"

    number = models.CharField("督办单号", max_length=24, unique=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_label = models.CharField("督办对象", max_length=200)
    department = models.ForeignKey(
        "org.Department", verbose_name="责任部门", on_delete=models.PROTECT, related_name="+"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervisions_responsible",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="督办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervisions_led",
    )
    reason = models.TextField("督办事由")
    automatic = models.BooleanField("超时自动生成", default=False)
    due_on = models.DateField("所督办的承诺办结日", null=True, blank=True)
    state = models.CharField("状态", max_length=8, choices=State.choices, default="open")
    reply_due = models.DateField("反馈期限", null=True, blank=True)
    opened_at = models.DateTimeField("督办时间", default=timezone.now)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    conclusion = models.TextField("督办结论", blank=True)

    class Meta:
        verbose_name = "督办单"
        verbose_name_plural = "督办单"
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="cases_supervision_subject"),
            models.Index(fields=["department", "state"], name="cases_supervision_dept"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"],
                condition=models.Q(state="open"),
                name="cases_one_open_supervision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject_label}"


class SupervisionEvent(models.Model):
    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", "跟进督办"
        REPLY = "reply", "责任人反馈"
        TALK = "talk", "约谈"
        CLOSE = "close", "办结"

    order = models.ForeignKey(SupervisionOrder, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("种类", max_length=10, choices=Kind.choices)
    note = models.TextField("内容")
    participants = models.CharField("约谈参加人", max_length=200, blank=True)
    talk_on = models.DateField("约谈日期", null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "督办记录"
        verbose_name_plural = "督办记录"
        ordering = ["order", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.order.number} {self.get_kind_display()}"


@receiver([post_save, post_delete], sender=ClockPolicy)
def _clock_policy_changed(**kwargs: Any) -> None:
    from onewindow.core import context

    context.forget("cases.clock_policy")


@receiver([post_save, post_delete], sender=Transition)
@receiver([post_save, post_delete], sender=ProcessTemplate)
def _transitions_changed(**kwargs: Any) -> None:
    from onewindow.core import context

    context.forget("cases.transitions.")
