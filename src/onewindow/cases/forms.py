"""Forms of the case pages: one per lifecycle action, with exactly the inputs the action's
service takes, and the supervision forms.

The forms only parse (text, whole numbers, choices, dates). Whether something required was
given is the service's decision, so the message is the same on the page and in the API;
the inputs are still marked `required` for the browser from the transition table.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, cast

from django import forms

from onewindow.catalog.models import SpecialProcedureKind

from . import clock, services
from .lifecycle import ACTION_LABELS
from .models import Case

TEXT_MAX = 2000
# Rows of the 一次性告知 form shown at first (more can be added on the page).
CORRECTION_ROWS = 5
# Shown in the correction form besides the item's materials.
FORM_ITEM = "申请表"

# Labels of an input that mean something different for each action.
LABELS: dict[str, dict[str, str]] = {
    "opinion": {
        "accept": "受理意见",
        "pass": "审查意见",
        "return": "退回意见",
        "end_special": "特别程序结果",
        "approve": "决定意见",
        "deny": "审查意见",
    },
    "reason": {
        "refuse": "不予受理理由",
        "start_special": "启动原因",
        "extend": "延期理由",
        "deny": "不予许可理由",
        "withdraw": "撤回原因",
        "terminate": "终止办理理由",
    },
    "note": {
        "request_correction": "补充说明",
        "deliver": "出件说明（如快递单号）",
    },
}
DEFAULT_LABELS = {
    "opinion": "办理意见",
    "reason": "理由",
    "note": "说明",
    "legal_basis": "法律依据",
    "kind_id": "特别程序种类",
    "expected_days": "预计时长（工作日）",
    "days": "延长天数（工作日）",
    "method": "出件方式",
    "items": "需要补正的材料",
}
# Actions that end or refuse something: shown as outlined red buttons.
NEGATIVE = {"refuse", "return", "deny", "withdraw", "terminate"}


def action_service(action: str) -> Callable[..., Case]:
    """The service function of an action (`services.ACTIONS`)."""
    return cast("Callable[..., Case]", services.ACTIONS[action])


def action_inputs(action: str) -> list[tuple[str, bool]]:
    """The inputs of an action's service (name, whether the service has no default)."""
    fn = action_service(action)
    return [
        (name, p.default is inspect.Parameter.empty)
        for name, p in inspect.signature(fn).parameters.items()
        if name not in ("actor", "case_id")
    ]


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-control"})


