"""The service directory: which outside agency gives which service where (seed 001 asks for a
map of who is competent where). Network admins add, change and deactivate agencies, each
change audited in the public schema; members and the network read it grouped by region."""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import DomainError, NotFound
from hub.core.outbox import domain_event_record
from hub.intake.countries import DESTINATION_COUNTRIES
from hub.intake.routing import region_key
from hub.intake.routing_rules import clean_regions
from hub.organisations.context import organisation_context
from hub.vocab.models import Vocabulary
from hub.vocab.selectors import unknown_codes
from sharing.referrals.models import Authority, ServiceAgency

MAX_REGIONS = 40
REGION_LENGTH = 100
COUNTRY_CODES = frozenset(code for code, _label in DESTINATION_COUNTRIES)
LIMITS = {"name": 200, "phone": 40, "email": 254, "address": 300, "hours": 200, "note": 300}


@dataclass(frozen=True)
class AgencyInput:
    name: str
    services: tuple[str, ...]
    authority: str
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    address: str = ""
    hours: str = ""
    note: str = ""
    active: bool = True


def _normalised(data: AgencyInput) -> AgencyInput:
    return AgencyInput(
        name=" ".join(data.name.split()),
        services=tuple(dict.fromkeys(data.services)),
        authority=data.authority,
        regions=clean_regions(data.regions),
        countries=tuple(dict.fromkeys(code.upper() for code in data.countries)),
        phone=data.phone.strip(),
        email=data.email.strip(),
        address=data.address.strip(),
        hours=data.hours.strip(),
        note=data.note.strip(),
        active=data.active,
    )


