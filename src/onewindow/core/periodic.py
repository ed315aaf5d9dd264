"""Periodic jobs: a registry that apps add to, and a scheduler tick that `onewindow worker`
calls. Each due job is claimed with a conditional UPDATE, so several workers never enqueue
the same run twice."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: dt.timedelta
    task: Any  # a django_tasks Task taking no arguments


_REGISTRY: dict[str, Job] = {}


def register(name: str, *, every: dt.timedelta, task: Any) -> None:
    _REGISTRY[name] = Job(name, every, task)


def registered() -> list[Job]:
    return sorted(_REGISTRY.values(), key=lambda j: j.name)


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job that is due; returns the names enqueued."""
    from .models import PeriodicJob

    now = now or timezone.now()
    enqueued = []
    for job in registered():
        row, _ = PeriodicJob.objects.get_or_create(
            name=job.name,
            defaults={"interval_seconds": int(job.every.total_seconds()), "next_run_at": now},
        )
        claimed = PeriodicJob.objects.filter(pk=row.pk, next_run_at__lte=now).update(
            last_run_at=now,
            next_run_at=now + job.every,
            interval_seconds=int(job.every.total_seconds()),
        )
        if claimed:
            job.task.enqueue()
            enqueued.append(job.name)
            logger.info("periodic job %s enqueued", job.name)
    return enqueued
