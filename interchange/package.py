"""Frozen dataclasses describing a case package exchanged between organisations.

A package is written in format 2 (`urn:coalition-hub:case-package:2`); format 1 packages are
still read and come out as the same dataclasses with the newer fields left at their defaults.
Each part of a package belongs to a named section (see `scope`): a part outside the scope is
left out, and reading a package tells an empty section from one that was not sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

PACKAGE_NAMESPACE = "urn:coalition-hub:case-package:2"
FORMAT_VERSION = "2"
PACKAGE_NAMESPACE_1 = "urn:coalition-hub:case-package:1"
FORMAT_VERSION_1 = "1"

# The named sections of a package (the scope). Format 1 also knew "full".
SECTION_SUMMARY = "summary"
SECTION_EVENTS = "events"
SECTION_PEOPLE = "people"
SECTION_PEOPLE_CONTACT = "people_contact"
SECTION_SERVICES = "services"
SECTION_DOCUMENTS = "documents"
SECTIONS = (
    SECTION_SUMMARY,
    SECTION_EVENTS,
    SECTION_PEOPLE,
    SECTION_PEOPLE_CONTACT,
    SECTION_SERVICES,
    SECTION_DOCUMENTS,
)


@dataclass(frozen=True)
class Provenance:
    """Who produced the package, when (a UTC timestamp), with which software, and the time
    zone its dates are local to (the producing organisation's)."""

    organisation_slug: str
    organisation_name: str
    generated_at: datetime
    software_version: str
    time_zone: str = ""


@dataclass(frozen=True)
class CaseEntry:
    """The case itself: identity, progress and classification."""

    number: str
    title: str
    summary: str
    stage: str
    status: str
    opened_on: date
    closed_on: date | None
    case_types: tuple[str, ...]
    uid: str = ""  # stable across organisations and renumbering; "" in format 1


@dataclass(frozen=True)
class ContactDetails:
    """How to reach and identify a person: only in the people_contact section."""

    phone: str = ""
    email: str = ""
    safe_contact: str = ""
    domicile: str = ""
    nik: str = ""
    passport_number: str = ""
    passport_holder: str = ""


@dataclass(frozen=True)
class PlacementEntry:
    """A person's work abroad: where, for whom, through which agency, how they left."""

    country: str  # ISO 3166 alpha-2
    city: str = ""
    employer: str = ""
    agency: str = ""
    procedural: bool | None = None  # left through the official procedure?
    departed_on: date | None = None
    returned_on: date | None = None
    document_status: str = ""  # a code of the legal_status vocabulary


@dataclass(frozen=True)
class RelationEntry:
    """The person is `kind` (a relation_type code, e.g. guardian) of another person, by ref."""

    kind: str
    other: str
    note: str = ""


@dataclass(frozen=True)
class PersonEntry:
    """A person involved in the case, with role codes such as "victim"."""

    ref: str
    display_name: str
    roles: tuple[str, ...]
    gender: str = ""
    is_group: bool = False
    group_size: int | None = None
    birth_date: date | None = None
    age: int | None = None
    occupation: str = ""
    language: str = ""
    needs_interpreter: bool = False
    placements: tuple[PlacementEntry, ...] = ()
    relations: tuple[RelationEntry, ...] = ()
    contact: ContactDetails | None = None


@dataclass(frozen=True)
class ActEntry:
    """An act of violation within an event; victims and perpetrators are person refs."""

    description: str = ""
    rights_violated: tuple[str, ...] = ()
    legal_basis: tuple[str, ...] = ()
    victims: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventEntry:
    """Something that happened in the case, optionally dated, with its acts."""

    ref: str
    occurred_on: date | None
    description: str
    title: str = ""
    occurred_until: date | None = None
    date_precision: str = "day"
    place: str = ""
    country: str = ""
    acts: tuple[ActEntry, ...] = ()


@dataclass(frozen=True)
class ServiceEntry:
    """A service or intervention given or arranged for the client."""

    ref: str
    service: str  # a code of the service_type vocabulary
    started_on: date
    description: str
    ended_on: date | None = None
    provider: str = ""
    partner: str = ""
    outcome: str = ""


@dataclass(frozen=True)
class DocumentEntry:
    """A document's metadata; the file itself never travels in the XML.

    `location` names the file in the producing organisation's storage (its document id), so an
    import inside the hub can copy it; "" when the producer has no file either.
    """

    ref: str
    title: str
    kind: str
    filename: str
    content_type: str
    size: int
    sha256: str
    location: str = ""


@dataclass(frozen=True)
class CasePackage:
    """A complete package: provenance, case and the sections it was made under (scope)."""

    provenance: Provenance
    case: CaseEntry
    people: tuple[PersonEntry, ...] = ()
    events: tuple[EventEntry, ...] = ()
    services: tuple[ServiceEntry, ...] = ()
    documents: tuple[DocumentEntry, ...] = ()
    scope: tuple[str, ...] = ("full",)

    def includes(self, section: str) -> bool:
        """Whether the section was sent (format 1's "full" sent everything it had)."""
        return section in self.scope or "full" in self.scope
