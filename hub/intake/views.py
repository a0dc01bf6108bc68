"""The coordinators' triage page: complaints the network places (assign an organisation,
close as out of scope with a reason the worker reads, merge a duplicate). Every move goes
through complaint_transition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.access import network_actor
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.intake.lifecycle import ComplaintStatus, Move
from hub.intake.selectors import triage_rows
from hub.intake.services import complaint_transition
from hub.organisations.selectors import organisation_directory


def _coordinator(request):
    """The network actor allowed to triage; anyone else gets the 404 of a missing page."""
    actor = network_actor(user=request.user)
    if actor is None or not policy.allows(actor, Action.COMPLAINT_TRIAGE):
        raise Http404
    return actor


def triage_page(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _coordinator(request)
    return render(
        request,
        "intake/triage.html",
        {
            "complaints": triage_rows()[:100],
            "organisations": list(organisation_directory()),
            "moves": [Move.ASSIGN, Move.CLOSE, Move.MERGE],
        },
    )


@require_POST
def triage_move(request, receipt_code: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    actor = _coordinator(request)
    move = request.POST.get("move", "")
    organisation = None
    if move == Move.ASSIGN:
        slug = request.POST.get("organisation", "")
        organisation = organisation_directory().filter(slug=slug).first() if slug else None
    try:
        complaint = complaint_transition(
            actor=actor,
            receipt_code=receipt_code,
            move=move if move in (Move.ASSIGN, Move.CLOSE, Move.MERGE) else "",
            organisation=organisation,
            reason=request.POST.get("reason", "")[:2000],
            duplicate_of=request.POST.get("duplicate_of", "")[:20],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Complaint %(code)s: %(status)s.")
            % {"code": complaint.receipt_code, "status": ComplaintStatus(complaint.status).label},
        )
    return redirect("network-triage")
