"""What others see of a case: one projection, built from named sections, both ways.

Shares, referral copies, transfers, XML packages and dossier PDFs all take their content from
here (export, `case_projection`), and imports build a case from the same package
(`tenants.cases.imports.case_import`). Nothing else decides what leaves.

One rule for time: dates are local calendar dates in the owner's time zone (its service-level
settings), named in the package's provenance; timestamps are UTC.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.organisations.models import Organisation
from hub.organisations.service_levels import service_levels_settings_of
from interchange.package import (
    ActEntry,
    CaseEntry,
    CasePackage,
    ContactDetails,
    DocumentEntry,
    EventEntry,
    PersonEntry,
    PlacementEntry,
    Provenance,
    RelationEntry,
    ServiceEntry,
)
from tenants.cases.models import Case, CaseImportRef, CaseSection
from tenants.cases.selectors import case_people


class Section(models.TextChoices):
    SUMMARY = "summary", _("Summary")
    EVENTS = "events", _("Events and acts")
    PEOPLE = "people", _("People without contact details")
    PEOPLE_CONTACT = "people_contact", _("People with contact details")
    SERVICES = "services", _("Services and interventions")
    DOCUMENTS = "documents", _("Documents")


ALL_SECTIONS = frozenset(Section.values)

# A part of the case restricted to its assigned staff leaves only with those who may read it.
RESTRICTED_BY = {
    Section.EVENTS: CaseSection.CHRONOLOGY,
    Section.SERVICES: CaseSection.CARE,
    Section.DOCUMENTS: CaseSection.DOCUMENTS,
}

# The kinds of record a package refers to (CaseImportRef.kind).
PERSON, EVENT, SERVICE, DOCUMENT = "person", "event", "service", "document"


def organisation_zone(organisation: Organisation) -> ZoneInfo:
    """The time zone the organisation's dates are local to."""
    name = service_levels_settings_of(organisation).timezone or settings.TIME_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def record_ref(*, organisation: Organisation, kind: str, pk: int) -> str:
    """The reference a record of this organisation gets in a package it makes."""
    return f"{organisation.slug}:{kind}:{pk}"


def case_projection(
    *,
    case: Case,
    organisation: Organisation,
    sections: frozenset[str],
    hidden_sections: frozenset[str] = frozenset(),
) -> CasePackage:
    """The case as others may see it: only the named `sections`, less those whose part of the
    case (a CaseSection in `hidden_sections`) the reader may not read. Run in the case's
    schema; `organisation` is its owner."""
    shown = tuple(
        section
        for section in Section.values
        if section in sections and RESTRICTED_BY.get(section) not in hidden_sections
    )
    zone = organisation_zone(organisation)
    refs = _refs(case, organisation)
    people = _people(case, refs, contact=Section.PEOPLE_CONTACT in shown)
    if Section.PEOPLE not in shown and Section.PEOPLE_CONTACT not in shown:
        people = ()
    person_refs = frozenset(person.ref for person in people)
    summary = Section.SUMMARY in shown
    return CasePackage(
        provenance=Provenance(
            organisation_slug=organisation.slug,
            organisation_name=organisation.name,
            generated_at=timezone.now().replace(microsecond=0),  # UTC
            software_version=f"coalition-hub {settings.HUB_VERSION}",
            time_zone=zone.key,
        ),
        case=CaseEntry(
            uid=str(case.uid),
            number=case.number,
            title=case.title if summary else "",
            summary=case.summary if summary else "",
            stage=case.stage,
            status=case.status,
            opened_on=_local_date(case.opened_at, zone),
            closed_on=_local_date(case.closed_at, zone) if case.closed_at else None,
            case_types=tuple(case.case_types) if summary else (),
        ),
        people=people,
        events=_events(case, refs, person_refs) if Section.EVENTS in shown else (),
        services=_services(case, refs) if Section.SERVICES in shown else (),
        documents=_documents(case, refs) if Section.DOCUMENTS in shown else (),
        scope=shown,
    )


def _local_date(moment: datetime, zone: ZoneInfo):
    return timezone.localtime(moment, zone).date()


