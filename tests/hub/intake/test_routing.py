"""Routing by rules: a rule matches when each criterion it lists matches; the most specific
match wins, then priority, then free declared capacity, then the oldest organisation; no match
is triage. The cost does not grow with the history."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.consent.models import ConsentRecord, ConsentSource
from hub.intake.lifecycle import ComplaintStatus
from hub.intake.models import Complaint, RoutingRule
from hub.intake.routing import route_complaint, routing_preview
from hub.organisations.models import Organisation
from tests.builders import complaint, routing_rule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_world_rules(world, db):
    """Each test writes the rules it means (the test world's own are set aside)."""
    RoutingRule.objects.update(active=False)


def _route(country="MY", region="", issues=("unpaid_wages",), language="id", excluded=()):
    return route_complaint(
        country_of_work=country,
        home_region=region,
        issue_types=list(issues),
        language=language,
        excluded_ids=set(excluded),
    )


def _waiting(organisation: Organisation, count: int) -> None:
    for _n in range(count):
        complaint(organisation)


def test_no_rule_means_triage(org_a):
    assert _route() is None
    filed = complaint(None)
    assert filed.status == ComplaintStatus.TRIAGE and filed.handling_organisation is None


def test_every_listed_criterion_must_match(org_a):
    routing_rule(
        org_a.organisation,
        countries=["MY"],
        home_regions=["Jawa Barat"],
        issue_types=["unpaid_wages", "trafficking"],
        languages=["id"],
    )
    assert _route(region="Jawa Barat") == org_a.organisation
    assert _route(country="HK", region="Jawa Barat") is None
    assert _route(region="Jawa Tengah") is None
    assert _route(region="") is None  # a rule that needs the region misses a complaint without
    assert _route(region="Jawa Barat", issues=("documents_withheld",)) is None
    assert _route(region="Jawa Barat", language="en") is None
    # One issue in common is enough.
    assert _route(region="Jawa Barat", issues=("other", "trafficking")) == org_a.organisation


def test_regions_compare_without_case_or_extra_spaces(org_a):
    routing_rule(org_a.organisation, home_regions=["  Jawa   Barat", "NTB"])
    assert _route(region="jawa barat ") == org_a.organisation
    assert _route(region="ntb") == org_a.organisation
    assert _route(region="Jawa") is None


def test_an_empty_criterion_matches_anything(org_a):
    routing_rule(org_a.organisation, countries=["HK"])
    assert _route(country="HK", region="Papua", issues=("other",), language="en") == (
        org_a.organisation
    )


def test_the_more_specific_rule_wins_over_priority(org_a, org_b):
    routing_rule(org_a.organisation, countries=["MY"], priority=100)
    routing_rule(org_b.organisation, countries=["MY"], issue_types=["unpaid_wages"])
    assert _route() == org_b.organisation
    # Where B's rule does not match, A's broader one still does.
    assert _route(issues=("trafficking",)) == org_a.organisation


def test_priority_decides_between_equally_specific_rules(org_a, org_b):
    routing_rule(org_a.organisation, countries=["MY"], priority=1)
    routing_rule(org_b.organisation, issue_types=["unpaid_wages"], priority=5)
    assert _route() == org_b.organisation


def test_free_capacity_decides_then_the_oldest_organisation(org_a, org_b):
    routing_rule(org_a.organisation, countries=["MY"])
    routing_rule(org_b.organisation, countries=["MY"])
    first, second = sorted([org_a.organisation, org_b.organisation], key=lambda o: o.pk)
    assert _route() == first  # same capacity, same inboxes: the lower id
    Organisation.objects.filter(pk=first.pk).update(monthly_capacity=3)
    Organisation.objects.filter(pk=second.pk).update(monthly_capacity=5)
    assert _route() == second
    _waiting(second, 3)  # second: 5 - 3 = 2 free; first: 3 free
    assert _route() == first


def test_only_inbox_complaints_use_capacity(org_a, org_b):
    routing_rule(org_a.organisation, countries=["MY"])
    routing_rule(org_b.organisation, countries=["MY"])
    first, second = sorted([org_a.organisation, org_b.organisation], key=lambda o: o.pk)
    _waiting(first, 2)
    assert _route() == second
    Complaint.objects.filter(handling_organisation=first).update(
        status=ComplaintStatus.ACCEPTED, accepted_case_id=1
    )
    assert _route() == first


def test_excluded_organisations_are_skipped(org_a, org_b):
    routing_rule(org_a.organisation, countries=["MY"], issue_types=["unpaid_wages"])
    routing_rule(org_b.organisation, countries=["MY"])
    assert _route() == org_a.organisation
    assert _route(excluded={org_a.organisation.pk}) == org_b.organisation
    assert _route(excluded={org_a.organisation.pk, org_b.organisation.pk}) is None


def test_inactive_rules_and_organisations_not_taking_complaints_are_ignored(org_a, org_b):
    routing_rule(org_a.organisation, countries=["MY"], active=False)
    assert _route() is None
    routing_rule(org_b.organisation, countries=["MY"])
    assert _route() == org_b.organisation
    Organisation.objects.filter(pk=org_b.organisation.pk).update(accepts_complaints=False)
    assert _route() is None


def test_a_declined_complaint_goes_to_the_next_rule(org_a, org_b):
    from hub.accounts.roles import Role
    from hub.intake.lifecycle import Move
    from hub.intake.services import complaint_transition
    from tests.builders import in_schema, member

    routing_rule(org_a.organisation, countries=["MY"], priority=2)
    routing_rule(org_b.organisation, countries=["MY"], priority=1)
    filed = complaint(None)
    assert filed.handling_organisation == org_a.organisation
    with in_schema(org_a.organisation):
        moved = complaint_transition(
            actor=member(org_a, Role.DIVISION_HEAD),
            receipt_code=filed.receipt_code,
            move=Move.DECLINE,
            reason="Penuh",
        )
    assert moved.handling_organisation == org_b.organisation


def _history(count: int, organisation: Organisation, start: int = 0) -> None:
    """Old complaints, accepted or closed long ago: routing must not read them."""
    consents = ConsentRecord.objects.bulk_create(
        ConsentRecord(given_by="worker", source=ConsentSource.PORTAL) for _n in range(count)
    )
    Complaint.objects.bulk_create(
        Complaint(
            receipt_code=f"RP-H{start + n:06d}",
            reporter_type="worker",
            reporter_name="Lama",
            country_of_work="MY",
            issue_types=["unpaid_wages"],
            narrative="Lama",
            status=ComplaintStatus.ACCEPTED if n % 2 else ComplaintStatus.CLOSED,
            handling_organisation=organisation if n % 2 else None,
            accepted_case_id=n if n % 2 else None,
            consent=consent,
        )
        for n, consent in enumerate(consents)
    )


def _queries_to_route() -> int:
    with CaptureQueriesContext(connection) as queries:
        _route()
    return len(queries)


def test_routing_costs_the_same_queries_whatever_the_history(org_a, org_b):
    routing_rule(org_a.organisation, countries=["MY"])
    routing_rule(org_b.organisation, countries=["MY"])
    _history(10, org_a.organisation)
    with_ten = _queries_to_route()
    _history(990, org_a.organisation, start=10)
    assert Complaint.objects.count() >= 1000
    assert _queries_to_route() == with_ten == 2  # the rules; the inboxes of who matched


def test_the_preview_says_who_would_get_each_recent_complaint(org_a, org_b):
    chosen = complaint(org_b.organisation, reporter_name="Nama Rahasia")
    nowhere = complaint(None, country_of_work="JP", issue_types=("other",))
    routing_rule(org_a.organisation, countries=["JP"])
    rows = {row.receipt_code: row for row in routing_preview()}
    assert rows[nowhere.receipt_code].went_to == ""
    assert rows[nowhere.receipt_code].would_go_to == org_a.organisation.name
    assert rows[nowhere.receipt_code].changes
    assert rows[chosen.receipt_code].chosen_by_worker and not rows[chosen.receipt_code].changes
    # A draft rule is applied in place of the rule it edits, before anything is saved.
    draft = RoutingRule.objects.get(organisation=org_a.organisation, active=True)
    draft.countries = ["MY"]
    rows = {row.receipt_code: row for row in routing_preview(rules=[draft])}
    assert rows[nowhere.receipt_code].would_go_to == ""
    assert RoutingRule.objects.get(pk=draft.pk).countries == ["JP"]


def test_the_preview_reads_the_last_fifty_in_a_fixed_number_of_queries(org_a):
    routing_rule(org_a.organisation, countries=["MY"])
    _history(60, org_a.organisation)
    with CaptureQueriesContext(connection) as queries:
        rows = routing_preview()
    assert len(rows) == 50 and len(queries) == 3
