"""Forms of the maintenance pages. They parse what a department admin typed into the content
dict every catalog writer uses (content.py); the services decide whether it is acceptable.

Labels come from the models' verbose names and choices from codes.py, so the pages, the
API and the Excel exchange name each element the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.forms.models import fields_for_model

from onewindow.core.permissions import Role
from onewindow.org.models import Department, Hall

from .codes import Channel, CrossRegion, MaterialForm, MaterialSource, ServiceObject
from .content import SCALAR_FIELDS
from .models import DataElement, FormField, ItemHall, ItemVersion, Material, MaterialType, Theme

# Elements of the form in the order of the guide, grouped as the page shows them.
SECTIONS: list[tuple[str, list[str]]] = [
    (
        "基本信息",
        [
            "name",
            "item_type",
            "level",
            "competent_department",
            "joint_departments",
            "service_objects",
            "themes",
            "high_frequency",
            "legal_basis",
        ],
    ),
    (
        "受理条件与办件类型",
        [
            "conditions",
            "handling_type",
            "tolerant_acceptance",
            "commitment",
            "accept_on_receipt",
            "quantity_limit",
        ],
    ),
    (
        "办理时限",
        [
            "statutory_limit",
            "statutory_unit",
            "statutory_note",
            "promised_limit",
            "promised_unit",
            "promised_note",
        ],
    ),
    (
        "收费与结果",
        ["charges_fee", "fee_standard", "fee_basis", "result_name", "result_licence_type"],
    ),
    ("其他要素", ["annual_inspection", "intermediary_services"]),
    (
        "办理方式",
        [
            "channels",
            "online_depth",
            "visits",
            "appointment",
            "postal_delivery",
            "cross_region_scope",
        ],
    ),
    ("办理地点与咨询", ["location", "hours", "phone", "supervision_phone"]),
]

# Scalars whose form field is built here rather than from the model.
_CUSTOM = {"service_objects", "channels", "cross_region_scope"}
_TEXTAREAS = {"legal_basis", "conditions", "intermediary_services"}
_MODEL_FIELDS = fields_for_model(
    ItemVersion,
    fields=[f for f in SCALAR_FIELDS if f not in _CUSTOM],
    widgets={name: forms.Textarea(attrs={"rows": 3}) for name in _TEXTAREAS},
)
# Words that locate a material in a quality problem ("第 2 项材料“…”含模糊表述…").
_MATERIAL_INDEX_RE = re.compile(r"第\s*(\d+)\s*项材料")


def _style(fields: Iterable[forms.Field]) -> None:
    """Bootstrap classes for each widget, and a Chinese prompt in empty selects."""
    for field in fields:
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == "---------":
                field.empty_label = "请选择"
        elif isinstance(field, forms.ChoiceField):
            choices = list(cast(Iterable[Any], field.choices))
            if choices and choices[0] == ("", "---------"):
                field.choices = [("", "请选择"), *choices[1:]]
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class ProblemsMixin:
    """Quality problems and service refusals shown next to the element they concern."""

    problems: list[str]

    def set_problems(self, messages: Sequence[str]) -> None:
        self.problems = list(messages)


class VersionForm(ProblemsMixin, forms.Form):
    """The scalar elements of a draft plus departments and themes."""

    service_objects = forms.MultipleChoiceField(
        label="服务对象",
        choices=ServiceObject.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    channels = forms.MultipleChoiceField(
        label="办理形式",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    cross_region_scope = forms.ChoiceField(
        label="通办范围", choices=CrossRegion.choices, required=False
    )
    competent_department = forms.ModelChoiceField(
        label="主管部门",
        queryset=Department.objects.none(),
        required=False,
        empty_label="（同实施主体）",
    )
    joint_departments = forms.ModelMultipleChoiceField(
        label="联办部门",
        queryset=Department.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text="可多选（电脑上按住 Ctrl 选择）",
    )
    themes = forms.MultipleChoiceField(
        label="主题", choices=(), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(
        self,
        *args: Any,
        departments: Iterable[Department],
        themes: Iterable[Theme],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        departments = list(departments)
        ids = [d.pk for d in departments]
        for name in ("competent_department", "joint_departments"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Department.objects.filter(pk__in=ids)
        groups: dict[str, list[tuple[str, str]]] = {}
        for theme in themes:
            groups.setdefault(theme.get_audience_display(), []).append((theme.code, theme.name))
        theme_field = self.fields["themes"]
        assert isinstance(theme_field, forms.MultipleChoiceField)
        theme_field.choices = list(groups.items())
        _style(self.fields.values())
        self.problems = []
        self.field_problems: dict[str, list[str]] = {}

    @classmethod
    def initial_from(cls, content: dict[str, Any], competent_department_id: int) -> dict[str, Any]:
        initial = {f: content.get(f) for f in SCALAR_FIELDS}
        initial["service_objects"] = list(content.get("service_objects") or "")
        initial["channels"] = list(content.get("channels") or "")
        initial["competent_department"] = competent_department_id
        initial["themes"] = list(content.get("themes") or [])
        return initial

    def content(self) -> dict[str, Any]:
        data = self.cleaned_data
        content: dict[str, Any] = {f: data[f] for f in SCALAR_FIELDS if f not in _CUSTOM}
        for name in ("statutory_note", "promised_note"):
            content[name] = content[name] or ""
        content["service_objects"] = "".join(data["service_objects"])
        content["channels"] = "".join(data["channels"])
        content["cross_region_scope"] = data["cross_region_scope"] or ""
        if data["competent_department"] is not None:
            content["competent_department"] = data["competent_department"].pk
        content["joint_departments"] = [d.pk for d in data["joint_departments"]]
        content["themes"] = list(data["themes"])
        return content

    def sections(self) -> list[tuple[str, list[tuple[forms.BoundField, list[str]]]]]:
        return [
            (title, [(self[name], self.field_problems.get(name, [])) for name in names])
            for title, names in SECTIONS
        ]


for _name, _field in _MODEL_FIELDS.items():
    if _field is not None:
        VersionForm.base_fields[_name] = _field


class NewItemForm(forms.Form):
    """What identifies a new item besides its content: who implements it, its basic code."""

    department = forms.ModelChoiceField(label="实施主体", queryset=Department.objects.none())
    basic_code = forms.CharField(
        label="基本编码",
        min_length=12,
        max_length=12,
        help_text="12 位数字，取自省级事项基本目录",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, departments: Iterable[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Department.objects.filter(pk__in=[d.pk for d in departments])
        _style(self.fields.values())


# --- rows of the small tables (formsets) ------------------------------------------------------
class RowForm(ProblemsMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self.fields.values())
        self.problems = []


_MATERIAL_MODEL_NAMES = [
    "name",
    "issuer",
    "originals",
    "copies",
    "required",
    "tolerable",
    "waivable",
    "licence_type",
]
_MATERIAL_MODEL_FIELDS = fields_for_model(Material, fields=_MATERIAL_MODEL_NAMES)


class MaterialRowForm(RowForm):
    material_type = forms.CharField(
        label="材料（字典）",
        max_length=100,
        widget=forms.TextInput(attrs={"list": "ow-material-types", "autocomplete": "off"}),
        help_text="从材料字典中选择，字典中没有的直接填写",
    )
    form = forms.ChoiceField(
        label="材料形式", choices=MaterialForm.choices, initial=MaterialForm.BOTH
    )
    source = forms.ChoiceField(
        label="来源",
        choices=[("", "同材料字典"), *MaterialSource.choices],
        required=False,
        initial="",
    )
    notes = forms.CharField(label="填报说明", max_length=300, required=False)

    field_order = [
        "material_type",
        "name",
        "issuer",
        "source",
        "licence_type",
        "originals",
        "copies",
        "form",
        "required",
        "tolerable",
        "waivable",
        "notes",
    ]

    def row(self) -> dict[str, Any]:
        data = self.cleaned_data
        row = {
            "material_type": data["material_type"].strip(),
            "name": (data.get("name") or "").strip(),
            "originals": data["originals"],
            "copies": data["copies"],
            "form": data["form"],
            "required": data["required"],
            "tolerable": data["tolerable"],
            "waivable": data["waivable"],
            "notes": data.get("notes") or "",
        }
        # Left blank, the issuer, source and licence type come from the material dictionary.
        for name in ("issuer", "source", "licence_type"):
            if value := (data.get(name) or "").strip():
                row[name] = value
        return row


for _name in _MATERIAL_MODEL_NAMES:
    _f = _MATERIAL_MODEL_FIELDS[_name]
    assert _f is not None
    MaterialRowForm.base_fields[_name] = _f
MaterialRowForm.base_fields["name"].required = False
MaterialRowForm.base_fields["name"].help_text = "留空则与字典名称相同"
MaterialRowForm.base_fields["issuer"].help_text = "留空则同材料字典"
MaterialRowForm.base_fields["licence_type"].help_text = "留空则同材料字典"
MaterialRowForm.base_fields["originals"].initial = 1
MaterialRowForm.base_fields["copies"].initial = 0


class FieldRowForm(RowForm):
    element = forms.ChoiceField(label="数据元", choices=())
    label = forms.CharField(
        label=str(FormField._meta.get_field("label").verbose_name),
        max_length=60,
        required=False,
        help_text="留空用数据元名称",
    )
    required = forms.BooleanField(label="必填", required=False, initial=True)

    def __init__(self, *args: Any, elements: Sequence[tuple[str, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        element = self.fields["element"]
        assert isinstance(element, forms.ChoiceField)
        element.choices = [("", "请选择数据元"), *elements]

    def row(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"key": data["element"], "label": data["label"], "required": data["required"]}


class ProcessRowForm(RowForm):
    name = forms.CharField(label="环节名称", max_length=40)
    department = forms.TypedChoiceField(label="办理部门", coerce=int, choices=())
    role = forms.ChoiceField(label="岗位", choices=Role.choices, initial=Role.WINDOW_CLERK)

    def __init__(self, *args: Any, departments: Sequence[tuple[int, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        department = self.fields["department"]
        assert isinstance(department, forms.ChoiceField)
        department.choices = [("", "请选择部门"), *departments]

    def row(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"name": data["name"], "department": data["department"], "role": data["role"]}


class SpecialProcedureRowForm(RowForm):
    kind = forms.ChoiceField(label="特别程序", choices=())
    max_days = forms.IntegerField(label="最长时限（工作日）", min_value=1, max_value=365)

    def __init__(self, *args: Any, kinds: Sequence[str] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        current = self.initial.get("kind")
        names = list(kinds) + ([current] if current and current not in kinds else [])
        kind.choices = [("", "请选择"), *[(k, k) for k in names]]

    def row(self) -> dict[str, Any]:
        return {"kind": self.cleaned_data["kind"], "max_days": self.cleaned_data["max_days"]}


class FaqRowForm(RowForm):
    q = forms.CharField(label="问题", max_length=200)
    a = forms.CharField(label="回答", widget=forms.Textarea(attrs={"rows": 2}))

    def row(self) -> dict[str, Any]:
        return {"q": self.cleaned_data["q"], "a": self.cleaned_data["a"]}


class RowFormSet(forms.BaseFormSet):
    """A small table of rows: blank rows are ignored, ticked rows are deleted."""

    title = ""

    def kept_forms(self) -> list[Any]:
        """The rows that make up the element: existing rows unless ticked for deletion, and
        added rows that were filled in."""
        if not self.is_bound:
            return self.forms[: self.initial_form_count()]
        return [
            form
            for i, form in enumerate(self.forms)
            if (i < self.initial_form_count() or form.has_changed())
            and not getattr(form, "cleaned_data", {}).get("DELETE", False)
        ]

    def rows(self) -> list[dict[str, Any]]:
        return [form.row() for form in self.kept_forms()]

    def set_problems(self, messages: Sequence[str]) -> None:
        self.problems = list(messages)

    @property
    def section_problems(self) -> list[str]:
        return getattr(self, "problems", [])


def _formset(form: type[forms.Form], title: str, extra: int = 1) -> type[RowFormSet]:
    formset = cast(
        type[RowFormSet],
        forms.formset_factory(form, formset=RowFormSet, extra=extra, can_delete=True),
    )
    formset.title = title
    return formset


MaterialFormSet = _formset(MaterialRowForm, "申请材料")
FieldFormSet = _formset(FieldRowForm, "申请表单字段")
ProcessFormSet = _formset(ProcessRowForm, "办理流程")
SpecialProcedureFormSet = _formset(SpecialProcedureRowForm, "特别程序", extra=0)
FaqFormSet = _formset(FaqRowForm, "常见问题", extra=0)


def _same_as_dictionary(material: dict[str, Any], entry: MaterialType | None) -> dict[str, Any]:
    """A material's row with the values it shares with its dictionary entry left blank
    ("同材料字典"), so choosing another entry brings that entry's values along."""
    row = dict(material)
    if row.get("name") == row.get("material_type"):
        row["name"] = ""
    if entry is not None:
        for name in ("issuer", "source", "licence_type"):
            if row.get(name) == getattr(entry, name):
                row[name] = ""
    return row


