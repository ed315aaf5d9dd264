from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models


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
