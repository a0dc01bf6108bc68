"""Demo national office: YLBHI (its own schema and staff, takes no complaints) with LBH Jakarta as
its office (seed 000: "Model akses YLBHI ke kasus di LBH Kantor aproval"). YLBHI has asked LBH
Jakarta for access four times: one approved (a live share, visible under "shared with us"), one
declined with the Kabid's reason, and two waiting, one of them for a number LBH Jakarta does
not have, so its division head sees "no case of ours has this number"."""

from __future__ import annotations

from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.consent.models import ConsentRecord
from hub.demo.actors import demo_staff
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation, OrganisationKind
from hub.organisations.provisioning import organisation_provision
from sharing.access.services import access_request_create, access_request_decide
from tenants.cases.models import Case
from tenants.cases.projection import Section

NATIONAL_OFFICE = {
    "slug": "ylbhi",
    "name": "YLBHI, Yayasan Lembaga Bantuan Hukum Indonesia (demo)",
    "kind": OrganisationKind.LEGAL_AID,
    "regions": ["Nasional"],
    "languages": ["id", "en"],
    "contact_email": "sekretariat@ylbhi.demo",
    "contact_phone": "+62 21 392 9840",
    "address": "Jl. Diponegoro No. 74, Menteng, Jakarta Pusat",
    "accepts_complaints": False,
    "monthly_capacity": 0,
    "is_national_office": True,
}
OFFICE = "lbh-jakarta"


def seed(*, organisations: list[Organisation], users: list[dict], fake) -> Organisation | None:
    """Make the national office and its requests; returns it (None without LBH Jakarta)."""
    from hub.demo.seed import ROLE_MAILBOX, _user

    office = next((o for o in organisations if o.slug == OFFICE), None)
    if office is None:
        return None
    national = organisation_provision(**NATIONAL_OFFICE)
    for role in sorted(ORGANISATION_ROLES):
        users.append(
            _user(f"{ROLE_MAILBOX[role]}@{national.slug}.demo", role, national, fake.name())
        )
    Organisation.objects.filter(pk=office.pk).update(national_office=national)
    office.national_office = national

    consenting = ConsentRecord.objects.filter(
        organisation=office,
        share=True,
        share_with=[],
        withdrawn_at__isnull=True,
        case_id__isnull=False,
    ).values_list("case_id", flat=True)
    refusing = ConsentRecord.objects.filter(
        organisation=office, share=False, case_id__isnull=False
    ).values_list("case_id", flat=True)
    with organisation_context(office):
        open_cases = Case.objects.filter(restricted=False).order_by("-pk")
        shareable = list(
            open_cases.filter(pk__in=list(consenting)).values_list("number", flat=True)
        )
        unshareable = list(
            open_cases.filter(pk__in=list(refusing)).values_list("number", flat=True)
        )
    if len(shareable) < 2 or not unshareable:
        return national

    asker = demo_staff(national, Role.DIVISION_HEAD)
    lawyer = demo_staff(national, Role.CASE_LAWYER)
    with organisation_context(national):
        approved = access_request_create(
            actor=asker,
            owner=office,
            case_number=shareable[0],
            reason=(
                "Kasus dipantau untuk laporan tahunan YLBHI tentang pekerja migran; "
                "kami perlu kronologi untuk advokasi kebijakan di tingkat nasional."
            ),
            sections=[Section.SUMMARY, Section.EVENTS],
            duration_days=60,
        )
        declined = access_request_create(
            actor=lawyer,
            owner=office,
            case_number=unshareable[0],
            reason="Untuk bahan rapat koordinasi nasional penanganan kasus PMI.",
            sections=[Section.SUMMARY, Section.PEOPLE],
            duration_days=30,
        )
        access_request_create(
            actor=asker,
            owner=office,
            case_number=shareable[1],
            reason=(
                "Dugaan perdagangan orang dengan pola yang sama di beberapa LBH; "
                "YLBHI menyiapkan laporan ke Komnas HAM."
            ),
            sections=[Section.SUMMARY, Section.EVENTS, Section.SERVICES],
            duration_days=30,
        )
        access_request_create(
            actor=lawyer,
            owner=office,
            case_number=f"{OFFICE.upper()}/2025/0999",
            reason="Kasus yang disebut dalam pemberitaan media; mohon konfirmasi.",
            sections=[Section.SUMMARY],
            duration_days=14,
        )
    head = demo_staff(office, Role.DIVISION_HEAD)
    with organisation_context(office):
        access_request_decide(
            actor=head,
            request_id=approved.pk,
            decision="approved",
            note="Disetujui untuk laporan tahunan; mohon identitas klien tidak dipublikasikan.",
        )
        access_request_decide(
            actor=head,
            request_id=declined.pk,
            decision="declined",
            note="Klien belum memberikan persetujuan untuk berbagi data dengan pihak lain.",
        )
    return national
