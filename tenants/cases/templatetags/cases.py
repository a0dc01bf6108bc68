"""Template filters for case pages."""

from django import template

from tenants.cases.lifecycle import Stage

register = template.Library()


@register.filter
def stage_label(code: str) -> str:
    try:
        return str(Stage(code).label)
    except ValueError:
        return code
