"""Recording, attaching and withdrawing consent."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.consent.models import ConsentRecord, ConsentSource, Purpose
from hub.consent.selectors import consent_for_case
from hub.core.audit import AuditActor
from hub.core.errors import DomainError
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_check, organisation_context
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


@transaction.atomic
def consent_record_for_case(
    *,
    organisation: Organisation,
    case_id: int,
    answers: dict[str, bool],
    source: str,
    by: AuditActor,
    given_by: str = "worker",
    document_id: int | None = None,
    link_id: int | None = None,
) -> ConsentRecord:
    """Consent given for a case after intake (a consent link, or a signed form at the office).

    The new record becomes the case's consent. The purposes answered take the answer; the
    others keep what the case's consent said (a link asking only about sharing leaves contact
    as it was). When the client now refuses something an earlier record allowed, the earlier
    records are withdrawn, so that shares made under them stop at once and the rollups
    recount. Runs in the organisation's schema: the event goes into the case's trail."""
    organisation_check(organisation)
    unknown = sorted(set(answers) - set(Purpose.values))
    if unknown or not answers:
        message = _("Say which purposes the client agreed or refused.")
        raise DomainError(message, fields={"answers": [message]})
    if source not in ConsentSource.values:
        raise DomainError(_("Unknown source of consent."))
    current = consent_for_case(organisation=organisation, case_id=case_id)
    live = current is not None and current.withdrawn_at is None
    values = {purpose: bool(live and getattr(current, purpose)) for purpose in Purpose.values}
    values |= {purpose: bool(agreed) for purpose, agreed in answers.items()}
    record = ConsentRecord.objects.create(
        given_by=given_by,
        source=source,
        organisation=organisation,
        case_id=case_id,
        document_id=document_id,
        link_id=link_id,
        **values,
    )
    narrowed = [purpose for purpose, agreed in answers.items() if not agreed]
    earlier = ConsentRecord.objects.filter(
        organisation=organisation, case_id=case_id, withdrawn_at__isnull=True
    ).exclude(pk=record.pk)
    for old in earlier:
        if any(getattr(old, purpose) for purpose in narrowed):
            consent_withdraw(consent=old, by=by)
    domain_event_record(
        actor=by,
        name="case.consent_recorded",
        object_type="case",
        object_id=case_id,
        detail={
            "consent": record.pk,
            "source": source,
            "answers": {purpose: bool(agreed) for purpose, agreed in answers.items()},
            "document": document_id,
            "link": link_id,
        },
    )
    return record
