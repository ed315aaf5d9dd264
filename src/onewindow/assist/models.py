"""帮办代办 (one-to-one help): the roster of helpers, what each carries (assignments to an
applicant, a case or a key project), the applicants' consents (授权委托) that let a helper
fill in and submit for them, and the log of what helpers did.

Rules live in `services.py`; the constraints below are the last line of defence.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onewindow.core.models import TimeStampedModel

if TYPE_CHECKING:
    from onewindow.cases.models import Case


class HelperProfile(TimeStampedModel):
    """A staff member holding `Role.HELPER` on the roster (帮办代办员名册)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="帮办员",
        on_delete=models.PROTECT,
        related_name="helper_profile",
    )
    hall = models.ForeignKey(
        "org.Hall",
        verbose_name="所在大厅",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="helpers",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name="所属部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="helpers",
    )
    tags = models.JSONField(
        "专长", default=list, blank=True, help_text="自由标签，如：企业开办、工程建设、老年人帮办"
    )
    themes = models.ManyToManyField(
        "catalog.Theme", verbose_name="擅长主题", blank=True, related_name="helpers"
    )
    phone = models.CharField(
        "服务电话",
        max_length=20,
        help_text="向申请人公开的工作电话（座机或工作手机），不是个人手机号",
    )
    is_active = models.BooleanField("在岗", default=True)
    max_load = models.PositiveSmallIntegerField(
        "最多同时承担", default=20, help_text="同时在办的分派（申请人、办件、重点项目）上限"
    )

    class Meta:
        verbose_name = "帮办代办员"
        verbose_name_plural = "帮办代办员名册"
        ordering = ["hall_id", "user__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hall__isnull=False) | Q(department__isnull=False),
                name="assist_helper_hall_or_department",
            )
        ]

    def __str__(self) -> str:
        return self.user.name or self.user.username


class KeyProject(TimeStampedModel):
    """重点项目: an enterprise's investment project the county follows, with the county
    leader in charge (包抓领导) and the departments involved."""

    class Status(models.TextChoices):
        ACTIVE = "active", "推进中"
        PRODUCING = "producing", "已投产"
        TERMINATED = "terminated", "已终止"

    name = models.CharField("项目名称", max_length=120)
    enterprise = models.ForeignKey(
        "identity.Enterprise",
        verbose_name="项目单位",
        on_delete=models.PROTECT,
        related_name="key_projects",
    )
    investment = models.DecimalField("总投资（万元）", max_digits=12, decimal_places=2)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="包抓领导",
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    departments = models.ManyToManyField(
        "org.Department", verbose_name="涉及部门", blank=True, related_name="key_projects"
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default="active")
    description = models.TextField("项目概况", blank=True)
    cases: models.ManyToManyField[Case, ProjectCase] = models.ManyToManyField(
        "cases.Case",
        verbose_name="项目办件",
        through="ProjectCase",
        blank=True,
        related_name="key_projects",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "重点项目"
        verbose_name_plural = "重点项目"
        ordering = ["status", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name"], name="assist_project_name"),
            models.CheckConstraint(condition=Q(investment__gte=0), name="assist_investment_gte0"),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectCase(models.Model):
    """A case belonging to a key project (a case belongs to at most one)."""

    project = models.ForeignKey(
        KeyProject, verbose_name="重点项目", on_delete=models.CASCADE, related_name="case_links"
    )
    case = models.OneToOneField(
        "cases.Case", verbose_name="办件", on_delete=models.CASCADE, related_name="project_link"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField("加入时间", default=timezone.now)

    class Meta:
        verbose_name = "项目办件"
        verbose_name_plural = "项目办件"

    def __str__(self) -> str:
        return f"{self.project_id}:{self.case_id}"


class Assignment(models.Model):
    """A helper carries one applicant (a citizen or an enterprise), one case or one key
    project from `started_at` until `ended_at`. Reassigning ends the row and starts a new
    one that points back at it, so the history stays. One active helper per target."""

    class Kind(models.TextChoices):
        PERSON = "person", "个人申请人"
        ENTERPRISE = "enterprise", "企业"
        CASE = "case", "办件"
        PROJECT = "project", "重点项目"

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="帮办员",
        on_delete=models.PROTECT,
        related_name="assist_assignments",
        db_index=False,  # led by assist_assign_helper
    )
    kind = models.CharField("对象类型", max_length=12, choices=Kind.choices)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assist_helped",
    )
    enterprise = models.ForeignKey(
        "identity.Enterprise",
        verbose_name="企业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assist_assignments",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="办件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assist_assignments",
    )
    project = models.ForeignKey(
        KeyProject,
        verbose_name="重点项目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    started_at = models.DateTimeField("开始时间", default=timezone.now)
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="分派人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="结束人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField("说明", max_length=200, blank=True)
    end_note = models.CharField("结束说明", max_length=200, blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name="改派自",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next",
    )

    class Meta:
        verbose_name = "帮办分派"
        verbose_name_plural = "帮办分派"
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["helper", "ended_at"], name="assist_assign_helper")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="person",
                        applicant__isnull=False,
                        enterprise__isnull=True,
                        case__isnull=True,
                        project__isnull=True,
                    )
                    | Q(
                        kind="enterprise",
                        applicant__isnull=True,
                        enterprise__isnull=False,
                        case__isnull=True,
                        project__isnull=True,
                    )
                    | Q(
                        kind="case",
                        applicant__isnull=True,
                        enterprise__isnull=True,
                        case__isnull=False,
                        project__isnull=True,
                    )
                    | Q(
                        kind="project",
                        applicant__isnull=True,
                        enterprise__isnull=True,
                        case__isnull=True,
                        project__isnull=False,
                    )
                ),
                name="assist_assignment_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=[target],
                    condition=Q(ended_at__isnull=True),
                    name=f"assist_one_active_{target}",
                )
                for target in ("applicant", "enterprise", "case", "project")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.helper} · {self.target_label}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    @property
    def target_label(self) -> str:
        if self.kind == self.Kind.PERSON and self.applicant is not None:
            return self.applicant.name
        if self.kind == self.Kind.ENTERPRISE and self.enterprise is not None:
            return self.enterprise.name
        if self.kind == self.Kind.CASE and self.case is not None:
            return f"{self.case.number or '（草稿）'} {self.case.item_name}"
        if self.kind == self.Kind.PROJECT and self.project is not None:
            return self.project.name
        return ""


