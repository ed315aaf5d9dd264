from django.db import migrations


def create(apps, schema_editor):
    from onewindow.cases.lifecycle import create_default_templates

    create_default_templates(apps.get_model("cases", "ProcessTemplate"), apps.get_model("cases", "Transition"))
    ClockPolicy = apps.get_model("cases", "ClockPolicy")
    if not ClockPolicy.objects.exists():
        ClockPolicy.objects.create()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
