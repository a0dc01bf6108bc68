"""The recipient's page for contributing to a shared case: the form (when the share allows
it) and what our organisation has added to that case so far."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hub.accounts.access import organisation_member_required
from hub.core.errors import DomainError
from hub.core.forms import form_refused
from sharing.contribute import shared_case_contribute, shared_case_contributions
from tenants.contributions.forms import ContributionForm


@organisation_member_required
@require_http_methods(["GET", "POST"])
def shared_case_contribute_page(request, grant_id: int):
    actor = request.actor
    ours = shared_case_contributions(actor=actor, grant_id=grant_id)
    form = ContributionForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                shared_case_contribute(actor=actor, grant_id=ours.grant.pk, data=form.input())
            except DomainError as exc:
                if exc.status in (403, 404):
                    raise
                form_refused(form, exc)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("Added to the case of %(owner)s, marked as coming from us.")
                    % {"owner": ours.grant.owner.name},
                )
                return redirect(
                    "org:shared-contribute",
                    org_slug=request.organisation.slug,
                    grant_id=ours.grant.pk,
                )
        else:
            status = 400
    return render(
        request,
        "sharing/contribute.html",
        {
            "organisation": request.organisation,
            "grant": ours.grant,
            "contributions": ours.contributions,
            "form": form if ours.grant.can_contribute else None,
        },
        status=status,
    )