class ActionForm(forms.Form):
    """The inputs of one action on one case. `kwargs()` is what the service is called with."""

    def __init__(
        self,
        action: str,
        *,
        case: Case,
        requires: list[str] | tuple[str, ...] = (),
        data: Any = None,
    ) -> None:
        super().__init__(data, auto_id=f"{action}-%s")
        self.action = action
        self.title = ACTION_LABELS.get(action, action)
        self.case = case
        self.negative = action in NEGATIVE
        self.inputs = action_inputs(action)
        self.correction_rows: list[tuple[str, str]] = []
        self.material_names: list[str] = []
        for name, mandatory in self.inputs:
            label = LABELS.get(name, {}).get(action) or DEFAULT_LABELS.get(name, name)
            # A choice with a default (出件方式) always has a value: not "optional".
            needed = mandatory or name in requires or name == "method"
            if name == "items":
                self._items(data)
                continue
            field = self._field(name, label)
            field.widget.attrs.setdefault("class", "form-control")
            if needed:
                field.widget.attrs["required"] = True
            else:
                field.label = f"{label}（选填）"
            self.fields[name] = field

    # ---------------------------------------------------------------------------------------
    def _field(self, name: str, label: str) -> forms.Field:
        case = self.case
        if name in ("opinion", "reason"):
            return forms.CharField(
                label=label, required=False, max_length=TEXT_MAX, widget=_textarea(3)
            )
        if name == "note":
            return forms.CharField(
                label=label, required=False, max_length=TEXT_MAX, widget=_textarea(2)
            )
        if name == "legal_basis":
            return forms.CharField(
                label=label,
                required=False,
                max_length=500,
                help_text="如：《中华人民共和国行政许可法》第三十二条第一款第（二）项",
            )
        if name == "kind_id":
            declared = {
                str(p.get("kind")): p.get("max_days")
                for p in case.version.special_procedures or []
                if isinstance(p, dict)
            }
            kinds = sorted(
                SpecialProcedureKind.objects.filter(is_active=True),
                key=lambda k: (k.name not in declared, not k.statutory, k.name),
            )
            choices: list[tuple[Any, str]] = [("", "请选择")]
            for kind in kinds:
                limit = declared.get(kind.name)
                note = f"（本事项最长 {limit} 个工作日）" if limit else ""
                choices.append((kind.pk, f"{kind.name}{note}"))
            return forms.TypedChoiceField(
                label=label,
                required=False,
                choices=choices,
                coerce=int,
                empty_value=None,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        if name == "expected_days":
            return forms.IntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=365,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                help_text="所需时间不计入办理时限，申请人将收到书面告知",
            )
        if name == "days":
            allowed = clock.allowed_extension(case)
            return forms.IntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=max(allowed, 1),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                help_text=f"最多可延长 {allowed} 个工作日（《行政许可法》第四十二条），"
                "须经本机关负责人批准，并告知申请人",
            )
        if name == "method":
            return forms.ChoiceField(
                label=label,
                required=False,
                choices=list(services.DELIVERY_METHODS.items()),
                initial="window",
                widget=forms.Select(attrs={"class": "form-select"}),
            )
        # An input added to a service that this page has no special widget for: free text.
        return forms.CharField(
            label=label, required=False, max_length=TEXT_MAX, widget=_textarea(2)
        )

    def _items(self, data: Any) -> None:
        """The 一次性告知 rows: material (from the item's list) and what is wrong with it."""
        self.material_names = [
            *self.case.version.materials.order_by("order", "id").values_list("name", flat=True),
            FORM_ITEM,
        ]
        rows: list[tuple[str, str]] = []
        if data is not None:
            rows = list(
                zip(data.getlist("item_material"), data.getlist("item_problem"), strict=False)
            )
        rows = [(m.strip(), p.strip()) for m, p in rows if m.strip() or p.strip()]
        total = max(CORRECTION_ROWS, len(self.material_names) - 1, len(rows) + 1)
        self.correction_rows = rows + [("", "")] * (total - len(rows))

    # ---------------------------------------------------------------------------------------
    @property
    def has_inputs(self) -> bool:
        return bool(self.inputs)

    @property
    def wants_items(self) -> bool:
        return any(name == "items" for name, _ in self.inputs)

    def error_text(self) -> str:
        return error_text(self)

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `services.ACTIONS[action]` (call after `is_valid()`)."""
        out: dict[str, Any] = {}
        for name, _ in self.inputs:
            if name == "items":
                out["items"] = [
                    {"material": m, "problem": p} for m, p in self.correction_rows if m or p
                ]
            elif name == "method":
                out[name] = self.cleaned_data.get(name) or "window"
            else:
                value = self.cleaned_data.get(name)
                out[name] = "" if value is None and name not in INTEGER_INPUTS else value
        return out


INTEGER_INPUTS = {"kind_id", "expected_days", "days"}


# ---------------------------------------------------------------------------------------------
# Supervision
# ---------------------------------------------------------------------------------------------
class SuperviseForm(forms.Form):
    """Open a supervision order on a case (督查人员、县领导)."""

    reason = forms.CharField(
        label="督办事由", required=False, max_length=TEXT_MAX, widget=_textarea(3)
    )
    responsible = forms.TypedChoiceField(
        label="责任人",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text="不选则为责任部门的部门管理员",
    )
    reply_due = forms.DateField(
        label="反馈期限",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        help_text="不填则按督办反馈期限（工作日）自动计算",
    )

    def __init__(self, data: Any = None, *, people: list[tuple[int, str]]) -> None:
        super().__init__(data, auto_id="supervise-%s")
        self.fields["responsible"].choices = [("", "部门管理员（默认）"), *people]  # type: ignore[attr-defined]
        self.fields["reason"].widget.attrs["required"] = True


class SupervisionEventForm(forms.Form):
    """One of the four entries on a supervision order: follow_up, reply, talk or close."""

    KINDS = {
        "follow_up": "跟进督办",
        "reply": "反馈办理情况",
        "talk": "记录约谈",
        "close": "办结督办单",
    }
    NOTE_LABELS = {
        "follow_up": "督办意见",
        "reply": "办理情况",
        "talk": "约谈内容",
        "close": "督办结论",
    }

    def __init__(self, kind: str, data: Any = None) -> None:
        super().__init__(data, auto_id=f"{kind}-%s")
        self.kind = kind
        self.title = self.KINDS[kind]
        self.fields["note"] = forms.CharField(
            label=self.NOTE_LABELS[kind],
            required=False,
            max_length=TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 3, "class": "form-control", "required": True}),
        )
        if kind == "talk":
            self.fields["participants"] = forms.CharField(
                label="约谈参加人",
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"class": "form-control", "required": True}),
                help_text="姓名与职务，用顿号分隔",
            )
            self.fields["talk_on"] = forms.DateField(
                label="约谈日期",
                required=False,
                widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
                help_text="不填为今天",
            )

    def error_text(self) -> str:
        return error_text(self)


def error_text(form: forms.Form) -> str:
    """A form's errors in one line, each after its field's label."""
    parts = []
    for name, errors in form.errors.items():
        text = "；".join(str(e) for e in errors)
        field = form.fields.get(name)
        parts.append(f"{field.label}：{text}" if field is not None and field.label else text)
    return "；".join(parts)