class ContentForms:
    """The whole content of a draft: the scalar form and one formset per list element."""

    formset_names = ("materials", "fields", "process", "special_procedures", "faq")

    def __init__(
        self,
        data: Any = None,
        *,
        content: dict[str, Any] | None = None,
        competent_department_id: int | None = None,
        departments: Sequence[Department],
        themes: Iterable[Theme],
        elements: Iterable[DataElement],
        kinds: Sequence[str],
        dictionary: dict[str, MaterialType] | None = None,
    ) -> None:
        content = content or {}
        dictionary = dictionary or {}
        initial = (
            VersionForm.initial_from(content, competent_department_id or 0) if content else None
        )
        self.version = VersionForm(
            data, initial=initial, departments=departments, themes=themes, prefix="v"
        )
        department_choices = [(d.pk, d.name) for d in departments]
        element_choices = [(e.key, str(e)) for e in elements]
        materials = [
            _same_as_dictionary(m, dictionary.get(m.get("material_type", "")))
            for m in content.get("materials") or []
        ]
        self.materials = MaterialFormSet(data, initial=materials or None, prefix="materials")
        self.fields = FieldFormSet(
            data,
            initial=content.get("fields")
            and [
                {"element": f["key"], "label": f["label"], "required": f["required"]}
                for f in content["fields"]
            ],
            prefix="fields",
            form_kwargs={"elements": element_choices},
        )
        self.process = ProcessFormSet(
            data,
            initial=content.get("process"),
            prefix="process",
            form_kwargs={"departments": department_choices},
        )
        self.special_procedures = SpecialProcedureFormSet(
            data,
            initial=content.get("special_procedures"),
            prefix="special",
            form_kwargs={"kinds": kinds},
        )
        self.faq = FaqFormSet(data, initial=content.get("faq"), prefix="faq")
        self.problems: list[str] = []

    @property
    def formsets(self) -> list[RowFormSet]:
        return [getattr(self, name) for name in self.formset_names]

    def is_valid(self) -> bool:
        valid = self.version.is_valid()
        for formset in self.formsets:
            valid = formset.is_valid() and valid
        return valid

    def content(self) -> dict[str, Any]:
        content = self.version.content()
        for name in self.formset_names:
            content[name] = getattr(self, name).rows()
        return content

    def show_problems(self, problems: Iterable[dict[str, str]]) -> None:
        """Put each problem ({"field", "message"}) next to its element; what belongs to no
        element on the page (the codes) stays in the summary at the top."""
        version_fields = set(self.version.fields)
        for problem in problems:
            field, message = problem.get("field", ""), problem.get("message", "")
            if field in version_fields:
                self.version.field_problems.setdefault(field, []).append(message)
            elif field == "materials" and (match := _MATERIAL_INDEX_RE.search(message)):
                self._material_problem(int(match.group(1)), message)
            elif field in self.formset_names:
                formset = getattr(self, field)
                formset.set_problems([*formset.section_problems, message])
            else:
                self.problems.append(message)

    def _material_problem(self, index: int, message: str) -> None:
        # The service numbers the materials it was given, i.e. the rows kept, from 1.
        kept = self.materials.kept_forms()
        if 0 < index <= len(kept):
            form = kept[index - 1]
            assert isinstance(form, MaterialRowForm)
            form.set_problems([*form.problems, message])
        else:
            self.materials.set_problems([*self.materials.section_problems, message])


class HallsForm(forms.Form):
    """One checkbox and one mode per hall."""

    def __init__(
        self, *args: Any, halls: Sequence[Hall], current: dict[int, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.halls = list(halls)
        for hall in self.halls:
            self.fields[f"hall_{hall.pk}"] = forms.BooleanField(
                label=hall.name, required=False, initial=hall.pk in current
            )
            self.fields[f"mode_{hall.pk}"] = forms.ChoiceField(
                label=f"{hall.name}的受理方式",
                choices=ItemHall.Mode.choices,
                initial=current.get(hall.pk, ItemHall.Mode.DIRECT),
            )
        _style(self.fields.values())

    def rows(self) -> list[tuple[Hall, forms.BoundField, forms.BoundField]]:
        return [(h, self[f"hall_{h.pk}"], self[f"mode_{h.pk}"]) for h in self.halls]

    def chosen(self) -> list[tuple[int, str]]:
        data = self.cleaned_data
        return [(h.pk, data[f"mode_{h.pk}"]) for h in self.halls if data[f"hall_{h.pk}"]]


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label="审核意见",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )
