"""Demo consent: a worker who filed on the portal with a PIN, whose case LBH Jakarta shares
with SBMI Indramayu (so the worker can withdraw on the portal and SBMI then gets 404); a case
whose consent a mother signed for her daughter, limited to SBMI Indramayu; and a client who
asked LBH Jakarta to stop counting her case in the statistics."""

from __future__ import annotations

from datetime import date

from hub.accounts.access import Actor
from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, ConsentSource, GivenBy, WithdrawnVia
from hub.consent.services import (
    ConsentChoices,
    GivenByWhom,
    consent_record_for_case,
    consent_withdraw_for_case,
)
from hub.intake.pin import complaint_pin_set
from hub.intake.services import ComplaintInput, complaint_submit
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from sharing.services import share_grant
from tenants.cases.models import Case
from tenants.cases.projection import Section
from tenants.cases.registration import case_open_from_complaint
from tenants.events.services import EventData, event_record

# The demo worker's PIN; her receipt code comes by e-mail from /lupa-kode/ (the demo's mail
# log) for the address below.
PORTAL_PIN = "5173"
PORTAL_EMAIL = "siti.aminah@contoh.demo"


def _head(organisation: Organisation) -> Actor:
    user = User.objects.get(email=f"kabid@{organisation.slug}.demo")
    return Actor(
        label=user.email,
        roles=frozenset({Role.DIVISION_HEAD}),
        organisation=organisation,
        user_id=user.pk,
        display_name=user.full_name,
    )


def _portal_case_shared(owner: Organisation, union: Organisation, head: Actor) -> None:
    filed = complaint_submit(
        data=ComplaintInput(
            organisation=owner,
            consent=ConsentChoices(contact=True, share=True, refer=True, statistics=True),
            reporter_type="worker",
            reporter_name="Siti Aminah",
            country_of_work="MY",
            work_city="Johor Bahru",
            home_region="Indramayu",
            employer_name="Syarikat Bersih Jaya Sdn Bhd",
            agency_name="PT Karya Sejahtera Mandiri",
            issue_types=("unpaid_wages",),
            narrative=(
                "Saya bekerja sebagai pekerja kebersihan sejak Maret 2025. Gaji empat bulan "
                "terakhir belum dibayar dan paspor saya disimpan oleh majikan."
            ),
            happened_from=date(2025, 3, 1),
            contact_email=PORTAL_EMAIL,
            contact_channel="email",
        )
    )
    complaint_pin_set(receipt_code=filed.receipt_code, pin=PORTAL_PIN)
    with organisation_context(owner):
        case = case_open_from_complaint(actor=head, receipt_code=filed.receipt_code)
        event_record(
            actor=head,
            case=case,
            data=EventData(
                description="Majikan menahan paspor dan tidak membayar gaji empat bulan.",
                occurred_on=date(2025, 11, 3),
                place="Johor Bahru",
                country="MY",
            ),
        )
        # The union branch in her home region follows the family's side: events only.
        share_grant(
            actor=head, case_id=case.pk, recipient=union, sections=[Section.SUMMARY, Section.EVENTS]
        )


def _unshared_cases(owner: Organisation) -> list[int]:
    shared = set(owner.shares_granted.values_list("case_id", flat=True))
    consented = ConsentRecord.objects.filter(
        organisation=owner, withdrawn_at__isnull=True, case_id__isnull=False, statistics=True
    ).values_list("case_id", flat=True)
    with organisation_context(owner):
        return [
            pk
            for pk in Case.objects.filter(pk__in=list(consented), restricted=False)
            .order_by("-pk")
            .values_list("pk", flat=True)
            if pk not in shared
        ]


def seed(*, organisations: list[Organisation]) -> None:
    by_slug = {o.slug: o for o in organisations}
    owner, union = by_slug.get("lbh-jakarta"), by_slug.get("sbmi-indramayu")
    if owner is None or union is None:
        return
    head = _head(owner)
    _portal_case_shared(owner, union, head)
    cases = _unshared_cases(owner)
    with organisation_context(owner):
        if cases:
            # A mother signs for her daughter (a minor when she left): SBMI Indramayu only.
            consent_record_for_case(
                organisation=owner,
                case_id=cases[0],
                answers={"contact": True, "share": True, "refer": True, "statistics": True},
                source=ConsentSource.SIGNED_FORM,
                by=head.audit,
                who=GivenByWhom(kind=GivenBy.GUARDIAN, name="Ibu Warsini (ibu kandung)"),
                share_with=[union.slug],
            )
        if len(cases) > 1:
            consent_withdraw_for_case(
                organisation=owner,
                case_id=cases[1],
                purposes=["statistics"],
                via=WithdrawnVia.ORGANISATION,
                by=head.audit,
                note=(
                    "Klien menelepon kantor pada hari Senin: tidak ingin kasusnya dihitung "
                    "dalam statistik jaringan."
                ),
            )
