"""Reads of shares: what an organisation granted, what it was granted, and who read a case."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import audit_events_for
from hub.core.models import AuditEvent
from sharing.models import ShareGrant
from tenants.cases.models import Case
from tenants.cases.selectors import cases_for_actor

READ_BY_MEMBER = "case.read_by_member"


def live_grants(queryset: QuerySet[ShareGrant]) -> QuerySet[ShareGrant]:
    """Grants in force now: not revoked, consent not withdrawn, inside their time window."""
    now = timezone.now()
    return (
        queryset.filter(
            revoked_at__isnull=True, consent__withdrawn_at__isnull=True, consent__share=True
        )
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=now))
    )


def shares_granted_by(*, actor: Actor) -> QuerySet[ShareGrant]:
    """The organisation's grants on the cases this actor may open (not on restricted ones)."""
    policy.require(actor, Action.SHARES_READ)
    return ShareGrant.objects.filter(
        owner=actor.organisation,
        case_id__in=cases_for_actor(actor=actor).values("pk"),
    ).select_related("recipient", "consent")


def shares_of_case(*, actor: Actor, case: Case) -> QuerySet[ShareGrant]:
    """Every grant on one case (live or not), newest first; `case` comes from case_for_actor."""
    policy.require(actor, Action.SHARES_READ)
    return ShareGrant.objects.filter(owner=actor.organisation, case_id=case.pk).select_related(
        "recipient", "consent"
    )


def shares_received_by(*, actor: Actor) -> QuerySet[ShareGrant]:
    """Grants to the actor's organisation that are in force now."""
    policy.require(actor, Action.SHARES_READ)
    return live_grants(ShareGrant.objects.filter(recipient=actor.organisation)).select_related(
        "owner", "consent"
    )


def case_reads_by_members(*, case: Case) -> QuerySet[AuditEvent]:
    """Who of other members read this case through a share (in the owner's schema)."""
    return audit_events_for(object_type="case", object_id=case.pk).filter(action=READ_BY_MEMBER)
