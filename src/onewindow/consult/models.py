"""首问负责: the consultation log of the comprehensive window.

Whoever is asked first answers on the spot, or refers the person on and follows up until
they have an answer. One `Consultation` per question asked, with its follow-up records
(`FollowUp`). The state machine is in `states.py`; every change goes through `services.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from onewindow.identity import crypto

from .states import AskerKind, Channel, Outcome, State


class Consultation(models.Model):
    number = models.CharField("登记编号", max_length=20, unique=True)
    hall = models.ForeignKey(
        "org.Hall",
        verbose_name="大厅",
        on_delete=models.PROTECT,
        related_name="consultations",
        db_index=False,  # leads the (hall, asked_at) index below
    )
    window = models.ForeignKey(
        "org.Window",
        verbose_name="窗口",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="首问责任人",
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    asked_at = models.DateTimeField("咨询时间", default=timezone.now)
    # The asker
    asker_name = models.CharField("咨询人", max_length=60)
    asker_kind = models.CharField(
        "咨询人类型", max_length=12, choices=AskerKind.choices, default=AskerKind.PERSON
    )
    asker_phone_enc = models.TextField("联系电话（密文）", blank=True, editable=False)
    asker_phone_masked = models.CharField("联系电话", max_length=20, blank=True, editable=False)
    asker_phone_digest = models.CharField(
        "联系电话摘要", max_length=64, blank=True, db_index=True, editable=False
    )
    channel = models.CharField(
        "咨询渠道", max_length=8, choices=Channel.choices, default=Channel.ONSITE
    )
    question = models.TextField("咨询内容")
    item = models.ForeignKey(
        "catalog.Item",
        verbose_name="相关事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    # What happened
    outcome = models.CharField("首问处理方式", max_length=12, choices=Outcome.choices)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.OPEN)
    referred_department = models.ForeignKey(
        "org.Department",
        verbose_name="转办部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    referred_window = models.ForeignKey(
        "org.Window",
        verbose_name="转办窗口",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referred_consultations",
    )
    referred_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="转办人员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referred_consultations",
    )
    referral_note = models.TextField("转办说明", blank=True)
    referred_at = models.DateTimeField("转办时间", null=True, blank=True)
    follow_up_due = models.DateField(
        "跟进期限",
        null=True,
        blank=True,
        help_text="自咨询之日起第 N 个工作日（N 由 ONEWINDOW_CONSULT_FOLLOW_UP_DAYS 设定），"
        "转办或需跟进时确定，再次转办不变",
    )
    # Closure
    result = models.TextField("答复内容", blank=True)
    asker_informed = models.BooleanField("已告知咨询人", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办结人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "咨询登记"
        verbose_name_plural = "咨询登记"
        ordering = ["-asked_at", "-id"]
        indexes = [
            models.Index(fields=["hall", "asked_at"], name="consult_hall_asked"),
            models.Index(fields=["asked_at"], name="consult_asked"),
            # The overdue view: pending consultations past their follow-up date.
            models.Index(fields=["state", "follow_up_due"], name="consult_state_due"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.asker_name}"

    # --- personal data: the phone number, stored encrypted, shown masked -------------------
    def set_phone(self, phone: str) -> None:
        from .phones import mask_phone

        phone = phone.strip()
        self.asker_phone_enc = crypto.encrypt(phone) if phone else ""
        self.asker_phone_masked = mask_phone(phone) if phone else ""
        self.asker_phone_digest = crypto.lookup_digest("phone", phone) if phone else ""

    @property
    def asker_phone(self) -> str:
        return crypto.decrypt(self.asker_phone_enc) if self.asker_phone_enc else ""

    @property
    def is_open(self) -> bool:
        return self.state != State.CLOSED


class FollowUp(models.Model):
    """跟进记录: one entry on the consultation's record — a referral, a follow-up note, or
    the closure — with who wrote it and when."""

    class Kind(models.TextChoices):
        REFER = "refer", "转办"
        NOTE = "note", "跟进"
        CLOSE = "close", "办结"

    consultation = models.ForeignKey(
        Consultation,
        verbose_name="咨询登记",
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    kind = models.CharField("种类", max_length=8, choices=Kind.choices, default=Kind.NOTE)
    note = models.TextField("内容")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "跟进记录"
        verbose_name_plural = "跟进记录"
        ordering = ["consultation", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.consultation.number} {self.get_kind_display()}"
