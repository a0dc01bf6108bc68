"""Template tags: how many client answers of a case wait for staff (for the case page)."""

from django import template

from hub.links.selectors import links_answered

register = template.Library()


@register.simple_tag(takes_context=True)
def client_links_to_review(context, case) -> int:
    organisation = getattr(context.get("request"), "organisation", None)
    if organisation is None:
        return 0
    return links_answered(organisation=organisation, case_ids=[case.pk]).count()
