"""The recipient's side of contributing to a shared case: check the share (live, consented,
contribute permission) and the policy's share.contribute in the recipient's own schema, then
add in the owner's schema through the owner's tenant service."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import PermissionDenied
from hub.organisations.context import organisation_context
from sharing.models import ShareGrant
from sharing.services import received_grant_live
from tenants.contributions.models import Contribution
from tenants.contributions.selectors import contributions_from
from tenants.contributions.services import (
    ContributionInput,
    ContributionOrigin,
    contribution_add,
)


class ShareReadOnly(PermissionDenied):
    code = "share_read_only"


@transaction.atomic
def shared_case_contribute(
    *, actor: Actor, grant_id: object, data: ContributionInput
) -> Contribution:
    """Add a note, event or activity to the owner's case; it joins the owner's record at once,
    marked with our organisation, and the owner's trail says who added it."""
    policy.require(actor, Action.SHARE_CONTRIBUTE)
    # Revoking and withdrawing lock these rows too: no contribution slips in after them.
    grant = received_grant_live(actor=actor, grant_id=grant_id, lock_of=("self", "consent"))
    if not grant.can_contribute:
        raise ShareReadOnly(_("This share lets your organisation read the case, not add to it."))
    with organisation_context(grant.owner):
        return contribution_add(
            owner=grant.owner,
            case_id=grant.case_id,
            data=data,
            origin=ContributionOrigin.member(actor=actor, grant_id=grant.pk),
            by=actor.audit,
        )


@dataclass(frozen=True)
class OurContributions:
    grant: ShareGrant
    contributions: tuple[Contribution, ...]


def shared_case_contributions(*, actor: Actor, grant_id: object) -> OurContributions:
    """What our organisation added to the shared case (never anyone else's), while the share
    is live. Reads only: it shows nothing of the owner's case beyond our own words."""
    policy.require(actor, Action.SHARES_READ)
    grant = received_grant_live(actor=actor, grant_id=grant_id)
    with organisation_context(grant.owner):
        ours = tuple(contributions_from(case_id=grant.case_id, origin_slug=actor.organisation.slug))
    return OurContributions(grant=grant, contributions=ours)
