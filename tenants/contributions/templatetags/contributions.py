"""Template tags: the contributions section of the owner's case page."""

from django import template

from tenants.cases.models import CaseSection
from tenants.contributions.forms import HideForm, ReviewForm
from tenants.contributions.models import ContributionStatus
from tenants.contributions.selectors import contributions_of_case

register = template.Library()


@register.inclusion_tag("contributions/_case_contributions.html", takes_context=True)
def case_contributions(context, case) -> dict:
    """What others added to the case, marked with where it came from; the case page has
    already opened the case for the actor and put what they may do in `can`, and the sections
    restricted from them in `hidden`: contributions go with the chronology."""
    restricted = CaseSection.CHRONOLOGY in context.get("hidden", frozenset())
    contributions = [] if restricted else list(contributions_of_case(case=case))
    return {
        "restricted": restricted,
        "case": case,
        "organisation": context.get("organisation"),
        "can": context.get("can", frozenset()),
        "contributions": contributions,
        "pending": sum(1 for c in contributions if c.status == ContributionStatus.PENDING),
        "hide_form": HideForm(auto_id=False),
        "review_form": ReviewForm(auto_id=False),
        "csrf_token": context.get("csrf_token"),
    }