def agency_errors(data: AgencyInput) -> dict[str, list[str]]:
    """Field → messages for everything wrong with the agency; empty when it can be saved."""
    errors: dict[str, list[str]] = {}
    if not data.name:
        errors["name"] = [_("Give the agency's name.")]
    if not data.services:
        errors["services"] = [_("Choose at least one service.")]
    elif wrong := unknown_codes(list(data.services), Vocabulary.SERVICE_TYPE):
        errors["services"] = [_("Unknown code: %(codes)s.") % {"codes": ", ".join(wrong)}]
    if data.authority not in Authority.values:
        errors["authority"] = [_("Choose regional or central.")]
    elif data.authority == Authority.REGIONAL and not (data.regions or data.countries):
        errors["regions"] = [
            _("A regional agency needs at least one region, or a country for a post abroad.")
        ]
    if len(data.regions) > MAX_REGIONS:
        errors["regions"] = [_("List at most %(count)s regions.") % {"count": MAX_REGIONS}]
    elif long := [r for r in data.regions if len(r) > REGION_LENGTH]:
        errors["regions"] = [
            _("A region name has at most %(count)s characters: %(region)s…")
            % {"count": REGION_LENGTH, "region": long[0][:30]}
        ]
    if wrong := [c for c in data.countries if c not in COUNTRY_CODES]:
        errors["countries"] = [_("Unknown country: %(codes)s.") % {"codes": ", ".join(wrong)}]
    for name, limit in LIMITS.items():
        if len(getattr(data, name)) > limit:
            errors.setdefault(name, []).append(
                _("At most %(count)s characters.") % {"count": limit}
            )
    if data.email and "email" not in errors:
        try:
            validate_email(data.email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
    return errors


def _validated(data: AgencyInput) -> AgencyInput:
    data = _normalised(data)
    if errors := agency_errors(data):
        raise DomainError(_("The agency cannot be saved as it is."), fields=errors)
    return data


FIELDS = tuple(f.name for f in fields(AgencyInput))


def _apply(agency: ServiceAgency, data: AgencyInput) -> None:
    for name in FIELDS:
        value = getattr(data, name)
        setattr(agency, name, list(value) if isinstance(value, tuple) else value)


def _snapshot(agency: ServiceAgency) -> dict:
    return {name: getattr(agency, name) for name in FIELDS}


def _record(actor: Actor, name: str, agency: ServiceAgency, detail: dict) -> None:
    """The directory lives in the public schema, and so does its trail."""
    with organisation_context(None):
        domain_event_record(
            actor=actor.audit,
            name=name,
            object_type="service_agency",
            object_id=agency.pk,
            detail=detail,
        )


def _locked(agency_id: int) -> ServiceAgency:
    agency = ServiceAgency.objects.select_for_update().filter(pk=agency_id).first()
    if agency is None:
        raise NotFound(_("Not found."))
    return agency


@transaction.atomic
def agency_create(*, actor: Actor, data: AgencyInput) -> ServiceAgency:
    policy.require(actor, Action.DIRECTORY_MANAGE)
    agency = ServiceAgency(updated_by=actor.label)
    _apply(agency, _validated(data))
    agency.save()
    _record(actor, "agency.created", agency, _snapshot(agency))
    return agency


@transaction.atomic
def agency_update(*, actor: Actor, agency_id: int, data: AgencyInput) -> ServiceAgency:
    policy.require(actor, Action.DIRECTORY_MANAGE)
    agency = _locked(agency_id)
    before = _snapshot(agency)
    _apply(agency, _validated(data))
    after = _snapshot(agency)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changes:
        return agency
    agency.updated_by = actor.label
    agency.save()
    _record(actor, "agency.updated", agency, changes)
    return agency


@transaction.atomic
def agency_deactivate(*, actor: Actor, agency_id: int) -> ServiceAgency:
    policy.require(actor, Action.DIRECTORY_MANAGE)
    agency = _locked(agency_id)
    if agency.active:
        agency.active = False
        agency.updated_by = actor.label
        agency.save(update_fields=["active", "updated_by", "updated_at"])
        _record(actor, "agency.deactivated", agency, {"name": agency.name})
    return agency


# Reads -------------------------------------------------------------------------------------


def agencies_for(
    *, actor: Actor, service: str = "", region: str = "", include_inactive: bool = False
) -> QuerySet[ServiceAgency]:
    """Agencies giving `service` (a code) and competent in `region` (a region as people write
    it, or a country code): those listing it, and central agencies, competent everywhere."""
    policy.require(actor, Action.DIRECTORY_READ)
    agencies = ServiceAgency.objects.all()
    if not include_inactive:
        agencies = agencies.filter(active=True)
    if service:
        agencies = agencies.filter(services__contains=[service])
    if region := " ".join(region.split()):
        key = region_key(region)
        listing = [
            pk
            for pk, regions in agencies.values_list("pk", "regions")
            if key in {region_key(r) for r in regions}
        ]
        competent = Q(pk__in=listing) | Q(authority=Authority.CENTRAL)
        if len(region) == 2:  # a country code: the posts abroad that cover it
            competent |= Q(countries__contains=[region.upper()])
        agencies = agencies.filter(competent)
    return agencies.order_by("name", "pk")


@dataclass(frozen=True)
class RegionGroup:
    """One row group of the map: a region (or a country, or "everywhere") and its agencies."""

    key: str
    label: str
    agencies: tuple[ServiceAgency, ...]


def agencies_by_region(agencies) -> list[RegionGroup]:
    """Who is competent where: central agencies first (everywhere), then each region and each
    country in alphabetical order; an agency appears under every region it covers."""
    country_names = dict(DESTINATION_COUNTRIES)
    central: list[ServiceAgency] = []
    regions: dict[str, tuple[str, list[ServiceAgency]]] = {}
    for agency in agencies:
        if agency.authority == Authority.CENTRAL:
            central.append(agency)
            continue
        for region in agency.regions:
            regions.setdefault(f"r:{region_key(region)}", (region, []))[1].append(agency)
        for code in agency.countries:
            label = str(country_names.get(code, code))
            regions.setdefault(f"c:{code}", (label, []))[1].append(agency)
    groups = [RegionGroup("central", _("Everywhere (central authority)"), tuple(central))]
    groups = [g for g in groups if g.agencies]
    for key, (label, members) in sorted(regions.items(), key=lambda kv: kv[1][0].casefold()):
        groups.append(RegionGroup(key, label, tuple(members)))
    return groups
