"""Recording, attaching and withdrawing consent."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from hub.consent.models import ConsentRecord, ConsentSource
from hub.core.audit import AuditActor
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation


@dataclass(frozen=True)
class ConsentChoices:
    contact: bool = False
    share: bool = False
    refer: bool = False
    statistics: bool = False


def consent_record_create(
    *, given_by: str, choices: ConsentChoices, source: str = ConsentSource.PORTAL
) -> ConsentRecord:
    return ConsentRecord.objects.create(
        given_by=given_by,
        source=source,
        contact=choices.contact,
        share=choices.share,
        refer=choices.refer,
        statistics=choices.statistics,
    )


def consent_attach_case(
    *, consent: ConsentRecord, organisation: Organisation, case_id: int
) -> ConsentRecord:
    consent.organisation = organisation
    consent.case_id = case_id
    consent.save(update_fields=["organisation", "case_id"])
    return consent


@transaction.atomic
def consent_withdraw(*, consent: ConsentRecord, by: AuditActor) -> ConsentRecord:
    """Withdraw; shares check `covers()` on every read, so they stop at once, and the
    rollups recount after commit (a `consent.withdrawn` event in the public schema)."""
    consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        with organisation_context(None):
            domain_event_record(
                actor=by,
                name="consent.withdrawn",
                object_type="consent",
                object_id=consent.pk,
                detail={"case_id": consent.case_id},
            )
    return consent
