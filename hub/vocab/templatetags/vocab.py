"""Template filters that show codes (issue types, roles, stages) as labels in the language."""

from django import template

from hub.accounts.roles import Role
from hub.core.labels import choice_label
from hub.vocab.selectors import term_labels
from hub.vocab.stages import Stage

register = template.Library()


@register.filter
def issue_labels(codes) -> str:
    return ", ".join(term_labels(list(codes or [])))


@register.filter
def role_label(code: str) -> str:
    return choice_label(Role, code)


@register.filter
def stage_label(code: str) -> str:
    return choice_label(Stage, code)
