"""A random verification code on every notice (the QR code on its PDF links to it).

Added in three steps so existing notices each get their own code: a plain nullable
column, a fill, then unique and required."""

import secrets

from django.db import migrations, models

import onewindow.cases.models

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def fill(apps, schema_editor):
    notice = apps.get_model("cases", "CaseNotice")
    batch = []
    seen = set()
    for pk in notice.objects.filter(verify_code__isnull=True).values_list("pk", flat=True).iterator():
        code = "".join(secrets.choice(ALPHABET) for _ in range(12))
        while code in seen:
            code = "".join(secrets.choice(ALPHABET) for _ in range(12))
        seen.add(code)
        batch.append(notice(pk=pk, verify_code=code))
        if len(batch) >= 1000:
            notice.objects.bulk_update(batch, ["verify_code"])
            batch = []
    if batch:
        notice.objects.bulk_update(batch, ["verify_code"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_fewer_foreign_key_indexes")]

    operations = [
        migrations.AddField(
            model_name="casenotice",
            name="verify_code",
            field=models.CharField(max_length=16, null=True, editable=False, verbose_name="核验码"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="casenotice",
            name="verify_code",
            field=models.CharField(
                default=onewindow.cases.models.new_verify_code,
                editable=False,
                max_length=16,
                unique=True,
                verbose_name="核验码",
            ),
        ),
    ]
