from django.db import migrations


def create(apps, schema_editor):
    from onewindow.cases.lifecycle import ACTION_LABELS, DEFAULT_TEMPLATES

    ProcessTemplate = apps.get_model("cases", "ProcessTemplate")
    Transition = apps.get_model("cases", "Transition")
    ClockPolicy = apps.get_model("cases", "ClockPolicy")
    for code, (name, handling_type, rows) in DEFAULT_TEMPLATES.items():
        if ProcessTemplate.objects.filter(code=code).exists():
            continue
        template = ProcessTemplate.objects.create(
            code=code, name=name, handling_type=handling_type, is_default=True
        )
        Transition.objects.bulk_create(
            Transition(
                template=template,
                action=action,
                label=ACTION_LABELS[action],
                sources=[str(s) for s in sources],
                target=str(target),
                roles=list(roles),
                requires=list(requires),
                notice=notice,
                order=i,
            )
            for i, (action, sources, target, roles, requires, notice) in enumerate(rows)
        )
    if not ClockPolicy.objects.exists():
        ClockPolicy.objects.create()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
