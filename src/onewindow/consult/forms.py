"""Forms of the consultation pages. They only parse (text, choices, ids, a date and time);
whether something required was given is the service's decision, so the page and the API
say the same thing. The field names are the services' keyword arguments, so a refusal that
names a field (`InvalidInput(..., field="answer")`) is shown next to that field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone

from onewindow.catalog import selectors as catalog_selectors
from onewindow.core.errors import DomainError
from onewindow.org import selectors as org_selectors

from . import selectors
from .services import NAME_MAX, TEXT_MAX
from .states import AskerKind, Channel, Outcome

# Inputs that only matter for one outcome: the others are dropped before the service is
# called (the page hides them, but the browser still sends what was typed in them).
OUTCOME_INPUTS: dict[str, tuple[str, ...]] = {
    Outcome.ANSWERED: ("answer",),
    Outcome.REFERRED: ("to_department_id", "to_window_id", "to_staff_id", "note"),
    Outcome.FOLLOW_UP: ("note",),
}
OUTCOME_ONLY = {name for names in OUTCOME_INPUTS.values() for name in names}


def _text(label: str, *, rows: int = 0, limit: int = TEXT_MAX, **attrs: Any) -> forms.CharField:
    widget: forms.Widget
    if rows:
        widget = forms.Textarea(attrs={"rows": rows, "class": "form-control", **attrs})
    else:
        widget = forms.TextInput(attrs={"class": "form-control", **attrs})
    return forms.CharField(label=label, required=False, max_length=limit, widget=widget)


def _id_choice(
    label: str, choices: list[Any], *, invalid: str = "请从列表中选择", **attrs: Any
) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        choices=choices,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select", **attrs}),
        error_messages={"invalid_choice": invalid},
    )


STAFF_NOT_IN_DEPARTMENT = "所选人员不在该部门：请重新选择人员，或不指定人员"


def department_choices() -> list[tuple[Any, str]]:
    return [("", "请选择部门"), *org_selectors.departments().values_list("pk", "name")]


def window_choices(hall_id: int | None, empty: str) -> list[tuple[Any, str]]:
    if hall_id is None:
        return [("", empty)]
    rows = org_selectors.windows(hall_id=hall_id).order_by("number")
    return [("", empty), *((w.pk, f"{w.number} {w.name}") for w in rows)]


def staff_choices(department_id: int | None) -> list[tuple[Any, str]]:
    if department_id is None:
        return [("", "先选择部门，或不指定人员")]
    people = selectors.referable_staff(department_id)
    return [("", "不指定人员"), *((u.pk, u.name) for u in people)]


def item_choices() -> list[Any]:
    """Published items grouped by department, for the optional 相关事项."""
    groups: dict[str, list[tuple[int, str]]] = {}
    rows = (
        catalog_selectors.published()
        .order_by("item__department__name", "name")
        .values_list("item_id", "name", "item__department__short_name")
    )
    for item_id, name, department in rows:
        groups.setdefault(department, []).append((item_id, name))
    return [("", "不涉及具体事项"), *groups.items()]


class BaseForm(forms.Form):
    """Marks a field with an error for Bootstrap (`is-invalid`), and shows a refusal of the
    service next to the field it names."""

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "")
                if "is-invalid" not in classes:
                    widget.attrs["class"] = f"{classes} is-invalid".strip()

    def show(self, exc: DomainError) -> bool:
        """True when the error was placed on a field of this form."""
        field = exc.details.get("field") if exc.details else None
        if field in self.fields:
            self.add_error(field, exc.message)
            return True
        return False

    def staff_follows_department(self) -> None:
        """Reload the 转办人员 options when the 转办部门 changes (htmx)."""
        self.fields["to_department_id"].widget.attrs.update(
            {
                "hx-get": reverse("consult:staff_options"),
                "hx-target": f"#{self['to_staff_id'].auto_id}",
                "hx-trigger": "change",
            }
        )


class LogForm(BaseForm):
    """The fast logging form at the window."""

    asker_name = _text("咨询人", limit=NAME_MAX, placeholder="姓名，或“王先生”", autocomplete="off")
    asker_phone = _text(
        "联系电话（选填）", limit=20, inputmode="tel", autocomplete="off", placeholder="手机或固话"
    )
    asker_kind = forms.ChoiceField(
        label="咨询人类型",
        choices=AskerKind.choices,
        initial=AskerKind.PERSON,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    channel = forms.ChoiceField(
        label="咨询渠道",
        choices=Channel.choices,
        initial=Channel.ONSITE,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    question = _text("咨询内容", rows=3)
    outcome = forms.ChoiceField(
        label="首问处理",
        choices=Outcome.choices,
        initial=Outcome.ANSWERED,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        error_messages={"required": "请选择首问处理方式", "invalid_choice": "请选择首问处理方式"},
    )
    answer = _text("答复内容", rows=3)
    to_department_id = _id_choice("转办部门", [])
    to_staff_id = _id_choice("转办人员（选填）", [], invalid=STAFF_NOT_IN_DEPARTMENT)
    to_window_id = _id_choice("转办窗口（选填）", [])
    note = _text("说明（选填）", rows=2)
    window_id = _id_choice("受理窗口（选填）", [])
    item_id = _id_choice("相关事项（选填）", [])
    asked_at = forms.DateTimeField(
        label="咨询时间（选填）",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"
        ),
        help_text="事后补登电话咨询时填写，不填为现在",
        error_messages={"invalid": "请填写日期和时间，如 2026-03-02 10:30"},
    )

    def __init__(self, data: Any = None, *, user: Any, initial: Any = None) -> None:
        super().__init__(data, initial=initial, auto_id="log-%s")
        hall_id = getattr(user, "hall_id", None)
        self.fields["window_id"].choices = window_choices(hall_id, "不指定窗口")  # type: ignore[attr-defined]
        self.fields["to_window_id"].choices = window_choices(hall_id, "不指定窗口")  # type: ignore[attr-defined]
        self.fields["to_department_id"].choices = department_choices()  # type: ignore[attr-defined]
        self.fields["item_id"].choices = item_choices()  # type: ignore[attr-defined]
        department = self._selected_department(data)
        self.fields["to_staff_id"].choices = staff_choices(department)  # type: ignore[attr-defined]
        for name in ("asker_name", "question"):
            self.fields[name].widget.attrs["required"] = True
        self.staff_follows_department()

    @staticmethod
    def _selected_department(data: Any) -> int | None:
        value = (data or {}).get("to_department_id") if data is not None else None
        return int(value) if value and str(value).isdigit() else None

    def service_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `services.consultation_log` (call after `is_valid()`)."""
        data = self.cleaned_data
        outcome = data.get("outcome") or ""
        wanted = OUTCOME_INPUTS.get(outcome, ())
        out: dict[str, Any] = {}
        for name in self.fields:
            if name in OUTCOME_ONLY and name not in wanted:
                continue
            value = data.get(name)
            if name == "asked_at" and isinstance(value, dt.datetime):
                value = timezone.make_aware(value) if timezone.is_naive(value) else value
            out[name] = "" if value is None and name not in _OPTIONAL_IDS else value
        return out


