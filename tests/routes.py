"""The URLconf as a list of routes, and filling their parameters with sample values."""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver


def all_routes(patterns=None, prefix: str = ""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from all_routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def fill(route: str, samples: dict[str, str]) -> str:
    """`org/<slug:org_slug>/cases/<int:case_id>/` → a path; an unknown parameter fails loudly."""

    def replace(match):
        name = match.group(2)
        if name not in samples:
            raise AssertionError(f"Route {route!r} has parameter {name!r}: add a sample for it")
        return samples[name]

    return "/" + re.sub(r"<(\w+:)?(\w+)>", replace, route)


# Ids that exist nowhere: every route filled with them must answer 404 (or a 4xx), never 500.
MISSING_IDS = {
    "case_id": "999999",
    "receipt_code": "RP-2222-2222",
    "grant_id": "999999",
    "assignment_id": "999999",
    "request_id": "999999",
    "person_id": "999999",
    "event_id": "999999",
    "proceeding_id": "999999",
    "user_id": "999999",
    "vocabulary": "occupation",
    "document_id": "999999",
    "plan_id": "999999",
    "goal_id": "999999",
    "intervention_id": "999999",
    "record": "plan",
    "notification_id": "999999",
    "link_id": "999999",
    "token": "1.not-a-token:forged",
    "slug": "tidak-ada",
    "uidb64": "OTk5OTk5",
    "rule_id": "999999",
    "transfer_id": "999999",
    "access_request_id": "999999",
    "referral_id": "999999",
    "agency_id": "999999",
    "contribution_id": "999999",
}
