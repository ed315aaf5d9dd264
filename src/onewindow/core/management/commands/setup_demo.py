from typing import Any

from django.core.management.base import BaseCommand

from onewindow import demo


class Command(BaseCommand):
    help = "Load the 眉县 demo data (idempotent: running it again changes nothing)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo.load_all()
        self.stdout.write(f"演示数据：新建 {result.created} 条，已存在 {result.existing} 条")
