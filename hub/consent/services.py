"""Recording, attaching and withdrawing consent.

A case's consent is its newest record. A record stops being live (`withdrawn_at`) when the
client withdraws it (on the portal or through the organisation) or when a newer record
refuses something it allowed; then `superseded_by` names the record that keeps the rest, and
a `consent.withdrawn` event (public schema) lets shares carry over or end and the rollups
recount. Consent never imports sharing: shares react to the event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.consent.models import ConsentRecord, ConsentSource, GivenBy, Purpose, WithdrawnVia
from hub.consent.selectors import consent_for_case
from hub.core.audit import AuditActor
from hub.core.errors import Conflict, DomainError
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_check, organisation_context
from hub.organisations.models import Organisation

MOST_NOTE_CHARS = 2000


@dataclass(frozen=True)
class ConsentChoices:
    contact: bool = False
    share: bool = False
    refer: bool = False
    statistics: bool = False


@dataclass(frozen=True)
class GivenByWhom:
    """Who answered: the client, or a guardian or representative, named."""

    kind: str = GivenBy.CLIENT
    name: str = ""


def _refuse(field: str, message: str, *, code: str | None = None):
    raise DomainError(message, code=code, fields={field: [message]})


def _who(who: GivenByWhom | None) -> GivenByWhom:
    who = who or GivenByWhom()
    if who.kind not in GivenBy.values:
        _refuse("given_by_kind", _("Say who gave the consent."))
    name = (who.name or "").strip()
    if len(name) > 200:
        _refuse("given_by_name", _("The name is at most 200 characters."))
    if who.kind != GivenBy.CLIENT and not name:
        _refuse("given_by_name", _("Give the name of the guardian or representative."))
    return GivenByWhom(kind=who.kind, name=name if who.kind != GivenBy.CLIENT else "")


def share_with_clean(share_with: Sequence[str]) -> list[str]:
    """Named members to share with: known organisations' slugs, sorted, no repeats."""
    if isinstance(share_with, str) or not all(isinstance(s, str) for s in share_with):
        _refuse("share_with", _("Choose member organisations from the list."))
    slugs = sorted({slug.strip() for slug in share_with if slug.strip()})
    members = Organisation.objects.members().filter(slug__in=slugs)
    known = set(members.values_list("slug", flat=True))
    if set(slugs) - known:
        _refuse("share_with", _("Choose member organisations from the list."))
    return slugs


def consent_record_create(
    *,
    given_by: str,
    choices: ConsentChoices,
    source: str = ConsentSource.PORTAL,
    who: GivenByWhom | None = None,
) -> ConsentRecord:
    who = _who(who)
    return ConsentRecord.objects.create(
        given_by=given_by,
        given_by_kind=who.kind,
        given_by_name=who.name,
        source=source,
        contact=choices.contact,
        share=choices.share,
        refer=choices.refer,
        statistics=choices.statistics,
    )


def consent_attach_case(
    *, consent: ConsentRecord, organisation: Organisation, case_id: int
) -> ConsentRecord:
    """The case's consent is now this record; the records it replaced before the case
    existed (a withdrawal on the portal while the complaint waited) join the case's history."""
    ids, frontier = [consent.pk], [consent.pk]
    while frontier:
        frontier = list(
            ConsentRecord.objects.filter(superseded_by__in=frontier).values_list("pk", flat=True)
        )
        ids += frontier
    ConsentRecord.objects.filter(pk__in=ids).exclude(pk=consent.pk).update(
        organisation=organisation, case_id=case_id
    )
    consent.organisation = organisation
    consent.case_id = case_id
    consent.save(update_fields=["organisation", "case_id"])
    return consent


def _narrower(old: ConsentRecord, new: ConsentRecord | None) -> bool:
    """Does `new` allow less than `old` (a purpose refused, sharing limited to fewer members)?"""
    if new is None:
        return True
    if any(getattr(old, purpose) and not getattr(new, purpose) for purpose in Purpose.values):
        return True
    if old.share and new.share and new.share_with:
        return not old.share_with or bool(set(old.share_with) - set(new.share_with))
    return False


