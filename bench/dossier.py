"""Time the PDF case dossier: a case with 175 long events (~600 characters each) and 20 people.

Run alone: `.venv/bin/python bench/dossier.py [runs]`. Renders in this process (no Django,
no database) through `interchange.pdf.dossier_pdf`, the function the dossier URL calls,
and writes `bench/results/dossier.json`.
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime, timedelta, timezone
from importlib.metadata import version
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import summary, write_result
from interchange.package import (
    CaseEntry,
    CasePackage,
    EventEntry,
    PersonEntry,
    Provenance,
)
from interchange.pdf import dossier_pdf

EVENTS = 175
PEOPLE = 20
SENTENCES = (
    "Pengadu menghubungi kantor melalui telepon dan menceritakan bahwa gajinya belum dibayar.",
    "Majikan menahan paspor dan melarang pengadu keluar rumah tanpa izin.",
    "Pendamping mencatat keterangan saksi dan meminta salinan kontrak kerja dari agensi.",
    "Surat pengaduan dikirim ke Atase Ketenagakerjaan KBRI Kuala Lumpur pada hari yang sama.",
    "Keluarga di Indramayu menerima kabar bahwa pengadu dipindahkan ke rumah majikan lain.",
    "Rapat kasus memutuskan untuk meminta mediasi dengan perusahaan penempatan.",
)


def narrative(n: int, run: int = 0) -> str:
    parts = [f"Peristiwa {n}."]
    i = n
    while sum(len(p) + 1 for p in parts) < 600:
        parts.append(SENTENCES[i % len(SENTENCES)])
        i += 1
    return f"[{run}] " + " ".join(parts)


def big_package(run: int = 0) -> CasePackage:
    """A different text on every run: Typst memoises layout, a repeated package would be cached."""
    return CasePackage(
        provenance=Provenance(
            organisation_slug="lbh-jakarta",
            organisation_name="LBH Jakarta",
            generated_at=datetime(2026, 11, 25, 8, 30, tzinfo=timezone(timedelta(hours=7))),
            software_version="coalition-hub 0.1.0",
        ),
        case=CaseEntry(
            number="LBH/2026/175",
            title="Gaji tidak dibayar dan paspor ditahan",
            summary=narrative(0, run),
            stage="accompaniment",
            status="accompanied",
            opened_on=date(2026, 1, 5),
            closed_on=None,
            case_types=("wage_theft", "document_retention"),
        ),
        people=tuple(
            PersonEntry(f"p{n}", f"Orang Nomor {n} binti Fulan", ("witness",), "female")
            for n in range(1, PEOPLE + 1)
        ),
        events=tuple(
            EventEntry(f"e{n}", date(2026, 1 + n % 12, 1 + n % 28), narrative(n, run))
            for n in range(1, EVENTS + 1)
        ),
    )


def main() -> None:
    from pypdf import PdfReader

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    start = time.perf_counter()
    dossier_pdf(big_package(run=0))
    cold_ms = (time.perf_counter() - start) * 1000  # the first render in a process
    samples = []
    for run in range(1, runs + 1):
        package = big_package(run)
        start = time.perf_counter()
        data = dossier_pdf(package)
        samples.append((time.perf_counter() - start) * 1000)
    pages = len(PdfReader(BytesIO(data)).pages)
    result = {
        "events": EVENTS,
        "people": PEOPLE,
        "runs": runs,
        "pages": pages,
        "bytes": len(data),
        "engine": f"typst {version('typst')}",
        "first_render_ms": round(cold_ms, 1),
        "render_ms": summary(samples),
    }
    write_result("dossier", result)


if __name__ == "__main__":
    main()
