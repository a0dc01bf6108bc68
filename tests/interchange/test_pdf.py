"""Tests for the PDF case dossier rendered from a case package."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from interchange.package import CaseEntry, CasePackage, EventEntry, PersonEntry, Provenance
from interchange.pdf import DossierLabels, format_date, format_datetime
from interchange.pdf import dossier_pdf as _dossier_pdf

# What the hub passes (tenants.cases.dossier takes them from its vocabularies); here, fixed.
LABELS = DossierLabels(
    stages={"case_meeting": "Rapat Kasus"},
    statuses={"accompanied": "Didampingi"},
    roles={"complainant": "Pelapor", "victim": "Korban", "perpetrator": "Pelaku"},
    genders={"female": "Perempuan"},
    case_types={"wage_theft": "Pencurian upah"},
    sections={"summary": "Ringkasan"},
)


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def t(message: str) -> str:
    """The dossier's words as an Indonesian reader gets them."""
    with translation.override("id"):
        return gettext(message)


def dossier_pdf(package: CasePackage) -> bytes:
    return _dossier_pdf(package, LABELS)


def package(events: int = 2) -> CasePackage:
    return CasePackage(
        provenance=Provenance(
            organisation_slug="lbh-jakarta",
            organisation_name="LBH Jakarta",
            generated_at=datetime(2024, 5, 1, 8, 30, tzinfo=timezone(timedelta(hours=7))),
            software_version="coalition-hub 0.1.0",
            time_zone="Asia/Jakarta",
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
    made = t("Made by %(organisation)s on %(when)s") % {
        "organisation": "LBH Jakarta",
        "when": t("%(date)s at %(time)s") % {"date": "1 Mei 2024", "time": "08.30"} + " WIB",
    }
    for expected in (
        t("Case dossier"),
        "LBH/2024/001",
        t("Case summary"),
        t("Number"),
        t("Stage"),
        "Rapat Kasus",
        "Didampingi",
        "Pencurian upah",
        "1 Maret 2024",
        t("People involved"),
        "Pelapor, Korban",
        "Perempuan",
        t("Events"),
        made,
        t("Page %(page)s of %(pages)s") % {"page": 1, "pages": 1},
        t("Dates are local dates in %(zone)s.") % {"zone": "Asia/Jakarta"},
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
    page = t("Page %(page)s of %(pages)s")
    assert page % {"page": 1, "pages": pages} in text
    assert page % {"page": pages, "pages": pages} in text
    assert "Peristiwa nomor 80." in text


def test_empty_sections_and_limited_scope(tmp_path: Path) -> None:
    limited = CasePackage(
        provenance=package().provenance,
        case=package().case,
        scope=("summary",),
    )
    text = pdf_text(dossier_pdf(limited), tmp_path)
    assert t("Not included in the scope of this dossier.") in text
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
    assert "emoji" in text and t("No date") in text
    # "#set page(...)" in a title changed no page: every page is still A4 (595 x 842 pt).
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)


def test_pdf_metadata_language_and_fonts_are_the_packages() -> None:
    reader = PdfReader(BytesIO(dossier_pdf(package())))
    assert reader.metadata.title == t("Case dossier") + " LBH/2024/001"
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
    at = t("%(date)s at %(time)s") % {"date": "2 Januari 2024", "time": "09.05"}
    assert format_datetime(datetime(2024, 1, 2, 9, 5, tzinfo=UTC)) == f"{at} UTC"
    assert format_datetime(datetime(2024, 1, 2, 9, 5)) == at
    wita = timezone(timedelta(hours=8))
    assert format_datetime(datetime(2024, 1, 2, 9, 5, tzinfo=wita)).endswith("WITA")
    odd = timezone(-timedelta(hours=3, minutes=30))
    assert format_datetime(datetime(2024, 1, 2, 9, 5, tzinfo=odd)).endswith("UTC-03:30")


def test_timestamps_are_shown_in_the_packages_time_zone(tmp_path: Path) -> None:
    """generatedAt is UTC in the package; the reader sees the owner's local time, named."""
    base = package()
    utc = replace(
        base,
        provenance=replace(
            base.provenance,
            generated_at=datetime(2024, 5, 1, 1, 30, tzinfo=UTC),
            time_zone="Asia/Makassar",
        ),
    )
    text = pdf_text(dossier_pdf(utc), tmp_path)
    assert t("%(date)s at %(time)s") % {"date": "1 Mei 2024", "time": "09.30"} + " WITA" in text


def test_english_reader_gets_english_words(tmp_path: Path) -> None:
    with translation.override("en"):
        text = pdf_text(dossier_pdf(package()), tmp_path)
    assert "Case dossier" in text and "1 March 2024" in text
