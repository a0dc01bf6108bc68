"""Staff pages of an organisation: home (inbox and cases) and a case page."""

from __future__ import annotations

from django.shortcuts import render

from hub.accounts.access import organisation_member_required
from hub.accounts.roles import CASE_READER_ROLES
from hub.core.errors import DomainError
from hub.intake.selectors import INBOX_READERS, inbox_for_actor
from tenants.cases.lifecycle import next_stages
from tenants.cases.selectors import case_audit_trail, case_for_actor, cases_for_actor


@organisation_member_required
def organisation_home(request):
    actor = request.actor
    inbox = inbox_for_actor(actor=actor)[:50] if actor.has_any(INBOX_READERS) else None
    cases = cases_for_actor(actor=actor)[:50] if actor.has_any(CASE_READER_ROLES) else None
    return render(
        request,
        "cases/organisation_home.html",
        {"organisation": request.organisation, "actor": actor, "inbox": inbox, "cases": cases},
    )


@organisation_member_required
def case_detail(request, case_id: int):
    try:
        case = case_for_actor(actor=request.actor, case_id=case_id)
    except DomainError as exc:
        return render(request, "404.html", {"message": exc.message}, status=exc.status)
    return render(
        request,
        "cases/case_detail.html",
        {
            "organisation": request.organisation,
            "case": case,
            "people": case.roles.select_related("person"),
            "events": case.events.all(),
            "audit": case_audit_trail(case=case)[:50],
            "next_stages": next_stages(case.stage),
        },
    )
