"""Staff pages for shares: a case's shares (grant, revoke, who read it) for the owner, and
"shared with us" (the list and the live read-only view of one case) for the recipient."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from sharing.forms import ShareGrantForm
from sharing.selectors import case_reads_by_members, shares_of_case, shares_received_by
from sharing.services import share_grant, share_revoke, shared_case_open
from tenants.cases.projection import Section
from tenants.cases.selectors import case_for_actor, case_subject


@organisation_member_required
@require_http_methods(["GET", "POST"])
def case_shares(request, case_id: int):
    """One case's shares: the grant form (who may share), every grant with its status and
    a revoke button, and the reads other members made through them."""
    actor = request.actor
    case = case_for_actor(actor=actor, case_id=case_id)
    can = policy.permitted(actor, case_subject(case))
    grants = shares_of_case(actor=actor, case=case)
    may_manage = Action.SHARE_MANAGE in can
    form = ShareGrantForm(owner=request.organisation) if may_manage else None
    status = 200
    if request.method == "POST":
        policy.require(actor, Action.SHARE_MANAGE)
        form = ShareGrantForm(request.POST, owner=request.organisation)
        if form.is_valid():
            try:
                grant = share_grant(actor=actor, case_id=case.pk, **form.service_input())
            except DomainError as exc:
                form.refused(exc)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("The case is shared with %(member)s.") % {"member": grant.recipient.name},
                )
                return redirect(
                    "org:case-shares", org_slug=request.organisation.slug, case_id=case.pk
                )
        else:
            status = 400
    return render(
        request,
        "sharing/case_shares.html",
        {
            "organisation": request.organisation,
            "case": case,
            "can": can,
            "form": form,
            "grants": grants,
            "reads": case_reads_by_members(case=case)[:100],
            "section_labels": dict(Section.choices),
        },
        status=status,
    )


@organisation_member_required
@require_POST
def share_revoke_view(request, grant_id: int):
    grant = share_revoke(actor=request.actor, grant_id=grant_id)
    messages.success(
        request, _("The share with %(member)s is revoked.") % {"member": grant.recipient.name}
    )
    return redirect("org:case-shares", org_slug=request.organisation.slug, case_id=grant.case_id)


@organisation_member_required
def shared_with_us(request):
    return render(
        request,
        "sharing/shared_with_us.html",
        {
            "organisation": request.organisation,
            "grants": shares_received_by(actor=request.actor).order_by("-granted_at")[:200],
            "section_labels": dict(Section.choices),
        },
    )


@organisation_member_required
def shared_case(request, grant_id: int):
    """The owner's case as the share allows it now (every opening is written in their trail)."""
    shared = shared_case_open(actor=request.actor, grant_id=grant_id)
    return render(
        request,
        "sharing/shared_case.html",
        {
            "organisation": request.organisation,
            "shared": shared,
            "grant": shared.grant,
            "package": shared.package,
            "sections": shared.sections,
            "section_labels": dict(Section.choices),
        },
    )
