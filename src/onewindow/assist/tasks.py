from __future__ import annotations

import datetime as dt

from django_tasks import task

from onewindow.core import periodic

from . import actionlog


@task()
def helper_log_sync() -> int:
    """Fill the helpers' action log from the audit events written since the last run."""
    return actionlog.sync()


periodic.register("assist.helper_log_sync", every=dt.timedelta(minutes=1), task=helper_log_sync)
