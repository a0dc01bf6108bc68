"""The "possible same person" page of a case: /org/<slug>/cases/<id>/matches/."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from hub.accounts import policy
from hub.accounts.access import organisation_member_required
from hub.accounts.policy import Action
from sharing.identity.services import identity_matches_read


def _share_url(slug: str, case_id: int) -> str:
    """The case's share page (helper app "sharing"), when it exists."""
    try:
        return reverse("org:case-shares", kwargs={"org_slug": slug, "case_id": case_id})
    except NoReverseMatch:
        return ""


@organisation_member_required
def case_matches_page(request, case_id: int):
    actor = request.actor
    report = identity_matches_read(actor=actor, case_id=case_id)
    organisation = request.organisation
    may_share = policy.allows(actor, Action.SHARE_MANAGE)
    return render(
        request,
        "identity/case_matches.html",
        {
            "organisation": organisation,
            "report": report,
            "share_url": _share_url(organisation.slug, report.case_id) if may_share else "",
        },
    )
