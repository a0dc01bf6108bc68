"""Tests for the PDF case dossier rendered from a case package."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from interchange.package import CaseEntry, CasePackage, EventEntry, PersonEntry, Provenance
from interchange.pdf import dossier_pdf, format_date, format_datetime


def package(events: int = 2) -> CasePackage:
    return CasePackage(
        provenance=Provenance(
            organisation_slug="lbh-jakarta",
            organisation_name="LBH Jakarta",
            generated_at=datetime(2024, 5, 1, 8, 30, tzinfo=timezone(timedelta(hours=7))),
            software_version="coalition-hub 0.1.0",
        ),
        case=CaseEntry(
            number="LBH/2024/001",
            title="Gaji tidak dibayar selama enam bulan",
            summary="Pengadu bekerja sebagai pekerja rumah tangga di Kuala Lumpur.\n"
            "Majikan menahan paspor dan tidak membayar gaji.",
            stage="case_meeting",
            status="accompanied",
            opened_on=date(2024, 3, 1),
            closed_on=None,
            case_types=("wage_theft",),
        ),
        people=(
            PersonEntry("p1", "Siti <b>Aminah</b>", ("complainant", "victim"), "female"),
            PersonEntry("p2", "Majikan", ("perpetrator",)),
        ),
        events=tuple(
            EventEntry(f"e{n}", date(2024, 3, n % 28 + 1), f"Peristiwa nomor {n}. " * 6)
            for n in range(1, events + 1)
        ),
    )


def pdf_text(data: bytes, tmp_path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def pdf_pages(data: bytes, tmp_path: Path) -> int:
    return len(PdfReader(BytesIO(data)).pages)


def test_output_is_a_pdf() -> None:
    assert dossier_pdf(package()).startswith(b"%PDF")


def test_small_dossier_is_one_page_with_the_case(tmp_path: Path) -> None:
    data = dossier_pdf(package())
    assert pdf_pages(data, tmp_path) == 1
    text = pdf_text(data, tmp_path)
    for expected in (
        "Berkas Perkara",
        "LBH/2024/001",
        "Ringkasan Kasus",
        "Nomor",
        "Tahap",
        "Rapat Kasus",
        "Didampingi",
        "1 Maret 2024",
        "Orang yang terlibat",
        "Pengadu, Korban",
        "Perempuan",
        "Peristiwa",
        "Dibuat oleh LBH Jakarta pada 1 Mei 2024 pukul 08.30 WIB",
        "Halaman 1 dari 1",
    ):
        assert expected in text, expected


def test_text_is_escaped_not_interpreted(tmp_path: Path) -> None:
    text = pdf_text(dossier_pdf(package()), tmp_path)
    assert "Siti <b>Aminah</b>" in text


def test_long_dossier_numbers_its_pages(tmp_path: Path) -> None:
    data = dossier_pdf(package(events=80))
    pages = pdf_pages(data, tmp_path)
    assert pages >= 2
    text = pdf_text(data, tmp_path)
    assert f"Halaman 1 dari {pages}" in text
    assert f"Halaman {pages} dari {pages}" in text
    assert "e80" in text


def test_empty_sections_and_limited_scope(tmp_path: Path) -> None:
    limited = CasePackage(
        provenance=package().provenance,
        case=package().case,
        scope=("summary",),
    )
    text = pdf_text(dossier_pdf(limited), tmp_path)
    assert "Tidak termasuk dalam cakupan berkas ini." in text
    assert "Ringkasan" in text


# Text that would be markup, code, a label, a reference or an escape if read as Typst source.
TYPST_SPECIALS = (
    "#set page(width: 1cm, height: 1cm)",
    "$x^2 + y$",
    "*bold* _italic_ `raw`",
    "<script>alert(1)</script>",
    "@ref <label>",
    r"C:\\Users\\siti \\ \\n end\\",
    '#import "/etc/passwd": * ) ] }',
    "= Heading? / ~ [link](x) // not a comment /* nor this */",
    "Pekerja migran di Taiwan, majikan menahan gaji",
    "雇主 陳先生 台北市",
)


def hostile_package() -> CasePackage:
    base = package()
    return replace(
        base,
        case=replace(
            base.case,
            number="LBH/2024/#1",
            title=TYPST_SPECIALS[0],
            summary="\n".join(TYPST_SPECIALS) + "\nemoji 😀 ✊",
        ),
        people=(PersonEntry("p1", TYPST_SPECIALS[3], ("victim",), "female"),),
        events=tuple(EventEntry(f"e{n}", None, text) for n, text in enumerate(TYPST_SPECIALS)),
    )


def test_user_text_is_printed_literally_never_as_typst(tmp_path: Path) -> None:
    data = dossier_pdf(hostile_package())
    reader = PdfReader(BytesIO(data))
    text = pdf_text(data, tmp_path)
    for special in TYPST_SPECIALS:
        # In the summary and again in its own event row.
        assert text.count(special) >= 2, special
    assert "LBH/2024/#1" in text
    assert "emoji" in text and "Tanpa tanggal" in text
    # "#set page(...)" in a title changed no page: every page is still A4 (595 x 842 pt).
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)


def test_pdf_metadata_language_and_fonts_are_the_packages() -> None:
    reader = PdfReader(BytesIO(dossier_pdf(package())))
    assert reader.metadata.title == "Berkas Perkara LBH/2024/001"
    assert reader.metadata.author == "LBH Jakarta"
    assert reader.trailer["/Root"]["/Lang"] == "id"
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in font for font in fonts), fonts


def test_same_package_gives_the_same_pdf() -> None:
    """Fonts from the repository and the package's own date: no clock, no machine in the bytes."""
    assert dossier_pdf(hostile_package()) == dossier_pdf(hostile_package())


def test_indonesian_date_formats() -> None:
    assert format_date(date(2024, 8, 17)) == "17 Agustus 2024"
    assert (
        format_datetime(datetime(2024, 1, 2, 9, 5, tzinfo=UTC)) == "2 Januari 2024 pukul 09.05 UTC"
    )
    assert format_datetime(datetime(2024, 1, 2, 9, 5)) == "2 Januari 2024 pukul 09.05"
    wita = timezone(timedelta(hours=8))
    assert format_datetime(datetime(2024, 1, 2, 9, 5, tzinfo=wita)).endswith("WITA")
    odd = timezone(-timedelta(hours=3, minutes=30))
    assert format_datetime(datetime(2024, 1, 2, 9, 5, tzinfo=odd)).endswith("UTC-03:30")
