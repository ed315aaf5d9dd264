"""The application form of an item version as a Django form, for the portal and the window.

Fields come from the version's `FormField`s (one per data element, keyed by the element's
key). The Django form only renders and reads back what was typed; the rules are checked by
`catalog.formschema.validate` in the service, the same as for every other terminal, and its
messages are put back next to the fields."""

from __future__ import annotations

from typing import Any

from django import forms

from onewindow.catalog.codes import FieldType
from onewindow.catalog.models import ItemVersion

_INPUT = {"class": "form-control"}


def _field(ff: Any) -> forms.Field:
    el = ff.element
    label = ff.display_label
    help_text = el.help or ""
    kind = el.type
    common: dict[str, Any] = {"label": label, "required": False, "help_text": help_text}
    if kind == FieldType.TEXTAREA:
        return forms.CharField(widget=forms.Textarea(attrs={**_INPUT, "rows": 3}), **common)
    if kind == FieldType.NUMBER:
        return forms.CharField(
            widget=forms.TextInput(attrs={**_INPUT, "inputmode": "numeric"}), **common
        )
    if kind == FieldType.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={**_INPUT, "type": "date"}), **common)
    if kind == FieldType.SELECT:
        choices = [("", "请选择")] + [(o, o) for o in el.options]
        return forms.ChoiceField(
            choices=choices, widget=forms.Select(attrs={"class": "form-select"}), **common
        )
    if kind == FieldType.MULTISELECT:
        return forms.MultipleChoiceField(
            choices=[(o, o) for o in el.options], widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == FieldType.CHECKBOX:
        return forms.BooleanField(
            widget=forms.CheckboxInput(attrs={"class": "form-check-input"}), **common
        )
    attrs = dict(_INPUT)
    if kind == FieldType.PHONE:
        attrs.update(inputmode="tel", autocomplete="tel")
    elif kind == FieldType.EMAIL:
        attrs.update(inputmode="email", autocomplete="email")
    elif kind in (FieldType.ID_NUMBER, FieldType.USCC):
        attrs.update(autocapitalize="characters", spellcheck="false")
    if el.max_length:
        attrs["maxlength"] = str(el.max_length)
    return forms.CharField(widget=forms.TextInput(attrs=attrs), strip=False, **common)


class ApplicationForm(forms.Form):
    """Every field optional at this level: a draft may be incomplete. `required` marks are
    shown from the schema; submission checks completeness."""

    def __init__(self, version: ItemVersion, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.schema = list(version.fields.select_related("element").order_by("order", "id"))
        for ff in self.schema:
            field = _field(ff)
            field.schema_required = ff.required  # type: ignore[attr-defined]
            self.fields[ff.element.key] = field

    def values(self) -> dict[str, Any]:
        """What was typed, keyed by data element, empty fields left out."""
        out: dict[str, Any] = {}
        data = self.data
        for key, field in self.fields.items():
            if isinstance(field, forms.MultipleChoiceField):
                value: Any = data.getlist(key) if hasattr(data, "getlist") else data.get(key, [])
            elif isinstance(field, forms.BooleanField):
                value = data.get(key) in ("on", "true", "1", True)
                if not value:
                    continue
            else:
                value = data.get(key, "")
                value = value.strip() if isinstance(value, str) else value
            if value in ("", None, []):
                continue
            out[key] = value
        return out

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put the service's messages (keyed by data element) next to their fields."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        for key, message in errors.items():
            if key in self.fields:
                # The schema's message starts with the label; the field shows it already.
                label = self.fields[key].label or ""
                text = message.removeprefix(f"{label}：")
                self.add_error(key, text)
            else:
                self.add_error(None, message)
