"""Staff pages of an organisation: home (inbox and cases), a case page, and their actions."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.intake.selectors import inbox_for_actor
from hub.intake.services import complaint_decline
from tenants.cases.lifecycle import Stage, moves_for
from tenants.cases.selectors import case_audit_trail, case_for_actor, cases_for_actor
from tenants.cases.services import case_open_from_complaint, case_transition


class DeclineForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=gettext_lazy("Move to"), choices=Stage.choices)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=2000, required=False)


@organisation_member_required
def organisation_home(request):
    actor = request.actor
    can = policy.permitted(actor)
    inbox = inbox_for_actor(actor=actor)[:50] if Action.INBOX_READ in can else None
    cases = cases_for_actor(actor=actor)[:50] if Action.CASE_READ in can else None
    return render(
        request,
        "cases/organisation_home.html",
        {
            "organisation": request.organisation,
            "actor": actor,
            "inbox": inbox,
            "cases": cases,
            "can": can,
        },
    )


@organisation_member_required
def case_detail(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    moves = [
        (to, Stage(to).label, rule.reason_required)
        for to, rule in moves_for(from_stage=case.stage, actor=request.actor)
    ]
    return render(
        request,
        "cases/case_detail.html",
        {
            "organisation": request.organisation,
            "case": case,
            "people": case.roles.select_related("person"),
            "events": case.events.all(),
            "audit": case_audit_trail(case=case)[:50],
            "moves": moves,
        },
    )


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


@organisation_member_required
@require_POST
def case_move(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a stage."))
    else:
        try:
            case = case_transition(actor=request.actor, case_id=case.pk, **form.cleaned_data)
            messages.success(
                request, _("The case is now in %(stage)s.") % {"stage": Stage(case.stage).label}
            )
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("org:case", org_slug=request.organisation.slug, case_id=case.pk)
