"""The chronology of a case: its events in time order, each with its acts and their people."""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet

from tenants.cases.models import Case
from tenants.events.models import Act, Event


def case_chronology(*, case: Case) -> QuerySet[Event]:
    """Events in the order they happened (undated last), acts and people in two queries."""
    acts = Act.objects.prefetch_related("victims", "perpetrators")
    return case.events.order_by(F("occurred_on").asc(nulls_last=True), "id").prefetch_related(
        Prefetch("acts", queryset=acts)
    )