class _Refs:
    """Package references of the case's records: the one an import gave, else our own."""

    def __init__(self, case: Case, organisation: Organisation) -> None:
        self.organisation = organisation
        self.imported = {
            (kind, object_id): ref
            for kind, object_id, ref in CaseImportRef.objects.filter(case=case).values_list(
                "kind", "object_id", "ref"
            )
        }

    def __call__(self, kind: str, pk: int) -> str:
        return self.imported.get((kind, pk)) or record_ref(
            organisation=self.organisation, kind=kind, pk=pk
        )


def _refs(case: Case, organisation: Organisation) -> _Refs:
    return _Refs(case, organisation)


def _people(case: Case, refs: _Refs, *, contact: bool) -> tuple[PersonEntry, ...]:
    people = case_people(case=case)
    on_case = {person.pk for person, _roles in people}

    def relations(person) -> tuple[RelationEntry, ...]:
        # Only between people of the case: the others do not travel.
        return tuple(
            RelationEntry(kind=item.kind, other=refs(PERSON, item.other_id), note=item.note)
            for item in sorted(person.relations.all(), key=lambda r: r.pk)
            if item.other_id in on_case
        )

    return tuple(
        PersonEntry(
            ref=refs(PERSON, person.pk),
            display_name=person.display_name,
            roles=roles,
            gender=person.gender,
            is_group=person.is_group,
            group_size=person.group_size if person.is_group else None,
            birth_date=person.birth_date,
            age=person.age,
            occupation=person.occupation,
            language=person.language,
            needs_interpreter=person.needs_interpreter,
            placements=tuple(
                PlacementEntry(
                    country=item.destination_country,
                    city=item.destination_city,
                    employer=item.employer_name,
                    agency=item.agency_name,
                    procedural=item.procedural,
                    departed_on=item.departed_on,
                    returned_on=item.returned_on,
                    document_status=item.document_status,
                )
                for item in sorted(person.placements.all(), key=lambda p: p.pk)
            ),
            relations=relations(person),
            contact=ContactDetails(
                phone=person.phone,
                email=person.email,
                safe_contact=person.safe_contact,
                domicile=person.domicile,
                nik=person.nik,
                passport_number=person.passport_number,
                passport_holder=person.passport_holder,
            )
            if contact
            else None,
        )
        for person, roles in people
    )


def _events(case: Case, refs: _Refs, person_refs: frozenset[str]) -> tuple[EventEntry, ...]:
    def people(ids) -> tuple[str, ...]:
        # Victims and perpetrators are named only when the people travel too.
        named = (refs(PERSON, pk) for pk in sorted(ids))
        return tuple(ref for ref in named if ref in person_refs)

    events = case.events.order_by("occurred_on", "id").prefetch_related(
        "acts__victims", "acts__perpetrators"
    )
    return tuple(
        EventEntry(
            ref=refs(EVENT, event.pk),
            title=event.title,
            occurred_on=event.occurred_on,
            occurred_until=event.occurred_until,
            date_precision=event.date_precision,
            place=event.place,
            country=event.country,
            description=event.description,
            acts=tuple(
                ActEntry(
                    description=act.description,
                    rights_violated=tuple(act.rights_violated),
                    legal_basis=tuple(act.legal_basis),
                    victims=people(p.pk for p in act.victims.all()),
                    perpetrators=people(p.pk for p in act.perpetrators.all()),
                )
                for act in event.acts.all()
            ),
        )
        for event in events
    )


def _services(case: Case, refs: _Refs) -> tuple[ServiceEntry, ...]:
    return tuple(
        ServiceEntry(
            ref=refs(SERVICE, item.pk),
            service=item.service,
            started_on=item.started_on,
            ended_on=item.ended_on,
            provider=item.provider,
            partner=item.partner,
            description=item.description,
            outcome=item.outcome,
        )
        for item in case.interventions.order_by("started_on", "id")
    )


def _documents(case: Case, refs: _Refs) -> tuple[DocumentEntry, ...]:
    return tuple(
        DocumentEntry(
            ref=refs(DOCUMENT, document.pk),
            title=document.title,
            kind=document.kind,
            filename=document.original_name,
            content_type=document.mime,
            size=document.size,
            sha256=document.sha256,
            # The file stays in our storage; an import inside the hub copies it from here.
            location=str(document.pk) if document.file else "",
        )
        for document in case.documents.order_by("id")
    )
