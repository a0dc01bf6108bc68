"""Choosing an organisation for a complaint when the worker lets the network choose."""

from __future__ import annotations

from django.db.models import Count, Q

from hub.organisations.models import Organisation
from hub.organisations.selectors import organisation_directory


def route_complaint(
    *,
    country_of_work: str,
    home_region: str,
    issue_types: list[str],
    language: str,
    excluded_ids: set[int],
) -> Organisation | None:
    """Best match by country, region, issues and language, then by free capacity; None → triage."""
    candidates = (
        organisation_directory()
        .exclude(pk__in=excluded_ids)
        .annotate(open_in_inbox=Count("inbox", filter=Q(inbox__status="inbox")))
    )
    best, best_key = None, None
    for organisation in candidates:
        score = 0
        if country_of_work and country_of_work in organisation.countries:
            score += 3
        if home_region and home_region in organisation.regions:
            score += 2
        score += len(set(issue_types) & set(organisation.issue_types))
        if score == 0:
            continue  # language alone does not make an organisation the right one
        if language in organisation.languages:
            score += 1
        free = organisation.monthly_capacity - organisation.open_in_inbox
        key = (score, free, -organisation.pk)
        if best_key is None or key > best_key:
            best, best_key = organisation, key
    return best
