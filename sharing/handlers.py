"""What sharing does when consent changes or a case leaves: a withdrawn consent record ends
the shares that stood on it, or carries them over to the record that replaced it when that one
still covers them (the client withdrew only statistics, say); a case transferred away ends the
sender's shares of it (the receiver owns it now and decides), and so does a case restricted
after it was shared (sexual violence, children: only its assigned staff may read it now).
Outbox subscribers: consent, cases and transfers never reach into shares themselves."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from hub.consent.models import ConsentRecord, Purpose
from hub.core.audit import AuditActor
from hub.core.models import OutboxEvent
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_active, organisation_context
from sharing.models import RevokeReason, ShareGrant

WITHDRAWAL = AuditActor(label="withdrawal")
TRANSFER = AuditActor(label="transfer")
RESTRICTION = AuditActor(label="restriction")


def _live_successor(consent: ConsentRecord) -> ConsentRecord | None:
    """The live record that replaced this one, following replacements made since."""
    successor = consent.superseded_by
    seen = set()
    while successor is not None and successor.withdrawn_at is not None:
        if successor.pk in seen:  # never expected; do not loop on bad data
            return None
        seen.add(successor.pk)
        successor = successor.superseded_by
    return successor


def shares_after_consent_withdrawn(events: Sequence[OutboxEvent]) -> None:
    """Idempotent: only grants not yet revoked are touched, each once."""
    consent_ids = {int(event.object_id) for event in events}
    grants = (
        ShareGrant.objects.select_for_update(of=("self",))
        .filter(consent_id__in=consent_ids, revoked_at__isnull=True)
        .select_related("owner", "recipient", "consent__superseded_by")
        .order_by("pk")
    )
    for grant in grants:
        if grant.consent.withdrawn_at is None:
            continue
        successor = _live_successor(grant.consent)
        if successor is not None and successor.covers(
            Purpose.SHARE, recipient_slug=grant.recipient.slug
        ):
            grant.consent = successor
            grant.save(update_fields=["consent"])
            name, detail = "share.consent_carried", {"consent": successor.pk}
        else:
            grant.revoked_at = timezone.now()
            grant.revoked_by = WITHDRAWAL.label
            grant.revoked_reason = RevokeReason.CONSENT_WITHDRAWN
            grant.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
            name, detail = "share.revoked", {"reason": RevokeReason.CONSENT_WITHDRAWN.value}
        # In the owner's schema: the case's trail says what became of the share.
        with organisation_context(grant.owner):
            domain_event_record(
                actor=WITHDRAWAL,
                name=name,
                object_type="case",
                object_id=grant.case_id,
                detail={"grant": grant.pk, "recipient": grant.recipient.slug, **detail},
            )


def shares_after_transfer(events: Sequence[OutboxEvent]) -> None:
    """`transfer.accepted` in the sender's schema (about its case): the stub it keeps is no
    longer shared. Idempotent: only grants not yet revoked are touched."""
    owner = organisation_active()
    if owner is None:
        return
    case_ids = {
        int(event.object_id)
        for event in events
        if event.object_type == "case" and str(event.object_id).isdigit()
    }
    _revoke_all(owner, case_ids, by=TRANSFER, reason=RevokeReason.TRANSFERRED)


def shares_after_restriction(events: Sequence[OutboxEvent]) -> None:
    """`case.restriction_changed` in the owner's schema: a case now restricted as a whole is
    never shared, so its grants end (reads were already refused; the lists now say so too).
    A restricted part only is left out of every read, and the grant stands."""
    owner = organisation_active()
    if owner is None:
        return
    case_ids = {
        int(event.object_id)
        for event in events
        if str(event.object_id).isdigit()
        and ((event.payload or {}).get("after") or {}).get("restricted") is True
    }
    if not case_ids:
        return
    _revoke_all(owner, case_ids, by=RESTRICTION, reason=RevokeReason.RESTRICTED)


def _revoke_all(owner, case_ids: set[int], *, by: AuditActor, reason: RevokeReason) -> None:
    """End the owner's live grants of these cases, each said in its case's trail (the owner's
    schema is the active one). Idempotent: grants already revoked are not touched."""
    grants = (
        ShareGrant.objects.select_for_update(of=("self",))
        .filter(owner=owner, case_id__in=case_ids, revoked_at__isnull=True)
        .select_related("recipient")
        .order_by("pk")
    )
    for grant in grants:
        grant.revoked_at = timezone.now()
        grant.revoked_by = by.label
        grant.revoked_reason = reason
        grant.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
        domain_event_record(
            actor=by,
            name="share.revoked",
            object_type="case",
            object_id=grant.case_id,
            detail={"grant": grant.pk, "recipient": grant.recipient.slug, "reason": reason.value},
        )
