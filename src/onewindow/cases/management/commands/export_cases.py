"""`onewindow manage export_cases --since 2026-01-01 --until 2026-03-31 [--department ID] [-o FILE]`"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from onewindow.cases import export


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”格式不对，应为 YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "导出办件数据（参照 GB/T 39046-2020 办件信息结构的 JSON），用于向上级平台报送"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--since", type=_date, help="收件日期起（含）")
        parser.add_argument("--until", type=_date, help="收件日期止（含）")
        parser.add_argument("--department", type=int, help="只导出该部门（ID）的办件")
        parser.add_argument("-o", "--output", help="输出文件（默认标准输出）")

    def handle(self, *args: Any, **options: Any) -> None:
        since, until = options["since"], options["until"]
        if since and until and since > until:
            raise CommandError("起始日期晚于截止日期")
        qs = export.select(since=since, until=until, department_id=options["department"])
        params = {"since": since, "until": until, "department": options["department"]}
        chunks = export.iter_json(qs, params)
        if not options["output"]:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        with open(options["output"], "w", encoding="utf-8") as out:
            out.writelines(chunks)
