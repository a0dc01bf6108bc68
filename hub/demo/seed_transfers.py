"""Demo transfers (pengalihan): Migrant Aid Hong Kong transferred to SBMI Indramayu the case of a
worker who went home to Indramayu (delivered some working days ago, waiting for SBMI's
answer: the clock shows the working days left), and LBH Jakarta's transfer of a case to SBMI
Indramayu was accepted (SBMI owns it with its documents; LBH Jakarta keeps the closed stub).
Both go through the services; only the older decision's moment is set back afterwards, as
the demo's clocks are."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hub.accounts.roles import Role
from hub.consent.models import ConsentRecord, Purpose
from hub.demo.actors import demo_staff
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from sharing.models import ShareGrant
from sharing.referrals.models import Referral
from sharing.transfers.clock import due_on_for, receiver_calendar
from sharing.transfers.models import Transfer
from sharing.transfers.services import transfer_answer, transfer_decide
from tenants.cases.lifecycle import Stage
from tenants.cases.models import Case

TRANSFERABLE = (Stage.CONSULTATION, Stage.CASE_MEETING, Stage.ACCOMPANIMENT)


def _candidate(sender: Organisation, receiver: Organisation) -> int | None:
    """A case of `sender` in a stage a transfer may leave from, not shared or referred
    already, whose client's consent covers sharing with `receiver`."""
    busy = set(ShareGrant.objects.filter(owner=sender).values_list("case_id", flat=True)) | set(
        Referral.objects.filter(sender=sender).values_list("case_id", flat=True)
    )
    records = ConsentRecord.objects.filter(
        organisation=sender, case_id__isnull=False, withdrawn_at__isnull=True
    ).order_by("case_id")
    with organisation_context(sender):
        open_cases = set(
            Case.objects.filter(stage__in=TRANSFERABLE, restricted=False).values_list(
                "pk", flat=True
            )
        )
    for record in records:
        if (
            record.case_id in open_cases
            and record.case_id not in busy
            and record.covers(Purpose.SHARE, recipient_slug=receiver.slug)
        ):
            return record.case_id
    return None


def seed(*, organisations: list[Organisation]) -> None:
    by_slug = {o.slug: o for o in organisations}
    lbh = by_slug.get("lbh-jakarta")
    sbmi = by_slug.get("sbmi-indramayu")
    hk = by_slug.get("migrant-aid-hk")
    if lbh is None or sbmi is None or hk is None:
        return
    if case_id := _candidate(hk, sbmi):
        with organisation_context(hk):
            waiting = transfer_decide(
                actor=demo_staff(hk, Role.DIVISION_HEAD),
                case_id=case_id,
                receiver=sbmi,
                note=(
                    "Klien sudah pulang ke Indramayu dan tidak akan kembali ke Hong Kong; "
                    "pendampingan klaim gaji dan asuransi dilanjutkan dari daerah asal."
                ),
            )
        decided = timezone.now() - timedelta(days=6)
        Transfer.objects.filter(pk=waiting.pk).update(
            decided_at=decided,
            delivered_at=decided + timedelta(minutes=2),
            due_on=due_on_for(receiver_calendar(waiting), decided),
        )
    if case_id := _candidate(lbh, sbmi):
        with organisation_context(lbh):
            accepted = transfer_decide(
                actor=demo_staff(lbh, Role.DIVISION_HEAD),
                case_id=case_id,
                receiver=sbmi,
                note=(
                    "Klien pindah ke rumah orang tua di Indramayu; SBMI Indramayu dekat dan "
                    "sudah mendampingi keluarganya."
                ),
            )
        with organisation_context(sbmi):
            transfer_answer(
                actor=demo_staff(sbmi, Role.DIVISION_HEAD),
                transfer_id=accepted.pk,
                outcome="accept",
            )
