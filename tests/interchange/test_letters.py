"""The referral letter renders from plain data: a PDF, the same bytes for the same letter, and
user text placed as text (never as Typst markup)."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

from pypdf import PdfReader

from interchange.letters import LetterParty, ReferralLetter, referral_letter_pdf

LABELS = {
    key: key.upper()
    for key in [
        "title",
        "reference",
        "subject",
        "case_number",
        "to",
        "greeting",
        "opening",
        "client",
        "service",
        "reason",
        "attached",
        "status",
        "closing",
        "regards",
        "page",
        "confidential",
    ]
}


def _letter(**changes) -> ReferralLetter:
    values = {
        "sender": LetterParty(name="LBH Uji", address="Jl. Uji 1", phone="021", email="a@b.c"),
        "addressee": LetterParty(name="UPTD PPA Indramayu", address="Jl. Contoh 2"),
        "reference": "LBH/2026/0001/R-1",
        "place_and_date": "Jakarta, 25 November 2026",
        "case_number": "LBH/2026/0001",
        "client": "Dewi Lestari",
        "service": "Layanan psikososial/konseling",
        "reason": "Baris satu\nBaris dua #set page(width: 1pt) $x$ [link]",
        "sections": ("Ringkasan", "Peristiwa"),
        "contact_name": "Kabid Uji",
        "status": "Terkirim",
        "labels": LABELS,
        "language": "id",
        "created_at": datetime(2026, 11, 25, 3, 0, tzinfo=UTC),
    }
    return ReferralLetter(**{**values, **changes})


def test_the_letter_is_a_pdf_and_the_same_letter_gives_the_same_bytes():
    pdf = referral_letter_pdf(_letter())
    assert pdf.startswith(b"%PDF")
    assert referral_letter_pdf(_letter()) == pdf


def test_user_text_is_printed_as_text_with_the_given_labels():
    pdf = referral_letter_pdf(_letter(client="王小明 Dewi"))
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "#set page(width: 1pt) $x$ [link]" in text
    assert "UPTD PPA Indramayu" in text and "REASON" in text and "王小明" in text
