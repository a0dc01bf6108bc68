"""Demo consent: a worker who filed on the portal and set a PIN, whose case LBH Jakarta shares
with SBMI Indramayu (so the worker can withdraw on the portal and SBMI then gets 404); a case
whose consent a mother signed for her daughter, limited to SBMI Indramayu; and a client who
asked LBH Jakarta to stop counting her case in the statistics."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hub.accounts.access import Actor
from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, ConsentSource, GivenBy, WithdrawnVia
from hub.consent.services import (
    GivenByWhom,
    consent_record_for_case,
    consent_withdraw_for_case,
)
from hub.demo.actors import demo_staff
from hub.intake.models import Complaint, ComplaintStatus
from hub.intake.pin import complaint_pin_set
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from sharing.services import share_grant
from tenants.cases.models import Case
from tenants.cases.projection import Section
from tenants.events.services import EventData, event_record

# The demo worker's PIN; her receipt code comes by e-mail from /lupa-kode/ (the demo's mail
# log) for the address below.
PORTAL_PIN = "5173"
PORTAL_EMAIL = "siti.aminah@contoh.demo"


def _portal_case_shared(owner: Organisation, union: Organisation, head: Actor) -> None:
    """One of the owner's cases that came from the portal: its worker sets a PIN, and the case
    is shared with the union branch. The demo's worker gets her receipt code again through the
    lost-code page, at the address set here (the seed's complaints give phones only)."""
    shared = set(owner.shares_granted.values_list("case_id", flat=True))
    candidates = Complaint.objects.filter(
        handling_organisation=owner,
        status=ComplaintStatus.ACCEPTED,
        consent__share=True,
        consent__withdrawn_at__isnull=True,
        consent__share_with=[],
        members__isnull=True,
    ).order_by("pk")
    with organisation_context(owner):
        open_cases = set(
            Case.objects.filter(restricted=False, closed_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
    filed = next(
        (c for c in candidates if c.accepted_case_id in open_cases - shared),
        None,
    )
    if filed is None:
        return
    Complaint.objects.filter(pk=filed.pk).update(contact_email=PORTAL_EMAIL)
    complaint_pin_set(receipt_code=filed.receipt_code, pin=PORTAL_PIN)
    with organisation_context(owner):
        event_record(
            actor=head,
            case=filed.accepted_case_id,
            data=EventData(
                description=(
                    "Pekerja datang ke kantor bersama kakaknya dan menyerahkan salinan kontrak "
                    "kerja serta bukti transfer gaji terakhir."
                ),
                occurred_on=timezone.localdate() - timedelta(days=23),
            ),
        )
        # The union branch in her home region follows the family's side: summary and events.
        share_grant(
            actor=head,
            case_id=filed.accepted_case_id,
            recipient=union,
            sections=[Section.SUMMARY, Section.EVENTS],
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
    head = demo_staff(owner, Role.DIVISION_HEAD)
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
