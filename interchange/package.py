"""Frozen dataclasses describing a case package exchanged between organisations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

PACKAGE_NAMESPACE = "urn:coalition-hub:case-package:1"
FORMAT_VERSION = "1"


@dataclass(frozen=True)
class Provenance:
    """Who produced the package, when, and with which software."""

    organisation_slug: str
    organisation_name: str
    generated_at: datetime
    software_version: str


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


@dataclass(frozen=True)
class PersonEntry:
    """A person involved in the case, with role codes such as "victim"."""

    ref: str
    display_name: str
    roles: tuple[str, ...]
    gender: str = ""


@dataclass(frozen=True)
class EventEntry:
    """Something that happened in the case, optionally dated."""

    ref: str
    occurred_on: date | None
    description: str


@dataclass(frozen=True)
class CasePackage:
    """A complete package: provenance, case, people and events, plus the scope it was made under."""

    provenance: Provenance
    case: CaseEntry
    people: tuple[PersonEntry, ...] = ()
    events: tuple[EventEntry, ...] = ()
    scope: tuple[str, ...] = ("full",)
