"""Render a referral letter (Surat Rujukan) as an A4 PDF with Typst.

The caller gives a frozen `ReferralLetter` whose every label is already in the reader's
language (interchange knows no gettext and no models); the layout is
`templates/interchange/referral_letter.typ`, and the text reaches it only as JSON in
`sys.inputs`, placed as strings, so nothing a user typed is read as Typst markup.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import typst

__all__ = ["LetterParty", "ReferralLetter", "referral_letter_pdf"]

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "templates" / "interchange" / "referral_letter.typ"
FONTS_DIR = HERE / "fonts"
FONTS_LATIN = ("DejaVu Sans",)
FONTS_CJK = ("WenQuanYi Micro Hei",)
CJK_START = 0x2E80


@dataclass(frozen=True)
class LetterParty:
    """The sender (letterhead) or the addressee of the letter."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""


@dataclass(frozen=True)
class ReferralLetter:
    """Everything printed, in the reader's language: `labels` maps the template's label keys
    (title, to, service, reason, attached, contact, ...) to their text."""

    sender: LetterParty
    addressee: LetterParty
    reference: str
    place_and_date: str
    case_number: str
    client: str
    service: str
    reason: str
    sections: tuple[str, ...]
    contact_name: str
    status: str
    labels: dict[str, str]
    language: str
    created_at: datetime


def referral_letter_pdf(letter: ReferralLetter) -> bytes:
    compiler = typst.Compiler(TEMPLATE, root=TEMPLATE.parent, font_paths=_fonts())
    context = asdict(letter)
    context.pop("created_at")
    needs_cjk = any(ord(char) >= CJK_START for char in json.dumps(context, ensure_ascii=False))
    context["fonts"] = [*FONTS_LATIN, *(FONTS_CJK if needs_cjk else ())]
    return compiler.compile(
        format="pdf",
        sys_inputs={"data": json.dumps(context, ensure_ascii=False)},
        # The letter's date, not the clock's: the same referral gives the same PDF.
        timestamp=int(letter.created_at.timestamp()),
    )


@cache
def _fonts() -> typst.Fonts:
    """The shipped fonts only, as for the dossier: output does not vary by machine."""
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS_DIR)]
    )