class Consent(models.Model):
    """授权委托: an applicant's consent that a helper fills in and submits applications for
    them. A citizen consents for themself; an enterprise through one of its authorised
    agents, and the consent holds only while that person is still an agent."""

    class Scope(models.TextChoices):
        ALL = "all", "全部事项"
        ITEMS = "items", "指定事项"
        CASE = "case", "单个办件"

    class Method(models.TextChoices):
        ONLINE = "online", "在线确认"
        WRITTEN = "written", "书面委托"
        PHONE = "phone", "电话录音"

    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="受托帮办员",
        on_delete=models.PROTECT,
        related_name="assist_consents",
        db_index=False,  # led by assist_consent_helper
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="委托人（个人）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assist_consents_given",
    )
    enterprise = models.ForeignKey(
        "identity.Enterprise",
        verbose_name="委托单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assist_consents",
    )
    grantor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签署人",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="个人为本人；企业为其有效授权经办人（含法定代表人）",
    )
    scope = models.CharField("委托范围", max_length=8, choices=Scope.choices)
    items = models.ManyToManyField(
        "catalog.Item", verbose_name="委托事项", blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="委托办件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    method = models.CharField("委托方式", max_length=8, choices=Method.choices)
    # 书面委托: the scanned signed form, checked like a case material.
    document = models.FileField("委托书扫描件", upload_to="assist/consents/%Y/%m/", blank=True)
    document_name = models.CharField("原文件名", max_length=200, blank=True)
    document_type = models.CharField("文件类型", max_length=60, blank=True)
    document_size = models.PositiveIntegerField("大小（字节）", default=0)
    document_sm3 = models.CharField("SM3 校验值", max_length=64, blank=True)
    # 电话录音: where the recording is kept.
    recording_ref = models.CharField("录音编号", max_length=80, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    given_at = models.DateTimeField("委托时间", default=timezone.now)
    valid_until = models.DateField("有效期至（含当日）")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤销人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoke_reason = models.CharField("撤销原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "授权委托"
        verbose_name_plural = "授权委托"
        ordering = ["-given_at", "-id"]
        indexes = [
            models.Index(fields=["helper", "valid_until"], name="assist_consent_helper"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(applicant__isnull=False, enterprise__isnull=True)
                | Q(applicant__isnull=True, enterprise__isnull=False),
                name="assist_consent_one_party",
            ),
            models.CheckConstraint(
                condition=~Q(scope="case") | Q(case__isnull=False),
                name="assist_consent_case_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_name} → {self.helper}（{self.get_scope_display()}）"

    @property
    def party_name(self) -> str:
        if self.enterprise is not None:
            return self.enterprise.name
        return self.applicant.name if self.applicant is not None else ""

    def state_on(self, today: dt.date | None = None) -> str:
        """有效 / 已撤销 / 已过期, for lists."""
        if self.revoked_at is not None:
            return "已撤销"
        if self.valid_until < (today or timezone.localdate()):
            return "已过期"
        return "有效"


class HelperActionLog(models.Model):
    """One thing a helper did, projected from the audit trail (`actionlog.sync`): every
    audit event whose actor is a helper, with the case and applicant it concerned and the
    assignment or consent that covered it at that moment (none: flagged for the hall)."""

    event_seq = models.PositiveBigIntegerField("审计事件序号", unique=True)
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="帮办员",
        on_delete=models.PROTECT,
        related_name="assist_actions",
        db_index=False,  # led by assist_log_helper
    )
    code = models.CharField("事件代码", max_length=80)
    action = models.CharField("操作", max_length=40)
    at = models.DateTimeField("时间")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # led by assist_log_applicant
    )
    enterprise = models.ForeignKey(
        "identity.Enterprise",
        verbose_name="企业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # led by assist_log_enterprise
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="办件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name="依据的分派",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name="依据的授权委托",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    details = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "帮办操作记录"
        verbose_name_plural = "帮办操作记录"
        ordering = ["-at", "-event_seq"]
        indexes = [
            models.Index(fields=["helper", "-at"], name="assist_log_helper"),
            models.Index(fields=["applicant", "-at"], name="assist_log_applicant"),
            models.Index(fields=["enterprise", "-at"], name="assist_log_enterprise"),
        ]

    def __str__(self) -> str:
        return f"{self.helper} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def basis(self) -> str:
        if self.consent_id is not None:
            return "授权委托"
        if self.assignment_id is not None:
            return "分派"
        return ""


class LogCursor(models.Model):
    """How far into the audit chain the action log has been filled (one row)."""

    seq = models.PositiveBigIntegerField("已处理到的审计事件序号", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "操作记录同步位置"
        verbose_name_plural = "操作记录同步位置"

    def __str__(self) -> str:
        return f"#{self.seq}"
