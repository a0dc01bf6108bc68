"""Choosing an organisation for a complaint when the worker lets the network choose: the
network admins' routing rules (hub.intake.models.RoutingRule), read as data."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count

from hub.intake.lifecycle import ComplaintStatus
from hub.intake.models import Complaint, RoutingRule
from hub.organisations.models import Organisation, OrganisationKind


def region_key(region: str) -> str:
    """Regions are typed by people: "jawa  barat " is "Jawa Barat"."""
    return " ".join(region.split()).casefold()


@dataclass(frozen=True)
class ComplaintFacts:
    """What routing looks at in a complaint; nothing that names or describes a person."""

    country_of_work: str
    home_region: str
    issue_types: tuple[str, ...]
    language: str


def rule_specificity(rule: RoutingRule, facts: ComplaintFacts) -> int | None:
    """How many criteria of the rule the complaint meets, or None when it misses one.

    An empty criterion matches anything; a rule with none is a catch-all (specificity 0)."""
    matched = 0
    if rule.countries:
        if facts.country_of_work not in rule.countries:
            return None
        matched += 1
    if rule.home_regions:
        regions = {region_key(r) for r in rule.home_regions}
        if not facts.home_region or region_key(facts.home_region) not in regions:
            return None
        matched += 1
    if rule.issue_types:
        if not set(facts.issue_types) & set(rule.issue_types):
            return None
        matched += 1
    if rule.languages:
        if facts.language not in rule.languages:
            return None
        matched += 1
    return matched


def routing_rules_in_force(*, excluded_ids: Iterable[int] = ()):
    """Active rules of member organisations that take complaints, with their organisation."""
    return (
        RoutingRule.objects.filter(active=True, organisation__accepts_complaints=True)
        .exclude(organisation__kind=OrganisationKind.TEMPLATE)
        .exclude(organisation_id__in=list(excluded_ids))
        .select_related("organisation")
    )


def inbox_counts(organisation_ids: Iterable[int]) -> dict[int, int]:
    """Complaints waiting in each organisation's inbox now: only status=inbox rows are read
    (the (status, placed_at) index), never the history."""
    ids = list(organisation_ids)
    if not ids:
        return {}
    rows = (
        Complaint.objects.filter(status=ComplaintStatus.INBOX, handling_organisation_id__in=ids)
        .values("handling_organisation_id")
        .annotate(waiting=Count("id"))
        .order_by()
    )
    return {row["handling_organisation_id"]: row["waiting"] for row in rows}


def matching_rules(
    rules: Sequence[RoutingRule], facts: ComplaintFacts, excluded_ids: Iterable[int] = ()
) -> list[tuple[int, RoutingRule]]:
    excluded = set(excluded_ids)
    found = []
    for rule in rules:
        if rule.organisation_id in excluded:
            continue
        specificity = rule_specificity(rule, facts)
        if specificity is not None:
            found.append((specificity, rule))
    return found


def best_organisation(
    matches: Sequence[tuple[int, RoutingRule]], waiting: dict[int, int]
) -> Organisation | None:
    """More specific first, then priority, then free declared capacity, then the oldest
    organisation (lowest id), so the same rules and inboxes always give the same answer."""

    def rank(match: tuple[int, RoutingRule]):
        specificity, rule = match
        organisation = rule.organisation
        free = organisation.monthly_capacity - waiting.get(organisation.pk, 0)
        return (specificity, rule.priority, free, -organisation.pk)

    if not matches:
        return None
    return max(matches, key=rank)[1].organisation


def route_complaint(
    *,
    country_of_work: str,
    home_region: str,
    issue_types: list[str],
    language: str,
    excluded_ids: set[int],
) -> Organisation | None:
    """The organisation of the best-matching active rule; None → triage.

    A bounded number of queries whatever the history: one for the rules, and one for the
    inboxes of the matching organisations when more than one could take it."""
    facts = ComplaintFacts(
        country_of_work=country_of_work,
        home_region=home_region,
        issue_types=tuple(issue_types),
        language=language,
    )
    matches = matching_rules(list(routing_rules_in_force(excluded_ids=excluded_ids)), facts)
    organisations = {rule.organisation_id for _specificity, rule in matches}
    waiting = inbox_counts(organisations) if len(organisations) > 1 else {}
    return best_organisation(matches, waiting)


@dataclass(frozen=True)
class PreviewRow:
    """One recent complaint as the preview shows it: no name, narrative or contact."""

    receipt_code: str
    submitted_at: object
    country_of_work: str
    home_region: str
    issue_types: tuple[str, ...]
    status: str
    status_label: str
    went_to: str  # the organisation that has it now, or "" (triage, closed, merged)
    chosen_by_worker: bool  # the worker chose the organisation: rules did not apply
    would_go_to: str  # what the rules would choose now, or "" (triage)

    @property
    def changes(self) -> bool:
        return not self.chosen_by_worker and self.went_to != self.would_go_to


PREVIEW_SIZE = 50


def routing_preview(
    *, rules: Sequence[RoutingRule] | None = None, size: int = PREVIEW_SIZE
) -> list[PreviewRow]:
    """Who would get which recent complaint under `rules` (default: the rules in force), as
    if each were filed now. Three queries whatever the size: complaints, rules, inboxes."""
    complaints = list(
        Complaint.objects.select_related("handling_organisation")
        .only(
            "receipt_code",
            "submitted_at",
            "country_of_work",
            "home_region",
            "issue_types",
            "language",
            "status",
            "chosen_organisation_id",
            "handling_organisation__name",
        )
        .order_by("-submitted_at", "-id")[:size]
    )
    if rules is None:
        rules = list(routing_rules_in_force())
    in_force = [
        rule
        for rule in rules
        if rule.active
        and rule.organisation.accepts_complaints
        and rule.organisation.kind != OrganisationKind.TEMPLATE
    ]
    waiting = inbox_counts({rule.organisation_id for rule in in_force})
    rows = []
    for complaint in complaints:
        facts = ComplaintFacts(
            country_of_work=complaint.country_of_work,
            home_region=complaint.home_region,
            issue_types=tuple(complaint.issue_types),
            language=complaint.language,
        )
        chosen = best_organisation(matching_rules(in_force, facts), waiting)
        handler = complaint.handling_organisation
        rows.append(
            PreviewRow(
                receipt_code=complaint.receipt_code,
                submitted_at=complaint.submitted_at,
                country_of_work=complaint.country_of_work,
                home_region=complaint.home_region,
                issue_types=tuple(complaint.issue_types),
                status=complaint.status,
                status_label=str(ComplaintStatus(complaint.status).label),
                went_to=handler.name if handler else "",
                chosen_by_worker=complaint.chosen_organisation_id is not None,
                would_go_to=chosen.name if chosen else "",
            )
        )
    return rows
