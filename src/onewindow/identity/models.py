from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.db import models
from django.utils import timezone

from onewindow.core.models import TimeStampedModel
from onewindow.core.permissions import ROLE_REACH, Reach, Role, Scope, scope_of

from . import crypto


class AccountManager(UserManager["User"]):
    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> User:
        extra.setdefault("kind", User.Kind.STAFF)
        extra.setdefault("name", username)
        user = super().create_superuser(username, email, password, **extra)
        StaffRole.objects.get_or_create(user=user, role=Role.SYSTEM_ADMIN)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """Every person or system that signs in: citizens, enterprise agents, staff, terminals."""

    class Kind(models.TextChoices):
        PUBLIC = "public", "个人用户"
        STAFF = "staff", "工作人员"
        SERVICE = "service", "系统账户"

    username = models.CharField(
        "登录名",
        max_length=64,
        unique=True,
        error_messages={"unique": "该登录名已被使用"},
    )
    name = models.CharField("姓名", max_length=60)
    kind = models.CharField("账户类型", max_length=10, choices=Kind.choices, default=Kind.PUBLIC)
    email = models.EmailField("电子邮箱", blank=True)
    # Real-name data: stored encrypted, looked up by keyed digest, shown masked.
    id_number_enc = models.TextField("身份证号（密文）", blank=True, editable=False)
    id_number_digest = models.CharField(
        "身份证号摘要", max_length=64, null=True, blank=True, unique=True, editable=False
    )
    id_number_masked = models.CharField("身份证号", max_length=18, blank=True, editable=False)
    real_name_verified = models.BooleanField("已实名认证", default=False)
    phone_enc = models.TextField("手机号（密文）", blank=True, editable=False)
    phone_masked = models.CharField("手机号", max_length=11, blank=True, editable=False)
    # Staff placement.
    department = models.ForeignKey(
        "org.Department",
        verbose_name="所属部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    hall = models.ForeignKey(
        "org.Hall",
        verbose_name="所在大厅",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    staff_number = models.CharField("工号", max_length=20, blank=True)
    is_active = models.BooleanField("启用", default=True)
    is_staff = models.BooleanField(
        "可进入后台管理", default=False, help_text="可登录 Django 管理后台（系统管理员）"
    )
    date_joined = models.DateTimeField("注册时间", default=timezone.now)
    failed_login_count = models.PositiveSmallIntegerField("连续登录失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)

    objects = AccountManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = "账户"
        verbose_name_plural = "账户"
        ordering = ["username"]

    def __str__(self) -> str:
        return f"{self.name}（{self.username}）" if self.name else self.username

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name

    # --- real-name data -------------------------------------------------------------------
    def set_id_number(self, number: str) -> None:
        from onewindow.core.validators import mask_resident_id

        self.id_number_enc = crypto.encrypt(number)
        self.id_number_digest = crypto.lookup_digest("resident_id", number)
        self.id_number_masked = mask_resident_id(number)

    @property
    def id_number(self) -> str:
        return crypto.decrypt(self.id_number_enc) if self.id_number_enc else ""

    def set_phone(self, phone: str) -> None:
        from onewindow.core.validators import mask_mobile

        self.phone_enc = crypto.encrypt(phone) if phone else ""
        self.phone_masked = mask_mobile(phone) if phone else ""

    @property
    def phone(self) -> str:
        return crypto.decrypt(self.phone_enc) if self.phone_enc else ""

    # --- Django admin permissions: system administrators may manage every table -----------
    def _is_system_admin(self) -> bool:
        return self.is_active and self.is_staff and Role.SYSTEM_ADMIN in self.role_codes

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self._is_system_admin() or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self._is_system_admin() or super().has_module_perms(app_label)

    # --- roles and scope ------------------------------------------------------------------
    @property
    def role_codes(self) -> frozenset[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = frozenset(self.staff_roles.values_list("role", flat=True))
            self._role_codes = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))

    def compute_scope(self) -> Scope:
        roles = self.role_codes if self.kind != User.Kind.PUBLIC else frozenset()
        reaches = {ROLE_REACH[Role(r)] for r in roles}
        enterprise_ids = frozenset(
            EnterpriseAgent.objects.active()
            .filter(user=self)
            .values_list("enterprise_id", flat=True)
        )
        return Scope(
            user_id=self.pk,
            is_staff=self.kind != User.Kind.PUBLIC,
            roles=roles,
            county_wide=Reach.COUNTY in reaches,
            department_ids=frozenset([self.department_id])
            if Reach.DEPARTMENT in reaches and self.department_id
            else frozenset(),
            hall_ids=frozenset([self.hall_id])
            if Reach.HALL in reaches and self.hall_id
            else frozenset(),
            enterprise_ids=enterprise_ids,
        )

    @property
    def home_role(self) -> str:
        """The role whose home page this user lands on."""
        if self.kind == User.Kind.PUBLIC:
            return "enterprise" if scope_of(self).enterprise_ids else "citizen"
        for role in (Role.COUNTY_LEADER, Role.SYSTEM_ADMIN):
            if role in self.role_codes:
                return str(role)
        return "staff"


class StaffRole(models.Model):
    user = models.ForeignKey(
        User, verbose_name="账户", on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField("授予时间", default=timezone.now)

    class Meta:
        verbose_name = "工作人员角色"
        verbose_name_plural = "工作人员角色"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="identity_role_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class Enterprise(TimeStampedModel):
    name = models.CharField("名称", max_length=200)
    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    legal_rep_name = models.CharField("法定代表人", max_length=60)
    legal_rep = models.ForeignKey(
        User,
        verbose_name="法定代表人账户",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="represented_enterprises",
    )
    division = models.ForeignKey(
        "org.Division", verbose_name="所在区划", null=True, blank=True, on_delete=models.PROTECT
    )
    address = models.CharField("住所", max_length=200, blank=True)

    class Meta:
        verbose_name = "企业"
        verbose_name_plural = "企业"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgentQuerySet(models.QuerySet["EnterpriseAgent"]):
    def active(self) -> AgentQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=now)
        )


class EnterpriseAgent(models.Model):
    """A person authorised to act for an enterprise (the legal representative included)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="企业", on_delete=models.CASCADE, related_name="agents"
    )
    user = models.ForeignKey(
        User, verbose_name="经办人", on_delete=models.PROTECT, related_name="agencies"
    )
    is_legal_rep = models.BooleanField("法定代表人", default=False)
    authorised_by = models.ForeignKey(
        User,
        verbose_name="授权人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    authorised_at = models.DateTimeField("授权时间", default=timezone.now)
    valid_until = models.DateTimeField("有效期至", null=True, blank=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    objects = AgentQuerySet.as_manager()

    class Meta:
        verbose_name = "企业经办人授权"
        verbose_name_plural = "企业经办人授权"
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "user"],
                condition=models.Q(revoked_at__isnull=True),
                name="identity_one_active_agency",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.user}"


class ApiToken(models.Model):
    """A bearer token an administrator issues to a department system or a terminal.

    Only the SM3 digest is stored; the token itself is shown once when issued.
    """

    name = models.CharField("用途", max_length=100)
    user = models.ForeignKey(
        User, verbose_name="代表账户", on_delete=models.PROTECT, related_name="api_tokens"
    )
    prefix = models.CharField("前缀", max_length=12, db_index=True)
    digest = models.CharField("摘要", max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        User,
        verbose_name="签发人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("签发时间", default=timezone.now)
    expires_at = models.DateTimeField("过期时间")
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"
