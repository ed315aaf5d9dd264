from typing import Any

from django.core.management.base import BaseCommand, CommandError

from onewindow.core import audit


class Command(BaseCommand):
    help = "Verify the SM3 hash chain of the audit trail and report the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit.verify()
        if not result.ok:
            raise CommandError(str(result))
        self.stdout.write(self.style.SUCCESS(str(result)))
