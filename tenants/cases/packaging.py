"""Adapter: a case of this schema → interchange's CasePackage (dataclasses only)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from hub.organisations.models import Organisation
from interchange.package import CaseEntry, CasePackage, EventEntry, PersonEntry, Provenance
from tenants.cases.models import Case, CaseSection
from tenants.cases.selectors import case_people


def case_package(
    *, case: Case, organisation: Organisation, hidden_sections: frozenset[str] = frozenset()
) -> CasePackage:
    """The case as a package; sections the reader may not read are left out."""
    return CasePackage(
        provenance=Provenance(
            organisation_slug=organisation.slug,
            organisation_name=organisation.name,
            generated_at=timezone.now().replace(microsecond=0),
            software_version=settings.HUB_VERSION,
        ),
        case=CaseEntry(
            number=case.number,
            title=case.title,
            summary=case.summary,
            stage=case.stage,
            status=case.status,
            opened_on=timezone.localdate(case.opened_at),
            closed_on=timezone.localdate(case.closed_at) if case.closed_at else None,
            case_types=tuple(case.case_types),
        ),
        people=tuple(
            PersonEntry(
                ref=f"person-{person.pk}",
                display_name=person.display_name,
                roles=roles,
                gender=person.gender,
            )
            for person, roles in case_people(case=case)
        ),
        events=tuple(
            EventEntry(
                ref=f"event-{event.pk}",
                occurred_on=event.occurred_on,
                description=event.description,
            )
            for event in case.events.order_by("occurred_on", "id")
            if CaseSection.CHRONOLOGY not in hidden_sections
        ),
    )
