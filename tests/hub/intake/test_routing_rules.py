"""Routing rules as data: network admins add, change and deactivate them; every change is
audited; a refused change says why, field by field, and saves nothing."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.core.errors import DomainError, NotFound, PermissionDenied
from hub.core.models import AuditEvent
from hub.intake.models import RoutingRule
from hub.intake.routing_rules import (
    RoutingRuleInput,
    routing_rule_create,
    routing_rule_deactivate,
    routing_rule_update,
)
from hub.organisations.models import Organisation

pytestmark = pytest.mark.django_db

ADMIN = Actor(label="admin@network.test", roles=frozenset({Role.NETWORK_ADMIN}))
COORDINATOR = Actor(label="coordinator@network.test", roles=frozenset({Role.COORDINATOR}))


def _events(rule: RoutingRule) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type="routing_rule", object_id=str(rule.pk)).order_by("id")
    )


def test_an_admin_adds_a_rule_and_it_is_audited(org_a):
    rule = routing_rule_create(
        actor=ADMIN,
        data=RoutingRuleInput(
            organisation=org_a.organisation,
            countries=("MY", "MY", "SA"),
            home_regions=(" jawa  barat", "Jawa Barat", "", "NTB"),
            issue_types=("unpaid_wages",),
            priority=3,
            note="  Wilayah kerja  ",
        ),
    )
    rule.refresh_from_db()
    assert rule.countries == ["MY", "SA"] and rule.home_regions == ["jawa barat", "NTB"]
    assert rule.note == "Wilayah kerja" and rule.updated_by == ADMIN.label
    (event,) = _events(rule)
    assert event.action == "routing_rule.created" and event.actor_label == ADMIN.label
    assert event.detail["organisation"] == org_a.organisation.slug
    assert event.detail["countries"] == ["MY", "SA"]


def test_a_change_records_what_changed_and_no_change_records_nothing(org_a):
    data = RoutingRuleInput(organisation=org_a.organisation, countries=("MY",))
    rule = routing_rule_create(actor=ADMIN, data=data)
    routing_rule_update(actor=ADMIN, rule_id=rule.pk, data=data)
    assert len(_events(rule)) == 1
    routing_rule_update(
        actor=ADMIN,
        rule_id=rule.pk,
        data=RoutingRuleInput(organisation=org_a.organisation, countries=("HK",), priority=2),
    )
    event = _events(rule)[-1]
    assert event.action == "routing_rule.updated"
    assert event.detail["countries"] == [["MY"], ["HK"]] and event.detail["priority"] == [0, 2]
    assert "note" not in event.detail


def test_deactivating_keeps_the_rule_and_is_audited_once(org_a):
    rule = routing_rule_create(
        actor=ADMIN, data=RoutingRuleInput(organisation=org_a.organisation, countries=("JP",))
    )
    routing_rule_deactivate(actor=ADMIN, rule_id=rule.pk)
    routing_rule_deactivate(actor=ADMIN, rule_id=rule.pk)
    rule.refresh_from_db()
    assert not rule.active
    assert [e.action for e in _events(rule)] == [
        "routing_rule.created",
        "routing_rule.deactivated",
    ]


def test_a_coordinator_may_not_change_rules(org_a):
    rule = RoutingRule.objects.filter(organisation=org_a.organisation).first()
    before = RoutingRule.objects.count()
    data = RoutingRuleInput(organisation=org_a.organisation, countries=("JP",))
    with pytest.raises(PermissionDenied):
        routing_rule_create(actor=COORDINATOR, data=data)
    with pytest.raises(PermissionDenied):
        routing_rule_update(actor=COORDINATOR, rule_id=rule.pk, data=data)
    with pytest.raises(PermissionDenied):
        routing_rule_deactivate(actor=COORDINATOR, rule_id=rule.pk)
    assert RoutingRule.objects.count() == before
    assert RoutingRule.objects.get(pk=rule.pk).active
    assert not AuditEvent.objects.filter(object_type="routing_rule").exists()


def test_a_missing_rule_is_not_found(world, db):
    with pytest.raises(NotFound):
        routing_rule_deactivate(actor=ADMIN, rule_id=999999)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"countries": ("XX",)}, "countries"),
        ({"languages": ("fr",)}, "languages"),
        ({"issue_types": ("no_such_issue",)}, "issue_types"),
        ({"home_regions": ("x" * 101,)}, "home_regions"),
        ({"home_regions": tuple(f"R{n}" for n in range(31))}, "home_regions"),
        ({"priority": 1001}, "priority"),
        ({"note": "n" * 301}, "note"),
        ({"countries": (), "home_regions": (" ",)}, "__all__"),
    ],
)
def test_wrong_rules_are_refused_field_by_field_and_nothing_is_saved(org_a, changes, field):
    before = RoutingRule.objects.count()
    values = {"organisation": org_a.organisation, "countries": ("MY",), **changes}
    with pytest.raises(DomainError) as refused:
        routing_rule_create(actor=ADMIN, data=RoutingRuleInput(**values))
    assert field in refused.value.fields and all(refused.value.fields[field])
    assert RoutingRule.objects.count() == before
    assert not AuditEvent.objects.filter(object_type="routing_rule").exists()


def test_an_organisation_not_taking_complaints_gets_only_inactive_rules(org_a):
    Organisation.objects.filter(pk=org_a.organisation.pk).update(accepts_complaints=False)
    # A copy: the test world's organisation object outlives this test.
    organisation = Organisation.objects.get(pk=org_a.organisation.pk)
    data = {"organisation": organisation, "countries": ("MY",)}
    with pytest.raises(DomainError) as refused:
        routing_rule_create(actor=ADMIN, data=RoutingRuleInput(**data))
    assert "organisation" in refused.value.fields
    assert not routing_rule_create(actor=ADMIN, data=RoutingRuleInput(**data, active=False)).active


def test_the_same_active_rule_twice_is_refused(org_a):
    data = RoutingRuleInput(
        organisation=org_a.organisation, countries=("JP",), home_regions=("NTB",)
    )
    routing_rule_create(actor=ADMIN, data=data)
    twin = RoutingRuleInput(
        organisation=org_a.organisation, countries=("JP",), home_regions=("ntb",)
    )
    with pytest.raises(DomainError) as refused:
        routing_rule_create(actor=ADMIN, data=twin)
    assert refused.value.code == "duplicate_rule"


def test_the_migration_writes_one_rule_per_organisation_from_its_profile(org_a, org_b):
    migration = importlib.import_module("hub.intake.migrations.0004_routing_rules_from_profiles")
    RoutingRule.objects.all().delete()
    Organisation.objects.filter(pk=org_b.organisation.pk).update(
        countries=[], issue_types=[], regions=["Jawa Barat"]
    )
    migration.rules_from_profiles(apps, None)
    migration.rules_from_profiles(apps, None)  # once only
    a = RoutingRule.objects.get(organisation=org_a.organisation)
    assert a.countries == org_a.organisation.countries
    assert a.issue_types == org_a.organisation.issue_types
    assert a.home_regions == [] and a.languages == [] and a.active
    assert "DKI Jakarta" in a.note  # the regions it did not use are named for the admins
    b = RoutingRule.objects.get(organisation=org_b.organisation)
    assert b.home_regions == ["Jawa Barat"] and b.countries == [] and b.issue_types == []
    migration.remove_written_rules(apps, None)
    assert not RoutingRule.objects.exists()
