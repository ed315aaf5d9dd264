from __future__ import annotations

from django_tasks import task

from . import excel


@task()
def run_import(job_id: int) -> str:
    """Validate and import one uploaded catalog workbook (`ImportJob`)."""
    return excel.import_job_run(job_id)
