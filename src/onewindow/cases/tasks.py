from __future__ import annotations

import datetime as dt

from django.db import connection
from django_tasks import task

from onewindow.core import periodic

from . import sweeps


@task()
def case_clock_sweep() -> dict[str, int]:
    result = sweeps.run_all()
    if connection.vendor == "sqlite":
        # Keep the query planner's statistics fresh as cases accumulate (SQLite never
        # analyses on its own; without statistics it picks poor indexes for the inboxes).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")
    return result


periodic.register("cases.clock_sweep", every=dt.timedelta(minutes=30), task=case_clock_sweep)
