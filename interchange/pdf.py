"""Render a case package as an A4 PDF case dossier (Berkas Perkara) with Typst.

The layout is `templates/interchange/dossier.typ`; the package's text reaches it only as JSON in
`sys.inputs`, which the template places as strings, so nothing a user typed is read as Typst
markup. The fonts come from `fonts/` and nothing else (no system fonts), so the same package gives
the same PDF on every machine.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import typst

from interchange.package import CasePackage

__all__ = ["STAGE_LABELS", "STATUS_LABELS", "dossier_pdf"]

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "interchange" / "dossier.typ"
FONTS_DIR = HERE / "fonts"
FONTS_LATIN = ("DejaVu Sans",)
FONTS_CJK = ("WenQuanYi Micro Hei",)
# CJK radicals onwards: Han, kana, Hangul, full-width forms (and emoji, which no font covers).
CJK_START = 0x2E80

STAGE_LABELS = {
    "registration": "Pendaftaran",
    "consultation": "Konsultasi",
    "case_meeting": "Rapat Kasus",
    "accompaniment": "Pendampingan",
    "termination": "Terminasi",
}
STATUS_LABELS = {
    "not_accompanied": "Tidak didampingi",
    "accompanied": "Didampingi",
    "referred": "Dirujuk",
    "transferred": "Pengalihan",
    "open": "Dalam proses",
    "closed": "Ditutup",
}
ROLE_LABELS = {
    "complainant": "Pengadu",
    "victim": "Korban",
    "perpetrator": "Pelaku",
    "witness": "Saksi",
    "reporter": "Pelapor",
    "companion": "Pendamping",
}
GENDER_LABELS = {
    "female": "Perempuan",
    "male": "Laki-laki",
    "other": "Lainnya",
    "unknown": "Tidak diketahui",
}
SCOPE_LABELS = {
    "full": "Lengkap",
    "summary": "Ringkasan",
    "people": "Orang yang terlibat",
    "events": "Peristiwa",
}
MONTHS = (
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
# Indonesian time zones by UTC offset.
ZONE_NAMES = {
    timedelta(0): "UTC",
    timedelta(hours=7): "WIB",
    timedelta(hours=8): "WITA",
    timedelta(hours=9): "WIT",
}


def dossier_pdf(package: CasePackage) -> bytes:
    """Render the package as an A4 case dossier and return the PDF bytes."""
    compiler = typst.Compiler(TEMPLATE, root=TEMPLATE.parent, font_paths=_fonts())
    context = _context(package)
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


def _context(package: CasePackage) -> dict[str, Any]:
    case = package.case
    prov = package.provenance
    full = "full" in package.scope
    return {
        "organisation": prov.organisation_name,
        "generated_at": format_datetime(prov.generated_at),
        "software": prov.software_version,
        "scope": ", ".join(_label(SCOPE_LABELS, code) for code in package.scope),
        "case": {
            "number": case.number,
            "title": case.title,
            "summary": case.summary,
            "stage": _label(STAGE_LABELS, case.stage),
            "status": _label(STATUS_LABELS, case.status),
            "opened_on": format_date(case.opened_on),
            "closed_on": format_date(case.closed_on) if case.closed_on else "",
            "case_types": ", ".join(code.replace("_", " ") for code in case.case_types),
        },
        "people_included": full or "people" in package.scope,
        "people": [
            {
                "ref": person.ref,
                "name": person.display_name,
                "roles": ", ".join(_label(ROLE_LABELS, role) for role in person.roles),
                "gender": _label(GENDER_LABELS, person.gender),
            }
            for person in package.people
        ],
        "events_included": full or "events" in package.scope,
        "events": [
            {
                "ref": event.ref,
                "date": format_date(event.occurred_on) if event.occurred_on else "Tanpa tanggal",
                "description": event.description,
            }
            for event in package.events
        ],
    }


def _label(labels: dict[str, str], code: str) -> str:
    return labels.get(code, code)


def format_date(value: date) -> str:
    """An Indonesian long date, e.g. "1 Maret 2024"."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: datetime) -> str:
    """An Indonesian date and time, e.g. "1 Mei 2024 pukul 15.30 WIB"."""
    text = f"{format_date(value)} pukul {value.hour:02d}.{value.minute:02d}"
    offset = value.utcoffset()
    if offset is None:
        return text
    zone = ZONE_NAMES.get(offset)
    if zone is None:
        sign = "-" if offset < timedelta(0) else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        zone = f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{text} {zone}"
