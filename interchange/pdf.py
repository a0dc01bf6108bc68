"""Render a case package as an A4 PDF case dossier with Typst.

The layout is `templates/interchange/dossier.typ`; the package's text reaches it only as JSON in
`sys.inputs`, which the template places as strings, so nothing a user typed is read as Typst
markup. The fonts come from `fonts/` and nothing else (no system fonts), so the same package gives
the same PDF on every machine.

Words come from gettext in the active language, and codes (stage, roles, case types...) are shown
with the labels the caller passes in `DossierLabels` (the hub's vocabularies): this module keeps
no labels of its own. Dates are the package's local dates; timestamps are shown in the package's
time zone (provenance), named (WIB, WITA, WIT).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typst

from interchange.package import (
    SECTION_DOCUMENTS,
    SECTION_EVENTS,
    SECTION_PEOPLE,
    SECTION_PEOPLE_CONTACT,
    SECTION_SERVICES,
    SECTION_SUMMARY,
    CasePackage,
)

__all__ = ["DossierLabels", "dossier_pdf", "format_date", "format_datetime"]

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "interchange" / "dossier.typ"
FONTS_DIR = HERE / "fonts"
FONTS_LATIN = ("DejaVu Sans",)
FONTS_CJK = ("WenQuanYi Micro Hei",)
# CJK radicals onwards: Han, kana, Hangul, full-width forms (and emoji, which no font covers).
CJK_START = 0x2E80

# Indonesian time zones by UTC offset: how offices name their time.
ZONE_NAMES = {
    timedelta(0): "UTC",
    timedelta(hours=7): "WIB",
    timedelta(hours=8): "WITA",
    timedelta(hours=9): "WIT",
}


@dataclass(frozen=True)
class DossierLabels:
    """code → label maps in the reader's language, from the hub's vocabularies and choices.

    A code missing from its map is printed as it is."""

    stages: Mapping[str, str] = field(default_factory=dict)
    statuses: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)
    genders: Mapping[str, str] = field(default_factory=dict)
    case_types: Mapping[str, str] = field(default_factory=dict)
    sections: Mapping[str, str] = field(default_factory=dict)
    services: Mapping[str, str] = field(default_factory=dict)
    rights: Mapping[str, str] = field(default_factory=dict)
    legal_bases: Mapping[str, str] = field(default_factory=dict)
    passport_holders: Mapping[str, str] = field(default_factory=dict)
    occupations: Mapping[str, str] = field(default_factory=dict)
    language: str = "id"


def _(message: str) -> str:
    """gettext when Django is configured; the message itself otherwise (bench, scripts)."""
    from django.conf import settings

    if not settings.configured:
        return message
    from django.utils.translation import gettext

    return gettext(message)


def _words() -> dict[str, str]:
    return {
        "dossier": _("Case dossier"),
        "number": _("Number"),
        "title": _("Title"),
        "stage": _("Stage"),
        "status": _("Status"),
        "opened": _("Opened"),
        "closed": _("Closed"),
        "case_types": _("Case types"),
        "scope": _("Scope of this dossier"),
        "summary": _("Case summary"),
        "no_summary": _("No summary."),
        "people": _("People involved"),
        "no_people": _("No people recorded."),
        "name": _("Name"),
        "roles": _("Roles"),
        "gender": _("Gender"),
        "age": _("Age"),
        "contacts": _("Contact and identity details"),
        "phone": _("Phone"),
        "email": _("E-mail"),
        "domicile": _("Domicile"),
        "identity": _("NIK / passport"),
        "events": _("Events"),
        "no_events": _("No events recorded."),
        "date": _("Date"),
        "description": _("Description"),
        "no_date": _("No date"),
        "acts": _("Acts"),
        "services": _("Services and interventions"),
        "no_services": _("No services recorded."),
        "service": _("Service"),
        "period": _("Period"),
        "documents": _("Documents"),
        "no_documents": _("No documents recorded."),
        "file": _("File"),
        "size": _("Size"),
        "not_in_scope": _("Not included in the scope of this dossier."),
        "page": _("Page %(page)s of %(pages)s"),
        "made_by": _("Made by %(organisation)s on %(when)s"),
        "software": _("with the software %(software)s"),
        "dates_note": _("Dates are local dates in %(zone)s."),
    }


def dossier_pdf(package: CasePackage, labels: DossierLabels | None = None) -> bytes:
    """Render the package as an A4 case dossier and return the PDF bytes."""
    compiler = typst.Compiler(TEMPLATE, root=TEMPLATE.parent, font_paths=_fonts())
    context = _context(package, labels or DossierLabels())
    needs_cjk = any(ord(char) >= CJK_START for char in json.dumps(context, ensure_ascii=False))
    # The CJK fallback only when the text has such characters: it makes a render ~3x slower.
    context["fonts"] = [*FONTS_LATIN, *(FONTS_CJK if needs_cjk else ())]
    data = json.dumps(context, ensure_ascii=False)
    return compiler.compile(
        format="pdf",
        sys_inputs={"data": data},
        # The PDF's creation date is the package's, not the clock's: the same package, the same PDF.
        timestamp=int(package.provenance.generated_at.timestamp()),
    )


@cache
def _fonts() -> typst.Fonts:
    """The shipped fonts only: no system or built-in fonts, so output does not vary by machine."""
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS_DIR)]
    )


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _context(package: CasePackage, labels: DossierLabels) -> dict[str, Any]:
    case = package.case
    prov = package.provenance
    zone = _zone(prov.time_zone)
    generated_at = prov.generated_at
    if zone is not None and generated_at.utcoffset() is not None:
        generated_at = generated_at.astimezone(zone)
    words = _words()
    when = format_datetime(generated_at)
    people = package.people
    contact = package.includes(SECTION_PEOPLE_CONTACT)
    numbers = {person.ref: str(n) for n, person in enumerate(people, 1)}

    def names(refs) -> str:
        return ", ".join(numbers.get(ref, ref) for ref in refs)

    def pick(mapping: Mapping[str, str], code: str) -> str:
        return mapping.get(code, code) if code else ""

    def several(mapping: Mapping[str, str], codes) -> str:
        return ", ".join(pick(mapping, code) for code in codes)

    scope = [code for code in package.scope]
    return {
        "lang": labels.language[:2] or "id",
        "t": words,
        "organisation": prov.organisation_name,
        "generated_at": when,
        "made_by": words["made_by"] % {"organisation": prov.organisation_name, "when": when},
        "software": words["software"] % {"software": prov.software_version},
        "dates_note": words["dates_note"] % {"zone": prov.time_zone} if prov.time_zone else "",
        "scope": ", ".join(pick(labels.sections, code) for code in scope),
        "case": {
            "number": case.number,
            "title": case.title,
            "summary": case.summary,
            "stage": pick(labels.stages, case.stage),
            "status": pick(labels.statuses, case.status),
            "opened_on": format_date(case.opened_on),
            "closed_on": format_date(case.closed_on) if case.closed_on else "",
            "case_types": several(labels.case_types, case.case_types),
        },
        "summary_included": package.includes(SECTION_SUMMARY),
        "people_included": package.includes(SECTION_PEOPLE) or contact,
        "people": [
            {
                "no": numbers[person.ref],
                "name": person.display_name or "\u2013",
                "abroad": "\n".join(
                    ", ".join(
                        x
                        for x in (
                            item.country,
                            item.city,
                            item.employer,
                            item.agency,
                            _period(item.departed_on, item.returned_on),
                        )
                        if x
                    )
                    for item in person.placements
                ),
                "roles": several(labels.roles, person.roles),
                "gender": pick(labels.genders, person.gender),
                "age": "" if person.age is None else str(person.age),
            }
            for person in people
        ],
        "contact_included": contact,
        "contacts": [
            {
                "no": numbers[person.ref],
                "name": person.display_name or "\u2013",
                "phone": "\n".join(
                    x for x in (person.contact.phone, person.contact.safe_contact) if x
                ),
                "email": person.contact.email,
                "domicile": person.contact.domicile,
                "identity": "\n".join(
                    x
                    for x in (
                        person.contact.nik,
                        " ".join(
                            x
                            for x in (
                                person.contact.passport_number,
                                f"({pick(labels.passport_holders, person.contact.passport_holder)})"
                                if person.contact.passport_holder
                                else "",
                            )
                            if x
                        ),
                    )
                    if x
                ),
            }
            for person in people
            if person.contact is not None
        ],
        "events_included": package.includes(SECTION_EVENTS),
        "events": [
            {
                "no": str(n),
                "date": _event_date(event.occurred_on, event.occurred_until, words["no_date"]),
                "description": "\n".join(
                    x for x in (event.title, event.place, event.description) if x
                ),
                "acts": [
                    "; ".join(
                        x
                        for x in (
                            act.description,
                            several(labels.rights, act.rights_violated),
                            several(labels.legal_bases, act.legal_basis),
                            f"{labels.roles.get('victim', 'victim')}: {names(act.victims)}"
                            if act.victims
                            else "",
                            f"{labels.roles.get('perpetrator', 'perpetrator')}: "
                            f"{names(act.perpetrators)}"
                            if act.perpetrators
                            else "",
                        )
                        if x
                    )
                    for act in event.acts
                ],
            }
            for n, event in enumerate(package.events, 1)
        ],
        "services_included": package.includes(SECTION_SERVICES),
        "services": [
            {
                "no": str(n),
                "service": pick(labels.services, item.service),
                "period": format_date(item.started_on)
                + (f" \u2013 {format_date(item.ended_on)}" if item.ended_on else ""),
                "description": "\n".join(
                    x for x in (item.provider, item.partner, item.description, item.outcome) if x
                ),
            }
            for n, item in enumerate(package.services, 1)
        ],
        "documents_included": package.includes(SECTION_DOCUMENTS),
        "documents": [
            {
                "no": str(n),
                "title": document.title,
                "file": document.filename,
                "size": _size(document.size),
            }
            for n, document in enumerate(package.documents, 1)
        ],
    }


def _event_date(start: date | None, until: date | None, none: str) -> str:
    if start is None:
        return none
    return format_date(start) + (f" \u2013 {format_date(until)}" if until else "")


def _period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return ""
    since = format_date(start) if start else "?"
    return f"{since} \u2013 {format_date(end)}" if end else f"{since} \u2013"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


# Without Django (bench, scripts) dates are written the Indonesian way.
_MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_date(value: date) -> str:
    """A long date in the active language, e.g. "1 Maret 2024"."""
    from django.conf import settings

    if settings.configured:
        from django.utils.dateformat import format as date_format

        return date_format(value, "j F Y")
    return f"{value.day} {_MONTHS_ID[value.month - 1]} {value.year}"


def format_datetime(value: datetime) -> str:
    """A date and time with its zone, e.g. "1 Mei 2024 pukul 15.30 WIB"."""
    text = _("%(date)s at %(time)s") % {
        "date": format_date(value),
        "time": f"{value.hour:02d}.{value.minute:02d}",
    }
    offset = value.utcoffset()
    if offset is None:
        return text
    zone = ZONE_NAMES.get(offset)
    if zone is None:
        sign = "-" if offset < timedelta(0) else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        zone = f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{text} {zone}"
