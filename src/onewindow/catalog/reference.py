"""Reference data every catalog needs, whatever the county: the kinds of special procedure.

Migration 0002 seeds the same list (migrations keep their own copy, as they must not import
app code); `ensure_special_procedure_kinds()` restores it where a test database was flushed.
"""

from __future__ import annotations

from .models import SpecialProcedureKind

# 行政许可法第四十五条: time spent on these is not counted in the decision limit.
STATUTORY = ["听证", "招标", "拍卖", "检验", "检测", "检疫", "鉴定", "专家评审"]
# Local rules commonly treat these the same way (domain.md §2); administrators may disable them.
LOCAL = ["现场勘验", "公示"]


def ensure_special_procedure_kinds() -> None:
    for name in STATUTORY:
        SpecialProcedureKind.objects.get_or_create(name=name, defaults={"statutory": True})
    for name in LOCAL:
        SpecialProcedureKind.objects.get_or_create(name=name, defaults={"statutory": False})
