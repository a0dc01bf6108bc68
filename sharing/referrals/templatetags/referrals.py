"""Labels of the codes a referral and its package carry, in the active language."""

from django import template

from hub.core.labels import choice_label
from tenants.cases.models import PersonRole
from tenants.cases.projection import Section

register = template.Library()


@register.filter
def section_label(code: str) -> str:
    return choice_label(Section, code)


@register.filter
def person_role_label(code: str) -> str:
    return choice_label(PersonRole, code)
