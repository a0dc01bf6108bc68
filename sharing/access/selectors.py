"""Reads of access requests, scoped by construction to the actor's organisation and side."""

from __future__ import annotations

from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery, Value
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.consent.models import Purpose
from hub.consent.selectors import consent_for_case
from hub.core.errors import NotFound
from hub.organisations.models import Organisation
from sharing.access.models import AccessRequest, AccessStatus
from tenants.cases.selectors import cases_for_actor


def offices_of(*, organisation: Organisation) -> QuerySet[Organisation]:
    """The member organisations whose national office this one is."""
    if not organisation.is_national_office:
        return Organisation.objects.none()
    return Organisation.objects.members().filter(national_office=organisation).order_by("name")


def access_requests_sent(*, actor: Actor) -> QuerySet[AccessRequest]:
    """The national office's requests, newest first."""
    policy.require(actor, Action.ACCESS_REQUEST)
    return AccessRequest.objects.filter(requester=actor.organisation).select_related(
        "owner", "share", "share__consent"
    )


def access_requests_received(*, actor: Actor) -> QuerySet[AccessRequest]:
    """Requests for this office's cases: pending ones first (oldest first), then the settled
    ones, newest first. Each carries `matched_case_id` and `matched_case_title`: the office's
    case with the number asked for, if there is one (run in the office's schema)."""
    policy.require(actor, Action.ACCESS_DECIDE)
    matched = cases_for_actor(actor=actor).filter(number=OuterRef("case_number"))
    pending_first = models.Case(
        models.When(status=AccessStatus.PENDING, then=Value(0)),
        default=Value(1),
        output_field=models.IntegerField(),
    )
    return (
        AccessRequest.objects.filter(owner=actor.organisation)
        .select_related("requester", "owner", "share", "share__consent")
        .annotate(
            matched_case_id=Subquery(matched.values("pk")[:1]),
            matched_case_title=Subquery(matched.values("title")[:1]),
            pending_first=pending_first,
        )
        .order_by("pending_first", "created_at", "id")
    )


def access_requests_awaiting(*, actor: Actor) -> QuerySet[AccessRequest]:
    """What waits for this office's division head: pending requests, oldest first."""
    return access_requests_received(actor=actor).filter(status=AccessStatus.PENDING)


def access_request_for_actor(*, actor: Actor, request_id: object) -> AccessRequest:
    """A request the actor's organisation is a side of; any other is the same 404 as none."""
    try:
        pk = int(request_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    if actor.organisation is None or not -(2**63) < pk < 2**63:
        raise NotFound(_("Not found."))
    organisation = actor.organisation
    found = (
        AccessRequest.objects.filter(Q(requester=organisation) | Q(owner=organisation), pk=pk)
        .select_related("requester", "owner", "share")
        .first()
    )
    if found is None:
        raise NotFound(_("Not found."))
    # Read by the roles that read the lists of its side, no one else of the organisation.
    side = Action.ACCESS_REQUEST if found.requester_id == organisation.pk else Action.ACCESS_DECIDE
    policy.require(actor, side)
    return found


def access_request_consent_covers(*, request: AccessRequest, case_id: int) -> bool:
    """Does the client's consent on the office's case allow sharing with the national office?
    What the division head reads before approving (approval checks it again)."""
    consent = consent_for_case(organisation=request.owner, case_id=case_id)
    return consent is not None and consent.covers(
        Purpose.SHARE, recipient_slug=request.requester.slug
    )
