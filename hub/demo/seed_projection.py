"""Demo import: LBH Jakarta received, as a case package (XML), the case a village paralegal
post recorded in its own system: Sri Wahyuni, a domestic worker in Taipei whose agency holds
her passport and whose wages were cut. The package goes through the same parser and import as
`POST /org/lbh-jakarta/api/v1/imports/`; its document arrives as metadata only ("file not
received"), as every document from an XML does. Imported a second time it updates the same
case (the uid matches), so running the seed twice makes no second case."""

from __future__ import annotations

import uuid
from datetime import date

from django.utils import timezone

from hub.accounts.roles import Role
from hub.demo.actors import demo_staff
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from interchange.package import (
    SECTIONS,
    ActEntry,
    CaseEntry,
    CasePackage,
    ContactDetails,
    DocumentEntry,
    EventEntry,
    PersonEntry,
    PlacementEntry,
    Provenance,
    ServiceEntry,
)
from interchange.xml import package_from_xml, package_to_xml
from tenants.cases.imports import case_import

POSKO = "posko-juntinyuat"
CASE_UID = "7d1c1f0e-5a3b-4c2e-9f4d-2b8e6a1c0d55"


def demo_package() -> CasePackage:
    worker = f"{POSKO}:person:1"
    agency = f"{POSKO}:person:2"
    return CasePackage(
        provenance=Provenance(
            organisation_slug=POSKO,
            organisation_name="Posko Paralegal Desa Juntinyuat",
            generated_at=timezone.now().replace(microsecond=0),
            software_version="posko-pengaduan 2.3",
            time_zone="Asia/Jakarta",
        ),
        case=CaseEntry(
            uid=str(uuid.UUID(CASE_UID)),
            number="PJ/2026/014",
            title="Paspor ditahan agensi dan gaji dipotong di Taipei",
            summary=(
                "Sri Wahyuni bekerja sebagai pekerja rumah tangga di Taipei sejak Maret 2025. "
                "Agensi menahan paspornya dan memotong gaji NT$ 5.000 setiap bulan untuk "
                "'biaya penempatan'. Keluarga di Juntinyuat melapor ke posko paralegal desa; "
                "posko meminta LBH Jakarta mendampingi."
            ),
            stage="consultation",
            status="open",
            opened_on=date(2026, 10, 6),
            closed_on=None,
            case_types=("unpaid_wages", "documents_withheld"),
        ),
        people=(
            PersonEntry(
                worker,
                "Sri Wahyuni",
                ("complainant", "victim"),
                "female",
                age=29,
                occupation="domestic_worker",
                language="Jawa",
                placements=(
                    PlacementEntry(
                        "TW",
                        city="Taipei",
                        employer="Keluarga Lin",
                        agency="PT Sinar Jaya Abadi",
                        procedural=True,
                        departed_on=date(2025, 3, 10),
                    ),
                ),
                contact=ContactDetails(
                    phone="+886 912 000 214",
                    safe_contact="Hanya lewat WhatsApp kakaknya, Darsih, setelah 20.00 WIB",
                    domicile="Desa Juntinyuat, Kabupaten Indramayu",
                    passport_holder="agency",
                ),
            ),
            PersonEntry(
                agency,
                "PT Sinar Jaya Abadi (agensi penempatan)",
                ("perpetrator",),
                is_group=True,
                contact=ContactDetails(),
            ),
        ),
        events=(
            EventEntry(
                f"{POSKO}:event:1",
                date(2025, 3, 12),
                "Paspor diminta agensi saat tiba di Taipei dan tidak pernah dikembalikan.",
                title="Paspor ditahan",
                place="Taipei",
                country="TW",
                acts=(
                    ActEntry(
                        "Penahanan paspor oleh agensi",
                        victims=(worker,),
                        perpetrators=(agency,),
                    ),
                ),
            ),
            EventEntry(
                f"{POSKO}:event:2",
                date(2026, 9, 1),
                "Slip gaji menunjukkan potongan NT$ 5.000 per bulan sejak April 2025.",
                title="Potongan gaji",
                date_precision="month",
                place="Taipei",
                country="TW",
            ),
        ),
        services=(
            ServiceEntry(
                f"{POSKO}:service:1",
                "documents",
                date(2026, 10, 6),
                "Posko mencatat pengaduan keluarga dan mengumpulkan salinan kontrak kerja.",
                provider="Paralegal desa",
            ),
        ),
        documents=(
            DocumentEntry(
                f"{POSKO}:document:1",
                "Salinan kontrak kerja (foto)",
                "image",
                "kontrak-sri.jpg",
                "image/jpeg",
                482113,
                "3f1d7c0a9b2e4d6f8a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e9b0d2f",
            ),
        ),
        scope=SECTIONS,
    )


def seed(*, organisations: list[Organisation]) -> None:
    receiver = next((o for o in organisations if o.slug == "lbh-jakarta"), organisations[0])
    actor = demo_staff(receiver, Role.DIVISION_HEAD)
    # Through the XML, as the import route receives it.
    package = package_from_xml(package_to_xml(demo_package()))
    with organisation_context(receiver):
        case_import(actor=actor, package=package)
