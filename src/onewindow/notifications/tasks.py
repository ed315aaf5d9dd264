from __future__ import annotations

import datetime as dt

from django_tasks import task

from onewindow.core import periodic

from . import services


@task()
def deliver_notification(notification_id: int) -> str:
    return services.deliver(notification_id)


@task()
def sweep_notifications() -> int:
    return services.sweep()


periodic.register("notifications.sweep", every=dt.timedelta(minutes=1), task=sweep_notifications)
