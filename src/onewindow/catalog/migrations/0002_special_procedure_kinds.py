from django.db import migrations

# 行政许可法第四十五条: time spent on these is not counted in the decision limit.
STATUTORY = ["听证", "招标", "拍卖", "检验", "检测", "检疫", "鉴定", "专家评审"]
# Local rules commonly treat these the same way (domain.md §2); administrators may disable them.
LOCAL = ["现场勘验", "公示"]


def seed(apps, schema_editor):
    kind = apps.get_model("catalog", "SpecialProcedureKind")
    for name in STATUTORY:
        kind.objects.get_or_create(name=name, defaults={"statutory": True})
    for name in LOCAL:
        kind.objects.get_or_create(name=name, defaults={"statutory": False})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
