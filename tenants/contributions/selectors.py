"""Reads of contributions: the owner's view of a case's, and one origin's own (no writes)."""

from __future__ import annotations

from django.db.models import QuerySet

from tenants.cases.models import Case
from tenants.contributions.models import Contribution, OriginKind


def contributions_of_case(*, case: Case) -> QuerySet[Contribution]:
    """Every contribution to the case, oldest first, for its organisation's staff (the caller
    has opened the case for the actor): hidden and rejected ones too, for them to show
    collapsed."""
    return Contribution.objects.filter(case=case).order_by("created_at", "id")


def contributions_from(*, case_id: int, origin_slug: str) -> QuerySet[Contribution]:
    """What one member organisation added to a case (read in the owner's schema by the
    sharing side, after it checked the share): its own, never anyone else's."""
    return Contribution.objects.filter(
        case_id=case_id, origin_slug=origin_slug, origin_kind=OriginKind.MEMBER
    ).order_by("created_at", "id")
