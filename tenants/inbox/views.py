"""The inbox's page actions: the division head accepts (tenants.cases opens the case) or
declines with a reason (hub.intake's transition service routes it on)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.access import organisation_member_required
from hub.core.errors import DomainError
from hub.intake.services import complaint_decline
from tenants.cases.registration import case_open_from_complaint
from tenants.inbox.forms import DeclineForm


@organisation_member_required
@require_POST
def inbox_accept(request, receipt_code: str):
    try:
        case = case_open_from_complaint(actor=request.actor, receipt_code=receipt_code)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("org:home", org_slug=request.organisation.slug)
    messages.success(request, _("Complaint accepted: case %(number)s.") % {"number": case.number})
    return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)


@organisation_member_required
@require_POST
def inbox_decline(request, receipt_code: str):
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A reason is required to decline."))
    else:
        try:
            complaint_decline(
                actor=request.actor, receipt_code=receipt_code, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Complaint declined; it goes back to the network."))
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("org:home", org_slug=request.organisation.slug)
