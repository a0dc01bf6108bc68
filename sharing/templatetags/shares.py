"""Template filters for shares: sections, permissions and the projection's codes as labels."""

from django import template

from hub.core.labels import choice_label
from sharing.models import SharePermission
from tenants.cases.models import PersonRole
from tenants.cases.projection import Section
from tenants.people.models import Gender

register = template.Library()


@register.filter
def section_labels(codes) -> str:
    """In the projection's order, whatever order they were stored in."""
    given = set(codes or ())
    ordered = [code for code in Section.values if code in given]
    ordered += sorted(given - set(ordered))
    return ", ".join(choice_label(Section, code) for code in ordered)


@register.filter
def permission_label(code: str) -> str:
    return choice_label(SharePermission, code)


@register.filter
def person_role_labels(codes) -> str:
    return ", ".join(choice_label(PersonRole, code) for code in codes or ())


@register.filter
def gender_label(code: str) -> str:
    return choice_label(Gender, code) if code else ""
