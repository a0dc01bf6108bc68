"""Routing rules as data: what network admins may write in a rule, and the services that add,
change and deactivate one, each audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import DomainError, NotFound
from hub.core.outbox import domain_event_record
from hub.intake.models import RoutingRule
from hub.intake.routing import region_key
from hub.intake.rules import COUNTRY_CODES, language_codes
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation, OrganisationKind
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import unknown_codes

MAX_REGIONS = 30
REGION_LENGTH = 100
MAX_PRIORITY = 1000
NOTE_LENGTH = 300


@dataclass(frozen=True)
class RoutingRuleInput:
    organisation: Organisation
    countries: tuple[str, ...] = ()
    home_regions: tuple[str, ...] = ()
    issue_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    priority: int = 0
    active: bool = True
    note: str = ""


def routing_rule_errors(data: RoutingRuleInput) -> dict[str, list[str]]:
    """Field → messages for everything wrong with the rule; empty when it can be saved."""
    errors: dict[str, list[str]] = {}
    organisation = data.organisation
    if organisation.kind == OrganisationKind.TEMPLATE:
        errors["organisation"] = [_("Choose a member organisation.")]
    elif data.active and not organisation.accepts_complaints:
        errors["organisation"] = [
            _(
                "%(name)s does not take complaints from the portal, so this rule would never "
                "place one. Save it as inactive, or choose another organisation."
            )
            % {"name": organisation.name}
        ]
    if wrong := [c for c in data.countries if c not in COUNTRY_CODES]:
        errors["countries"] = [_("Unknown country: %(codes)s.") % {"codes": ", ".join(wrong)}]
    if wrong := [c for c in data.languages if c not in language_codes()]:
        errors["languages"] = [_("Unknown language: %(codes)s.") % {"codes": ", ".join(wrong)}]
    if data.issue_types and (wrong := unknown_codes(list(data.issue_types), Vocabulary.ISSUE_TYPE)):
        errors["issue_types"] = [_("Unknown code: %(codes)s.") % {"codes": ", ".join(wrong)}]
    if len(data.home_regions) > MAX_REGIONS:
        errors["home_regions"] = [
            _("List at most %(count)s regions; make another rule for more.")
            % {"count": MAX_REGIONS}
        ]
    elif long := [r for r in data.home_regions if len(r) > REGION_LENGTH]:
        errors["home_regions"] = [
            _("A region name has at most %(count)s characters: %(region)s…")
            % {"count": REGION_LENGTH, "region": long[0][:30]}
        ]
    if not (data.countries or data.home_regions or data.issue_types or data.languages):
        errors["__all__"] = [
            _(
                "Choose at least one country, home region, issue type or language: a rule "
                "without any would take every complaint, and none would reach triage."
            )
        ]
    if not 0 <= data.priority <= MAX_PRIORITY:
        errors["priority"] = [_("Give a number from 0 to %(max)s.") % {"max": MAX_PRIORITY}]
    if len(data.note) > NOTE_LENGTH:
        errors["note"] = [_("At most %(count)s characters.") % {"count": NOTE_LENGTH}]
    return errors


def clean_regions(regions) -> tuple[str, ...]:
    """Trimmed, blanks dropped, each region once whatever its case or spacing."""
    seen: dict[str, str] = {}
    for region in regions:
        tidy = " ".join(region.split())
        if tidy and region_key(tidy) not in seen:
            seen[region_key(tidy)] = tidy
    return tuple(seen.values())


def _normalised(data: RoutingRuleInput) -> RoutingRuleInput:
    return RoutingRuleInput(
        organisation=data.organisation,
        countries=tuple(dict.fromkeys(data.countries)),
        home_regions=clean_regions(data.home_regions),
        issue_types=tuple(dict.fromkeys(data.issue_types)),
        languages=tuple(dict.fromkeys(data.languages)),
        priority=data.priority,
        active=data.active,
        note=data.note.strip(),
    )


def _validated(data: RoutingRuleInput) -> RoutingRuleInput:
    data = _normalised(data)
    errors = routing_rule_errors(data)
    if errors:
        raise DomainError(_("The rule cannot be saved as it is."), fields=errors)
    return data


def routing_rule_draft(*, data: RoutingRuleInput, rule: RoutingRule | None = None) -> RoutingRule:
    """The rule as it would be saved, unsaved (for the preview): refused like a save."""
    draft = RoutingRule(pk=rule.pk if rule else None)
    _apply(draft, _validated(data))
    return draft


def _apply(rule: RoutingRule, data: RoutingRuleInput) -> None:
    rule.organisation = data.organisation
    rule.countries = list(data.countries)
    rule.home_regions = list(data.home_regions)
    rule.issue_types = list(data.issue_types)
    rule.languages = list(data.languages)
    rule.priority = data.priority
    rule.active = data.active
    rule.note = data.note


FIELDS = ("countries", "home_regions", "issue_types", "languages", "priority", "active", "note")


def _snapshot(rule: RoutingRule) -> dict:
    return {"organisation": rule.organisation.slug, **{f: getattr(rule, f) for f in FIELDS}}


def _refuse_duplicate(rule: RoutingRule) -> None:
    if not rule.active:
        return
    twins = RoutingRule.objects.filter(
        organisation=rule.organisation, active=True, priority=rule.priority
    ).exclude(pk=rule.pk)
    same = {
        "countries": set(rule.countries),
        "home_regions": {region_key(r) for r in rule.home_regions},
        "issue_types": set(rule.issue_types),
        "languages": set(rule.languages),
    }
    for twin in twins:
        other = {
            "countries": set(twin.countries),
            "home_regions": {region_key(r) for r in twin.home_regions},
            "issue_types": set(twin.issue_types),
            "languages": set(twin.languages),
        }
        if other == same:
            raise DomainError(
                _("%(name)s already has an active rule with these criteria (rule %(id)s).")
                % {"name": rule.organisation.name, "id": twin.pk},
                code="duplicate_rule",
            )


def _record(actor: Actor, name: str, rule: RoutingRule, detail: dict) -> None:
    """Rules live in the public schema, and so does their trail."""
    with organisation_context(None):
        domain_event_record(
            actor=actor.audit,
            name=name,
            object_type="routing_rule",
            object_id=rule.pk,
            detail=detail,
        )


@transaction.atomic
def routing_rule_create(*, actor: Actor, data: RoutingRuleInput) -> RoutingRule:
    policy.require(actor, Action.ROUTING_MANAGE)
    rule = routing_rule_draft(data=data)
    rule.updated_by = actor.label
    _refuse_duplicate(rule)
    rule.save()
    _record(actor, "routing_rule.created", rule, _snapshot(rule))
    return rule


def _locked(rule_id: int) -> RoutingRule:
    rule = RoutingRule.objects.select_for_update().select_related("organisation")
    rule = rule.filter(pk=rule_id).first()
    if rule is None:
        raise NotFound(_("There is no such routing rule."))
    return rule


@transaction.atomic
def routing_rule_update(*, actor: Actor, rule_id: int, data: RoutingRuleInput) -> RoutingRule:
    policy.require(actor, Action.ROUTING_MANAGE)
    rule = _locked(rule_id)
    before = _snapshot(rule)
    _apply(rule, _validated(data))
    _refuse_duplicate(rule)
    after = _snapshot(rule)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return rule
    rule.updated_by = actor.label
    rule.save()
    _record(actor, "routing_rule.updated", rule, {"organisation": after["organisation"], **changes})
    return rule


@transaction.atomic
def routing_rule_deactivate(*, actor: Actor, rule_id: int) -> RoutingRule:
    policy.require(actor, Action.ROUTING_MANAGE)
    rule = _locked(rule_id)
    if not rule.active:
        return rule
    rule.active = False
    rule.updated_by = actor.label
    rule.save(update_fields=["active", "updated_by", "updated_at"])
    _record(actor, "routing_rule.deactivated", rule, {"organisation": rule.organisation.slug})
    return rule
