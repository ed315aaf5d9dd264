"""Forms of the 帮办代办 pages. They parse what was typed and look up what a person types
instead of an ID (a resident ID number, a credit code, a case number); whether the result
is allowed is the services' decision, so the page says what the API says."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from onewindow.cases.models import Case
from onewindow.catalog.models import Item, Theme
from onewindow.core.permissions import Role
from onewindow.identity.models import Enterprise, User
from onewindow.identity.services import citizen_by_id_number
from onewindow.org.models import Department

from .models import Assignment, Consent, KeyProject

CONTROL = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


def _choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def error_text(form: forms.Form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append((f"{label}：" if label else "") + "；".join(str(e) for e in errors))
    return "；".join(parts)


def _helper_choices(helpers: Any) -> list[tuple[str, str]]:
    return [
        (
            str(p.user_id),
            f"{p.user.name}（{p.hall.name if p.hall_id else p.department.short_name if p.department_id else ''}"
            f"，电话 {p.phone}）",
        )
        for p in helpers
    ]


def _item_choices() -> list[tuple[str, str]]:
    rows = (
        Item.objects.filter(published_version__isnull=False)
        .select_related("published_version", "department")
        .order_by("department__short_name", "published_version__name")
    )
    return [
        (str(i.pk), f"{i.published_version.name}（{i.department.short_name}）")  # type: ignore[union-attr]
        for i in rows
    ]


def _person(id_number: str) -> User | None:
    user = citizen_by_id_number(id_number) if id_number.strip() else None
    return user if user is not None and user.kind == User.Kind.PUBLIC else None


def _enterprise(uscc: str) -> Enterprise | None:
    code = uscc.strip().upper()
    return Enterprise.objects.filter(uscc=code).first() if code else None


# ---------------------------------------------------------------------------------------------
# The applicant's online consent (/assist/my/)
# ---------------------------------------------------------------------------------------------
class OnlineConsentForm(forms.Form):
    helper = forms.ChoiceField(label="委托给哪位帮办员", widget=forms.Select(attrs=SELECT))
    party = forms.ChoiceField(label="委托人", widget=forms.Select(attrs=SELECT))
    scope = forms.ChoiceField(
        label="委托范围",
        choices=Consent.Scope.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    items = forms.MultipleChoiceField(
        label="委托事项（委托范围为指定事项时选择，可多选）",
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
    )
    case = forms.ChoiceField(
        label="委托办件（委托范围为单个办件时选择）",
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    valid_until = forms.DateField(label="有效期至（含当日，最长一年）", widget=_date())
    note = forms.CharField(
        label="说明（选填）", required=False, max_length=200, widget=forms.TextInput(attrs=CONTROL)
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        helpers: Any,
        enterprises: Any,
        cases: list[Case],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "helper", [("", "请选择"), *_helper_choices(helpers)])
        _choices(
            self,
            "party",
            [("self", f"本人（{user.name}）")]
            + [(f"enterprise:{e.pk}", f"{e.name}（我是其授权经办人）") for e in enterprises],
        )
        _choices(self, "items", _item_choices())
        _choices(
            self,
            "case",
            [("", "请选择")]
            + [
                (str(c.pk), f"{c.number or '草稿'} {c.item_name}（{c.applicant_name}）")
                for c in cases
            ],
        )
        self.user = user

    def kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        party = data["party"]
        who: dict[str, Any] = (
            {"enterprise_id": int(party.split(":", 1)[1])}
            if party.startswith("enterprise:")
            else {"applicant_id": self.user.pk}
        )
        return {
            "helper_id": int(data["helper"]),
            "method": Consent.Method.ONLINE,
            "scope": data["scope"],
            "valid_until": data["valid_until"],
            "item_ids": [int(i) for i in data["items"]] if data["scope"] == "items" else [],
            "case_id": int(data["case"]) if data["scope"] == "case" and data["case"] else None,
            "note": data["note"],
            **who,
        }


# ---------------------------------------------------------------------------------------------
# A written or telephone consent recorded by staff (/assist/consents/new/)
# ---------------------------------------------------------------------------------------------
class RecordedConsentForm(forms.Form):
    method = forms.ChoiceField(
        label="委托方式",
        choices=[
            (Consent.Method.WRITTEN.value, "书面委托"),
            (Consent.Method.PHONE.value, "电话录音"),
        ],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    helper = forms.ChoiceField(label="受托帮办员", widget=forms.Select(attrs=SELECT))
    party_kind = forms.ChoiceField(
        label="委托人类型",
        choices=[("person", "个人"), ("enterprise", "企业")],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    id_number = forms.CharField(
        label="身份证号码（个人为申请人本人；企业为签署委托的经办人）",
        max_length=18,
        widget=forms.TextInput(attrs={**CONTROL, "autocomplete": "off"}),
    )
    uscc = forms.CharField(
        label="统一社会信用代码（企业委托时填写）",
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={**CONTROL, "autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        label="委托范围",
        choices=Consent.Scope.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    items = forms.MultipleChoiceField(
        label="委托事项（指定事项时选择）",
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
    )
    case_number = forms.CharField(
        label="办件编号（单个办件时填写）",
        required=False,
        max_length=48,
        widget=forms.TextInput(attrs=CONTROL),
    )
    valid_until = forms.DateField(label="有效期至（含当日，最长一年）", widget=_date())
    file = forms.FileField(
        label="签字的委托书扫描件（书面委托：PDF、JPG、PNG 或 OFD）",
        required=False,
        widget=forms.ClearableFileInput(attrs=CONTROL),
    )
    recording_ref = forms.CharField(
        label="录音编号（电话录音时填写）",
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs=CONTROL),
    )
    note = forms.CharField(
        label="说明（选填）", required=False, max_length=200, widget=forms.TextInput(attrs=CONTROL)
    )

    def __init__(self, *args: Any, helpers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "helper", _helper_choices(helpers))
        _choices(self, "items", _item_choices())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("party_kind")
        id_number = data.get("id_number") or ""
        if id_number:
            person = _person(id_number)
            if person is None:
                self.add_error("id_number", "没有找到该身份证号码的个人用户，请先为其注册账户")
            data["person"] = person
        if kind == "enterprise":
            enterprise = _enterprise(data.get("uscc") or "")
            if enterprise is None:
                self.add_error("uscc", "没有找到该统一社会信用代码的企业")
            data["enterprise"] = enterprise
        if data.get("scope") == Consent.Scope.CASE:
            number = (data.get("case_number") or "").strip()
            case = Case.objects.filter(number=number).first() if number else None
            if case is None:
                self.add_error("case_number", "没有找到该编号的办件")
            data["case"] = case
        return data

    def kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        who: dict[str, Any]
        if data["party_kind"] == "enterprise":
            who = {"enterprise_id": data["enterprise"].pk, "grantor_id": data["person"].pk}
        else:
            who = {"applicant_id": data["person"].pk}
        method = data["method"]
        return {
            "helper_id": int(data["helper"]),
            "method": method,
            "scope": data["scope"],
            "valid_until": data["valid_until"],
            "item_ids": [int(i) for i in data["items"]] if data["scope"] == "items" else [],
            "case_id": data["case"].pk if data["scope"] == "case" else None,
            "document": data.get("file") if method == Consent.Method.WRITTEN else None,
            "recording_ref": data["recording_ref"] if method == Consent.Method.PHONE else "",
            "note": data["note"],
            **who,
        }


# ---------------------------------------------------------------------------------------------
# The hall admin's forms
# ---------------------------------------------------------------------------------------------
class AssignmentForm(forms.Form):
    helper = forms.ChoiceField(label="帮办员", widget=forms.Select(attrs=SELECT))
    kind = forms.ChoiceField(
        label="帮办对象", choices=Assignment.Kind.choices, widget=forms.Select(attrs=SELECT)
    )
    id_number = forms.CharField(
        label="个人申请人的身份证号码",
        required=False,
        max_length=18,
        widget=forms.TextInput(attrs=CONTROL),
    )
    uscc = forms.CharField(
        label="企业的统一社会信用代码",
        required=False,
        max_length=18,
        widget=forms.TextInput(attrs=CONTROL),
    )
    case_number = forms.CharField(
        label="办件编号", required=False, max_length=48, widget=forms.TextInput(attrs=CONTROL)
    )
    project = forms.ChoiceField(label="重点项目", required=False, widget=forms.Select(attrs=SELECT))
    note = forms.CharField(
        label="说明（选填）", required=False, max_length=200, widget=forms.TextInput(attrs=CONTROL)
    )

    def __init__(self, *args: Any, helpers: Any, projects: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "assign-%s")
        super().__init__(*args, **kwargs)
        _choices(self, "helper", _helper_choices(helpers))
        _choices(
            self,
            "project",
            [("", "请选择")] + [(str(p.pk), f"{p.name}（{p.enterprise.name}）") for p in projects],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        target: dict[str, int] = {}
        if kind == Assignment.Kind.PERSON:
            person = _person(data.get("id_number") or "")
            if person is None:
                self.add_error("id_number", "没有找到该身份证号码的个人用户")
            else:
                target["applicant_id"] = person.pk
        elif kind == Assignment.Kind.ENTERPRISE:
            enterprise = _enterprise(data.get("uscc") or "")
            if enterprise is None:
                self.add_error("uscc", "没有找到该统一社会信用代码的企业")
            else:
                target["enterprise_id"] = enterprise.pk
        elif kind == Assignment.Kind.CASE:
            number = (data.get("case_number") or "").strip()
            case = Case.objects.filter(number=number).first() if number else None
            if case is None:
                self.add_error("case_number", "没有找到该编号的办件")
            else:
                target["case_id"] = case.pk
        elif kind == Assignment.Kind.PROJECT:
            if not data.get("project"):
                self.add_error("project", "请选择重点项目")
            else:
                target["project_id"] = int(data["project"])
        data["target"] = target
        return data

    def kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "helper_id": int(data["helper"]),
            "kind": data["kind"],
            "note": data["note"],
            **data["target"],
        }


class ReassignForm(forms.Form):
    helper = forms.ChoiceField(
        label="改派给", widget=forms.Select(attrs={**SELECT, "class": "form-select form-select-sm"})
    )
    note = forms.CharField(
        label="改派原因",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )

    def __init__(self, *args: Any, helpers: Any, **kwargs: Any) -> None:
        # Shown once per assignment on the same page: no element ids to repeat.
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)
        self.fields["helper"].widget.attrs["aria-label"] = "改派给"
        _choices(self, "helper", _helper_choices(helpers))


class EndForm(forms.Form):
    note = forms.CharField(label="结束说明", required=False, max_length=200)


class HelperForm(forms.Form):
    user = forms.ChoiceField(
        label="工作人员（持有帮办代办员角色）", widget=forms.Select(attrs=SELECT)
    )
    phone = forms.CharField(
        label="服务电话（向申请人公开）", max_length=20, widget=forms.TextInput(attrs=CONTROL)
    )
    tags = forms.CharField(
        label="专长（用逗号或顿号分隔）",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=CONTROL),
    )
    themes = forms.MultipleChoiceField(
        label="擅长主题（可多选）",
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 5}),
    )
    max_load = forms.IntegerField(
        label="最多同时承担", initial=20, widget=forms.NumberInput(attrs=CONTROL)
    )

    def __init__(self, *args: Any, candidates: list[User], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "helper-%s")
        super().__init__(*args, **kwargs)
        _choices(self, "user", [(str(u.pk), u.name) for u in candidates])
        _choices(self, "themes", [(str(t.pk), t.name) for t in Theme.objects.all()])

    def kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "user_id": int(data["user"]),
            "phone": data["phone"],
            "tags": data["tags"],
            "theme_ids": [int(t) for t in data["themes"]],
            "max_load": data["max_load"],
        }


class HelperEditForm(forms.Form):
    phone = forms.CharField(label="服务电话", max_length=20)
    tags = forms.CharField(label="专长", required=False, max_length=200)
    max_load = forms.IntegerField(label="上限")
    is_active = forms.BooleanField(label="在岗", required=False)

    def kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ProjectForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=120, widget=forms.TextInput(attrs=CONTROL))
    uscc = forms.CharField(
        label="项目单位统一社会信用代码", max_length=18, widget=forms.TextInput(attrs=CONTROL)
    )
    investment = forms.DecimalField(
        label="总投资（万元）",
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs=CONTROL),
    )
    leader = forms.ChoiceField(label="包抓领导", widget=forms.Select(attrs=SELECT))
    departments = forms.MultipleChoiceField(
        label="涉及部门（可多选）",
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 5}),
    )
    description = forms.CharField(
        label="项目概况（选填）",
        required=False,
        widget=forms.Textarea(attrs={**CONTROL, "rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "project-%s")
        super().__init__(*args, **kwargs)
        leaders = User.objects.filter(
            kind=User.Kind.STAFF, is_active=True, staff_roles__role=Role.COUNTY_LEADER
        ).order_by("name")
        _choices(self, "leader", [(str(u.pk), u.name) for u in leaders])
        _choices(
            self,
            "departments",
            [
                (str(d.pk), d.short_name)
                for d in Department.objects.filter(is_active=True).order_by("pk")
            ],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("uscc"):
            enterprise = _enterprise(data["uscc"])
            if enterprise is None:
                self.add_error("uscc", "没有找到该统一社会信用代码的企业")
            data["enterprise"] = enterprise
        return data

    def kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "enterprise_id": data["enterprise"].pk,
            "investment": data["investment"],
            "leader_id": int(data["leader"]),
            "department_ids": [int(d) for d in data["departments"]],
            "description": data["description"],
        }


class ProjectCaseForm(forms.Form):
    case_number = forms.CharField(
        label="办件编号", max_length=48, widget=forms.TextInput(attrs=CONTROL)
    )

    def __init__(self, *args: Any, project: KeyProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project

    def clean_case_number(self) -> int:
        number = self.cleaned_data["case_number"].strip()
        case = Case.objects.filter(Q(number=number)).first()
        if case is None:
            raise forms.ValidationError("没有找到该编号的办件")
        return case.pk
