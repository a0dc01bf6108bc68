"""Template filters that show codes (issue types, roles, stages) as labels in the language."""

from django import template

from hub.accounts.roles import Role
from hub.core.labels import choice_label
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import reason_label as _reason_label
from hub.vocab.selectors import term_labels, vocabulary_labels
from hub.vocab.stages import Stage, Status

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


@register.filter
def status_label(code: str) -> str:
    return choice_label(Status, code)


@register.filter
def reason_label(code: str) -> str:
    return _reason_label(code)


@register.filter
def case_type_labels(codes) -> str:
    return ", ".join(term_labels(list(codes or []), vocabulary="case_type"))


@register.filter
def vocabulary_label(code: str) -> str:
    return choice_label(Vocabulary, code)


@register.filter
def term(code: str, vocabulary: str) -> str:
    """`{{ code|term:"occupation" }}`: the label of one code of a vocabulary."""
    return vocabulary_labels(vocabulary).get(code, code) if code else ""


@register.filter
def terms(codes, vocabulary: str) -> str:
    return ", ".join(term_labels(list(codes or []), vocabulary=vocabulary))
