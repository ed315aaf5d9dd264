"""Turn Django model validation into domain errors a person can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models

from .errors import Conflict, InvalidInput


def _message(exc: ValidationError, model: type[models.Model] | None) -> tuple[str, dict]:
    if hasattr(exc, "error_dict"):
        fields = {}
        parts = []
        for name, errors in exc.message_dict.items():
            label = name
            if model is not None and name != "__all__":
                try:
                    label = str(getattr(model._meta.get_field(name), "verbose_name", name))
                except Exception:
                    label = name
            fields[name] = errors
            parts.append(("" if name == "__all__" else f"{label}：") + "；".join(errors))
        return "；".join(parts), fields
    return "；".join(exc.messages), {}


def full_clean(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """`instance.full_clean()` without uniqueness checks, raising `InvalidInput`."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        message, fields = _message(exc, type(instance))
        raise InvalidInput(message, fields=fields) from exc


@contextmanager
def integrity_as_conflict(message: str) -> Iterator[None]:
    """A unique-constraint race that slipped past the service's own check becomes a 409."""
    try:
        yield
    except IntegrityError as exc:
        raise Conflict(message) from exc