@transaction.atomic
def consent_withdraw(
    *,
    consent: ConsentRecord,
    by: AuditActor,
    via: str = WithdrawnVia.ORGANISATION,
    superseded_by: ConsentRecord | None = None,
) -> ConsentRecord:
    """End one record. Shares check the consent on every read, so they stop at once; after
    commit a `consent.withdrawn` event (public schema) lets sharing revoke them (or carry them
    over to `superseded_by` when it still covers them) and the rollups recount."""
    if via not in WithdrawnVia.values:
        raise DomainError(_("Unknown way of withdrawing consent."))
    consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_via = via
        consent.withdrawn_by = by.label[:200]
        consent.superseded_by = superseded_by
        consent.save(
            update_fields=["withdrawn_at", "withdrawn_via", "withdrawn_by", "superseded_by"]
        )
        kept = set(superseded_by.purposes) if superseded_by is not None else set()
        with organisation_context(None):
            domain_event_record(
                actor=by,
                name="consent.withdrawn",
                object_type="consent",
                object_id=consent.pk,
                detail={
                    "case_id": consent.case_id,
                    "organisation": consent.organisation.slug if consent.organisation else "",
                    "via": via,
                    "purposes": [p for p in consent.purposes if p not in kept],
                    "superseded_by": superseded_by.pk if superseded_by is not None else None,
                },
            )
    return consent


def _withdraw_narrower(
    records, *, successor: ConsentRecord | None, by: AuditActor, via: str
) -> list[ConsentRecord]:
    """End every live record that allows more than `successor` (all of them when None)."""
    ended = []
    for old in records.filter(withdrawn_at__isnull=True).select_for_update().order_by("pk"):
        if successor is not None and old.pk == successor.pk:
            continue
        if _narrower(old, successor):
            ended.append(consent_withdraw(consent=old, by=by, via=via, superseded_by=successor))
    return ended


@transaction.atomic
def consent_record_for_case(
    *,
    organisation: Organisation,
    case_id: int,
    answers: dict[str, bool],
    source: str,
    by: AuditActor,
    given_by: str = "worker",
    who: GivenByWhom | None = None,
    share_with: Sequence[str] | None = None,
    document_id: int | None = None,
    link_id: int | None = None,
) -> ConsentRecord:
    """Consent given for a case after intake (a consent link, or a signed form at the office).

    The new record becomes the case's consent. The purposes answered take the answer; the
    others keep what the case's consent said (a link asking only about sharing leaves contact
    as it was). `share_with` limits sharing to named members (empty: any member; None: as
    before unless sharing was answered). When the client now refuses something an earlier
    record allowed, the earlier records are withdrawn (superseded by this one), so that shares
    made under them stop at once unless this one still covers them, and the rollups recount.
    Runs in the organisation's schema: the event goes into the case's trail."""
    organisation_check(organisation)
    unknown = sorted(set(answers) - set(Purpose.values))
    if unknown or not answers:
        _refuse("answers", _("Say which purposes the client agreed or refused."))
    if source not in ConsentSource.values:
        raise DomainError(_("Unknown source of consent."))
    who = _who(who)
    members = share_with_clean(share_with) if share_with is not None else None
    current = consent_for_case(organisation=organisation, case_id=case_id)
    live = current is not None and current.withdrawn_at is None
    values = {purpose: bool(live and getattr(current, purpose)) for purpose in Purpose.values}
    values |= {purpose: bool(agreed) for purpose, agreed in answers.items()}
    if members is None:
        members = list(current.share_with) if live and Purpose.SHARE not in answers else []
    record = ConsentRecord.objects.create(
        given_by=given_by,
        given_by_kind=who.kind,
        given_by_name=who.name,
        source=source,
        organisation=organisation,
        case_id=case_id,
        document_id=document_id,
        link_id=link_id,
        share_with=members if values[Purpose.SHARE] else [],
        **values,
    )
    _withdraw_narrower(
        ConsentRecord.objects.filter(organisation=organisation, case_id=case_id),
        successor=record,
        by=by,
        via=WithdrawnVia.SUPERSEDED,
    )
    domain_event_record(
        actor=by,
        name="case.consent_recorded",
        object_type="case",
        object_id=case_id,
        detail={
            "consent": record.pk,
            "source": source,
            "answers": {purpose: bool(agreed) for purpose, agreed in answers.items()},
            "given_by_kind": who.kind,
            "share_with": record.share_with,
            "document": document_id,
            "link": link_id,
        },
    )
    return record


