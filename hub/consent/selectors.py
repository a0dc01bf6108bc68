"""Reads of consent records."""

from __future__ import annotations

from hub.consent.models import ConsentRecord
from hub.organisations.models import Organisation


def consent_for_case(*, organisation: Organisation, case_id: int) -> ConsentRecord | None:
    return (
        ConsentRecord.objects.filter(organisation=organisation, case_id=case_id)
        .order_by("-recorded_at")
        .first()
    )
