"""Staff pages for who works on a case and the decisions on it: take from the queue, appoint,
end an assignment, ask for a decision, discuss it, settle it, and the Kabid's pending list."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.access import organisation_member_required
from hub.core.forms import submit
from tenants.cases.assignments import assignment_appoint, assignment_end, case_take
from tenants.cases.decisions import (
    decision_comment_add,
    decision_request_create,
    decision_request_for_actor,
    decision_requests_pending,
    decision_settle,
)
from tenants.cases.forms import AppointForm, CommentForm, RequestForm, SettleForm
from tenants.cases.selectors import case_for_actor


def _back_to_case(request, case_id):
    return redirect("org:case", org_slug=request.organisation.slug, case_id=case_id)


@organisation_member_required
@require_POST
def case_take_view(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        None,
        lambda: case_take(actor=request.actor, case_id=case.pk),
        _("You took the case; it is in consultation with you."),
        "",
    )
    return _back_to_case(request, case.pk)


@organisation_member_required
@require_POST
def case_appoint(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        AppointForm(request.POST),
        lambda **data: assignment_appoint(actor=request.actor, case_id=case.pk, **data),
        _("Appointed; the disposition is recorded."),
        _("Choose a person and a role."),
    )
    return _back_to_case(request, case.pk)


@organisation_member_required
@require_POST
def assignment_end_view(request, case_id: int, assignment_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        None,
        lambda: assignment_end(actor=request.actor, case_id=case.pk, assignment_id=assignment_id),
        _("The assignment has ended."),
        "",
    )
    return _back_to_case(request, case.pk)


@organisation_member_required
@require_POST
def decision_request_view(request, case_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        RequestForm(request.POST),
        lambda **data: decision_request_create(actor=request.actor, case_id=case.pk, **data),
        _("Your request went to the division head."),
        _("Give the division head your reasons."),
    )
    return _back_to_case(request, case.pk)


@organisation_member_required
@require_POST
def decision_comment_view(request, request_id: int):
    found = decision_request_for_actor(actor=request.actor, request_id=request_id)
    submit(
        request,
        CommentForm(request.POST),
        lambda body: decision_comment_add(actor=request.actor, request_id=found.pk, body=body),
        _("Comment added."),
        _("Write a comment first."),
    )
    return _return_to(request, found.case_id)


@organisation_member_required
@require_POST
def decision_settle_view(request, request_id: int):
    found = decision_request_for_actor(actor=request.actor, request_id=request_id)
    submit(
        request,
        SettleForm(request.POST),
        lambda **data: decision_settle(actor=request.actor, request_id=found.pk, **data),
        _("The request is settled."),
        _("Choose approve or decline."),
    )
    return _return_to(request, found.case_id)


def _return_to(request, case_id):
    """Back to the pending list when the Kabid came from it, else to the case."""
    if request.POST.get("next") == "decisions":
        return redirect("org:decisions", org_slug=request.organisation.slug)
    return _back_to_case(request, case_id)


@organisation_member_required
def decisions_pending(request):
    pending = decision_requests_pending(actor=request.actor).prefetch_related("comments")
    return render(
        request,
        "cases/decisions.html",
        {"organisation": request.organisation, "pending": pending[:100]},
    )