_OPTIONAL_IDS = {"to_department_id", "to_window_id", "to_staff_id", "window_id", "item_id"}
_OPTIONAL_IDS |= {"asked_at"}


class ReferForm(BaseForm):
    to_department_id = _id_choice("转办部门", [])
    to_staff_id = _id_choice("转办人员（选填）", [], invalid=STAFF_NOT_IN_DEPARTMENT)
    to_window_id = _id_choice("转办窗口（选填）", [])
    note = _text("转办说明（选填）", rows=2)

    def __init__(self, data: Any = None, *, hall_id: int | None) -> None:
        super().__init__(data, auto_id="refer-%s")
        self.fields["to_department_id"].choices = department_choices()  # type: ignore[attr-defined]
        self.fields["to_window_id"].choices = window_choices(hall_id, "不指定窗口")  # type: ignore[attr-defined]
        department = LogForm._selected_department(data)
        self.fields["to_staff_id"].choices = staff_choices(department)  # type: ignore[attr-defined]
        self.staff_follows_department()

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "to_department_id": data.get("to_department_id"),
            "to_window_id": data.get("to_window_id"),
            "to_staff_id": data.get("to_staff_id"),
            "note": data.get("note") or "",
        }


class FollowUpForm(BaseForm):
    note = _text("跟进情况", rows=3, required=True)

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, auto_id="follow-up-%s")


class CloseForm(BaseForm):
    result = _text("答复内容", rows=3, required=True)
    asker_informed = forms.TypedChoiceField(
        label="是否已告知咨询人",
        choices=[("1", "已告知咨询人"), ("0", "未能告知（答复已记录）")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": "请选择是否已将答复告知咨询人",
            "invalid_choice": "请选择是否已将答复告知咨询人",
        },
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, auto_id="close-%s")


class ListFilterForm(BaseForm):
    """The list's filters, read from the query string."""

    state = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), *selectors.STATE_FILTERS.items()],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    since = forms.DateField(
        label="咨询日期起",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}),
        error_messages={"invalid": "请填写日期，如 2026-03-02"},
    )
    until = forms.DateField(
        label="至",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}),
        error_messages={"invalid": "请填写日期，如 2026-03-02"},
    )
    responsible_id = _id_choice("首问责任人", [])
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "class": "form-control form-control-sm",
                "placeholder": "编号、咨询人、内容或完整电话",
            }
        ),
    )
    overdue = forms.BooleanField(label="只看超期未办结", required=False)

    def __init__(self, data: Any = None, *, user: Any) -> None:
        super().__init__(data, auto_id="filter-%s")
        people = selectors.responsible_people(user)
        self.fields["responsible_id"].choices = [("", "全部"), *((u.pk, u.name) for u in people)]  # type: ignore[attr-defined]
        self.fields["responsible_id"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["overdue"].widget.attrs["class"] = "form-check-input"

    def filters(self) -> selectors.Filters:
        self.is_valid()  # the valid filters apply; the others are shown as errors
        data = self.cleaned_data
        return selectors.Filters(
            state=data.get("state") or "",
            since=data.get("since"),
            until=data.get("until"),
            responsible_id=data.get("responsible_id"),
            q=data.get("q") or "",
            overdue=bool(data.get("overdue")),
        )


def error_text(form: forms.Form) -> str:
    """A form's errors in one line, each after its field's label."""
    parts = []
    for name, errors in form.errors.items():
        text = "；".join(str(e) for e in errors)
        field = form.fields.get(name)
        parts.append(f"{field.label}：{text}" if field is not None and field.label else text)
    return "；".join(parts)
