"""Template filters that show vocabulary codes and role codes as labels."""

from django import template

from hub.accounts.roles import Role
from hub.vocab.selectors import term_labels

register = template.Library()


@register.filter
def issue_labels(codes) -> str:
    return ", ".join(term_labels(list(codes or [])))


@register.filter
def role_label(code: str) -> str:
    try:
        return str(Role(code).label)
    except ValueError:
        return code
