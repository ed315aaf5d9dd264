from __future__ import annotations

from django import template

from onewindow.core.workdays import calendar_warnings as _calendar_warnings

register = template.Library()


@register.simple_tag
def calendar_warnings() -> list[str]:
    return _calendar_warnings()
