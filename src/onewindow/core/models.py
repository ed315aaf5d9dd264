from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("审计事件只能追加，不能修改")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("审计事件只能追加，不能删除")


class AuditEvent(models.Model):
    """One state change, chained to the one before it by an SM3 hash.

    Written only by `onewindow.core.audit.record` inside the transaction of the change it
    describes. `hash = SM3(prev_hash ‖ canonical JSON of this row)`; `onewindow audit verify`
    recomputes the chain and names the first row that no longer fits.
    """

    seq = models.PositiveBigIntegerField("序号", unique=True)
    code = models.CharField("事件代码", max_length=80, db_index=True)
    occurred_at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("操作人名称", max_length=150, blank=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True)
    object_id = models.CharField("对象标识", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    ip = models.GenericIPAddressField("客户端 IP", null=True, blank=True)
    prev_hash = models.CharField("前一哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.code} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("审计事件只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("审计事件只能追加，不能删除")


class AuditChainHead(models.Model):
    """The last link of the chain: one row, locked by every writer so links never fork."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


class PeriodicJob(models.Model):
    """When each periodic job last ran and may next run; shared by every worker process."""

    name = models.CharField("作业", max_length=100, unique=True)
    interval_seconds = models.PositiveIntegerField("间隔（秒）")
    last_run_at = models.DateTimeField("上次运行", null=True, blank=True)
    next_run_at = models.DateTimeField("下次运行")

    class Meta:
        verbose_name = "定时作业"
        verbose_name_plural = "定时作业"

    def __str__(self) -> str:
        return self.name


class CalendarOverride(models.Model):
    """A day whose status an administrator sets: a whole new year's holidays and make-up
    workdays before `chinese-calendar` ships them, or a local extra day off."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "休息日（不计工作日）"
        WORKDAY = "workday", "工作日（含调休上班）"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    name = models.CharField("名称", max_length=60, help_text="如：春节、国庆节调休、防汛停工")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "工作日历调整"
        verbose_name_plural = "工作日历调整"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class CalendarYear(models.Model):
    """A year whose holidays an administrator has entered completely (as overrides), for a
    year `chinese-calendar` does not cover yet. Weekends rest and weekdays work, except the
    override days."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField(
        "依据", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知"
    )
    confirmed_at = models.DateTimeField("确认时间", auto_now_add=True)

    class Meta:
        verbose_name = "已录入的年度日历"
        verbose_name_plural = "已录入的年度日历"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} 年（{self.source}）"


@receiver([post_save, post_delete], sender=CalendarOverride)
@receiver([post_save, post_delete], sender=CalendarYear)
def _calendar_changed(**kwargs: Any) -> None:
    """The request that changes the calendar computes with the change from then on."""
    from . import context

    context.forget("calendar.")
