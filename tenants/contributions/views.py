"""The owner's staff pages on contributions: hide one (with a reason), accept or reject one
that came through a link. Both answer from the case page and go back to it."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts.access import organisation_member_required
from hub.core.forms import submit
from tenants.cases.selectors import case_for_actor
from tenants.contributions.forms import HideForm, ReviewForm
from tenants.contributions.services import contribution_hide, contribution_review


def _back(request, case_id: int):
    url = reverse("org:case", kwargs={"org_slug": request.organisation.slug, "case_id": case_id})
    return redirect(f"{url}#contributions")


@organisation_member_required
@require_POST
def contribution_hide_view(request, case_id: int, contribution_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    submit(
        request,
        HideForm(request.POST),
        lambda reason: contribution_hide(
            actor=request.actor, case_id=case.pk, contribution_id=contribution_id, reason=reason
        ),
        _("The contribution is hidden; the trail keeps who hid it and why."),
        _("Say why it is hidden."),
    )
    return _back(request, case.pk)


@organisation_member_required
@require_POST
def contribution_review_view(request, case_id: int, contribution_id: int):
    case = case_for_actor(actor=request.actor, case_id=case_id)
    form = ReviewForm(request.POST)
    accepted = request.POST.get("decision") == "accept"
    submit(
        request,
        form,
        lambda decision, note: contribution_review(
            actor=request.actor,
            case_id=case.pk,
            contribution_id=contribution_id,
            accept=decision == "accept",
            note=note,
        ),
        _("Accepted: it joins the record.") if accepted else _("Rejected."),
        _("Check the review."),
    )
    return _back(request, case.pk)
