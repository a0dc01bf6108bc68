"""What referrals do when consent changes: a referral still waiting for its answer is
withdrawn once the case's consent no longer covers it. An outbox subscriber: consent never
imports sharing."""

from __future__ import annotations

from collections.abc import Sequence

from hub.core.models import OutboxEvent
from sharing.referrals.services import referrals_withdraw_for_consent


def referrals_after_consent_withdrawn(events: Sequence[OutboxEvent]) -> None:
    referrals_withdraw_for_consent(consent_ids={int(event.object_id) for event in events})
