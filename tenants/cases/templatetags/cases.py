"""Template filters for case work: moves and decision states as labels in the language."""

from django import template

from hub.core.labels import choice_label
from tenants.cases.lifecycle import Move
from tenants.cases.models import DecisionRequest

register = template.Library()


@register.filter
def move_label(code: str) -> str:
    return choice_label(Move, code)


@register.filter
def request_state_label(code: str) -> str:
    return choice_label(DecisionRequest.State, code)
