from __future__ import annotations

import datetime as dt

from django_tasks import task

from onewindow.core import periodic

from . import sweeps


@task()
def case_clock_sweep() -> dict[str, int]:
    return sweeps.run_all()


periodic.register("cases.clock_sweep", every=dt.timedelta(minutes=30), task=case_clock_sweep)
