""" "My cases": the staff page of what one person has to do now, with their cases' clocks."""

from __future__ import annotations

from django.shortcuts import render

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.organisations.service_levels import service_levels_of
from tenants.clocks.dashboard import my_dashboard


@organisation_member_required
def my_cases_page(request):
    actor = request.actor
    can = policy.permitted(actor)
    return render(
        request,
        "clocks/my_dashboard.html",
        {
            "organisation": request.organisation,
            "actor": actor,
            "can": can,
            "board": my_dashboard(actor=actor) if Action.CASE_READ in can else None,
            "zone": service_levels_of(request.organisation).calendar.timezone,
        },
    )
