from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from onewindow.core.models import TimeStampedModel
from onewindow.core.validators import division_code_error, uscc_error

from . import hours


def validate_division_code(value: str) -> None:
    if (error := division_code_error(value)) is not None:
        raise ValidationError(error)


def validate_uscc(value: str) -> None:
    if (error := uscc_error(value)) is not None:
        raise ValidationError(error)


def validate_hours(value: str) -> None:
    try:
        hours.parse(value)
    except hours.HoursError as exc:
        raise ValidationError(str(exc)) from exc


class Division(models.Model):
    """An administrative division: the county, its towns/streets, their villages/communities."""

    class Level(models.IntegerChoices):
        COUNTY = 4, "县（区）"
        TOWN = 5, "乡镇/街道"
        VILLAGE = 6, "村/社区"

    class Kind(models.TextChoices):
        COUNTY = "county", "县"
        TOWN = "town", "镇"
        STREET = "street", "街道"
        VILLAGE = "village", "村"
        COMMUNITY = "community", "社区"

    code = models.CharField(
        "区划代码", max_length=12, unique=True, validators=[validate_division_code]
    )
    name = models.CharField("名称", max_length=60)
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices)
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level=4, parent__isnull=True)
                | models.Q(level__gt=4, parent__isnull=False),
                name="org_division_parent_by_level",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        parts: list[str] = []
        node: Division | None = self
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return "".join(reversed(parts))


class Department(TimeStampedModel):
    """A government body: a county bureau, a town government, a public-service unit."""

    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30)
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc]
    )
    division = models.ForeignKey(
        Division, verbose_name="所在区划", on_delete=models.PROTECT, related_name="departments"
    )
    is_platform_operator = models.BooleanField(
        "平台运营主体",
        default=False,
        help_text="县行政审批服务局：负责运行政务服务平台与政务服务中心",
    )
    phone = models.CharField("联系电话", max_length=40, blank=True)
    supervision_phone = models.CharField("监督电话", max_length=40, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_platform_operator"],
                condition=models.Q(is_platform_operator=True),
                name="org_single_platform_operator",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Hall(TimeStampedModel):
    """A place where people come to be served."""

    class Kind(models.TextChoices):
        COUNTY_CENTER = "county_center", "县政务服务中心"
        SUB_CENTER = "sub_center", "政务服务分中心"
        TOWN_CENTER = "town_center", "镇/街道便民服务中心"
        VILLAGE_STATION = "village_station", "村/社区便民服务站"

    name = models.CharField("名称", max_length=100, unique=True)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    division = models.ForeignKey(
        Division, verbose_name="所在区划", on_delete=models.PROTECT, related_name="halls"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级大厅",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    managing_department = models.ForeignKey(
        Department,
        verbose_name="管理部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_halls",
    )
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    opening_hours = models.CharField(
        "办公时间",
        max_length=200,
        blank=True,
        validators=[validate_hours],
        help_text="如：1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00（1=周一 … 7=周日）",
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "服务大厅"
        verbose_name_plural = "服务大厅"
        ordering = ["division__code", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def opening_hours_display(self) -> str:
        return hours.display(self.opening_hours)


class Window(TimeStampedModel):
    """A service window in a hall."""

    class Kind(models.TextChoices):
        COMPREHENSIVE = "comprehensive", "综合窗口"
        PROFESSIONAL = "professional", "专业窗口"
        HELP = "help", "帮办代办窗口"
        CANT_DO = "cant_do", "办不成事反映窗口"
        CROSS_REGION = "cross_region", "跨域通办窗口"
        TIDAL = "tidal", "潮汐窗口"
        INTERMEDIARY = "intermediary", "中介服务窗口"

    hall = models.ForeignKey(
        Hall, verbose_name="所属大厅", on_delete=models.PROTECT, related_name="windows"
    )
    number = models.CharField("窗口号", max_length=10)
    name = models.CharField("名称", max_length=60)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    departments = models.ManyToManyField(
        Department, verbose_name="进驻部门", blank=True, related_name="windows"
    )
    opening_hours = models.CharField(
        "办公时间",
        max_length=200,
        blank=True,
        validators=[validate_hours],
        help_text="留空表示与大厅相同",
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "窗口"
        verbose_name_plural = "窗口"
        ordering = ["hall", "number"]
        constraints = [
            models.UniqueConstraint(fields=["hall", "number"], name="org_window_number_per_hall")
        ]

    def __str__(self) -> str:
        return f"{self.hall.name} {self.number} {self.name}"

    @property
    def effective_hours(self) -> str:
        return self.opening_hours or self.hall.opening_hours

    @property
    def opening_hours_display(self) -> str:
        return hours.display(self.effective_hours)