@dataclass(frozen=True)
class Withdrawal:
    """What a withdrawal did: the record that was the consent, the one that keeps the rest
    (None when everything was withdrawn), and the purposes withdrawn."""

    previous: ConsentRecord
    current: ConsentRecord | None
    purposes: tuple[str, ...]


def _check_purposes(current: ConsentRecord | None, purposes: Sequence[str]) -> list[str]:
    if current is None or current.withdrawn_at is not None or not current.purposes:
        raise Conflict(
            _("The client allows nothing at the moment: there is nothing to withdraw."),
            code="nothing_to_withdraw",
        )
    if isinstance(purposes, str) or not all(isinstance(p, str) for p in purposes):
        purposes = ()
    chosen = [p for p in current.purposes if p in purposes]
    if not chosen or set(purposes) - set(current.purposes):
        _refuse("purposes", _("Choose what the client withdraws, among what they allow now."))
    return chosen


def consent_withdraw_purposes(
    *,
    current: ConsentRecord,
    records,
    purposes: Sequence[str],
    via: str,
    by: AuditActor,
) -> Withdrawal:
    """Withdraw some or all purposes of `current` (locked by the caller, inside its
    transaction): what remains becomes a new record (source "withdrawal", the same person
    and members), and every live record in `records` that allows more is withdrawn."""
    chosen = _check_purposes(current, purposes)
    remaining = [p for p in current.purposes if p not in chosen]
    successor = None
    if remaining:
        successor = ConsentRecord.objects.create(
            given_by=current.given_by,
            given_by_kind=current.given_by_kind,
            given_by_name=current.given_by_name,
            source=ConsentSource.WITHDRAWAL,
            organisation=current.organisation,
            case_id=current.case_id,
            share_with=current.share_with if Purpose.SHARE in remaining else [],
            **{purpose: purpose in remaining for purpose in Purpose.values},
        )
    _withdraw_narrower(records, successor=successor, by=by, via=via)
    return Withdrawal(previous=current, current=successor, purposes=tuple(chosen))


@transaction.atomic
def consent_withdraw_for_case(
    *,
    organisation: Organisation,
    case_id: int,
    purposes: Sequence[str],
    via: str,
    by: AuditActor,
    note: str = "",
) -> Withdrawal:
    """The client withdraws some or all of what they allowed for a case (told to the
    organisation, or on the portal). Runs in the organisation's schema: the withdrawal and
    its note go into the case's trail; the records' events reach shares and rollups."""
    organisation_check(organisation)
    note = (note or "").strip()
    if len(note) > MOST_NOTE_CHARS:
        _refuse("note", _("The note is at most 2000 characters."))
    records = ConsentRecord.objects.filter(organisation=organisation, case_id=case_id)
    current = records.select_for_update().order_by("-recorded_at", "-pk").first()
    withdrawal = consent_withdraw_purposes(
        current=current, records=records, purposes=purposes, via=via, by=by
    )
    domain_event_record(
        actor=by,
        name="case.consent_withdrawn",
        object_type="case",
        object_id=case_id,
        detail={
            "consent": current.pk,
            "purposes": list(withdrawal.purposes),
            "via": via,
            "kept": withdrawal.current.pk if withdrawal.current else None,
            "note": note,
        },
    )
    return withdrawal
