"""Keeping the rollups current: each organisation's cells replaced at once (idempotent)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from hub.network.models import CaseRollup
from hub.organisations.models import Organisation


@dataclass(frozen=True)
class RollupCell:
    stage: str
    status: str
    cases: int


@transaction.atomic
def rollup_replace_for_organisation(*, organisation: Organisation, cells: list[RollupCell]) -> None:
    CaseRollup.objects.filter(organisation=organisation).delete()
    CaseRollup.objects.bulk_create(
        CaseRollup(organisation=organisation, stage=c.stage, status=c.status, cases=c.cases)
        for c in cells
        if c.cases
    )
