from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from onewindow.core import periodic

logger = logging.getLogger("onewindow.worker")


def scheduler_loop(stop: threading.Event, tick_seconds: int) -> None:
    while not stop.is_set():
        try:
            periodic.tick()
        except Exception:  # a failed tick must not kill the worker; the next one retries
            logger.exception("periodic scheduler tick failed")
        finally:
            close_old_connections()
        stop.wait(tick_seconds)


class Command(BaseCommand):
    help = "Run the background worker: the task queue plus the periodic-job scheduler."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Only process tasks; another worker runs the periodic jobs.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        if not options["no_scheduler"]:
            names = ", ".join(j.name for j in periodic.registered())
            self.stdout.write(f"定时作业：{names}")
            threading.Thread(
                target=scheduler_loop,
                args=(stop, settings.SCHEDULER_TICK_SECONDS),
                name="scheduler",
                daemon=True,
            ).start()
        try:
            if settings.TASK_BACKEND == "db":
                call_command(
                    "db_worker", queue_name="*", interval=1, reload=False, startup_delay=False
                )
            elif settings.TASK_BACKEND == "rq":
                call_command("rqworker", "default")
            else:  # immediate: tasks run inline, only the scheduler has work
                stop.wait()
        finally:
            stop.set()
