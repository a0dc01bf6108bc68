"""Reads of consent records."""

from __future__ import annotations

from django.db.models import QuerySet

from hub.consent.models import ConsentRecord
from hub.organisations.models import Organisation


def cases_counted_in_statistics(*, organisation: Organisation):
    """Ids of this organisation's cases whose client allows anonymised statistics (a subquery)."""
    return ConsentRecord.objects.filter(
        organisation=organisation, case_id__isnull=False, statistics=True, withdrawn_at__isnull=True
    ).values("case_id")


def consent_for_case(*, organisation: Organisation, case_id: int) -> ConsentRecord | None:
    """The case's consent now: its newest record (withdrawn or not)."""
    return (
        ConsentRecord.objects.filter(organisation=organisation, case_id=case_id)
        .order_by("-recorded_at", "-pk")
        .first()
    )


def consent_history(*, organisation: Organisation, case_id: int) -> QuerySet[ConsentRecord]:
    """Every record of the case, newest first: what was allowed, by whom, how, when, and how
    it ended."""
    return ConsentRecord.objects.filter(organisation=organisation, case_id=case_id).order_by(
        "-recorded_at", "-pk"
    )
