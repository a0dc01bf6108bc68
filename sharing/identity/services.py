"""Keeping the identifier hashes of cases' clients current, rehashing with a new key, and
telling a member which other members may be helping the same worker (an audited read)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef

from hub.accounts.access import Actor
from hub.consent.models import Purpose
from hub.consent.selectors import consent_for_case
from hub.core.audit import audit_record
from hub.organisations.context import organisation_check, organisation_context
from hub.organisations.models import Organisation
from hub.vocab.stages import Status
from sharing.identity.hashing import current_key_id, identifier_digests
from sharing.identity.models import IdentifierHash, IdentifierKind
from sharing.identity.notices import matches_notify
from tenants.cases.models import Case, CasePerson
from tenants.cases.registration import CLIENT_ROLES
from tenants.cases.selectors import case_for_actor

# Which field of a person holds which kind of identifier.
PERSON_FIELDS = {
    IdentifierKind.PASSPORT: "passport_number",
    IdentifierKind.NIK: "nik",
    IdentifierKind.PHONE: "phone",
}


def _hashable(case: Case | None) -> bool:
    """A restricted case (sexual violence, children) takes no part in matching, nor does the
    closed stub a transfer leaves behind (the receiver's case is the one that counts)."""
    return case is not None and not case.restricted and case.status != Status.TRANSFERRED


def _wanted(case: Case, key_id: str) -> set[tuple[int, str, str]]:
    wanted = set()
    links = CasePerson.objects.filter(
        case=case, role__in=CLIENT_ROLES, person__is_group=False
    ).select_related("person")
    for link in links:
        for kind, field in PERSON_FIELDS.items():
            for digest in identifier_digests(kind, getattr(link.person, field), key_id=key_id):
                wanted.add((link.person_id, kind.value, digest))
    return wanted


@transaction.atomic
def identity_hashes_refresh(
    *, organisation: Organisation, case_ids: Iterable[int]
) -> list[IdentifierHash]:
    """Make the public hashes of these cases' clients match their identifiers now, with the
    current key (older keys' rows go); run in the organisation's schema. Returns the rows
    written. Idempotent: the outbox may deliver an event twice."""
    organisation_check(organisation)
    key_id = current_key_id()
    written: list[IdentifierHash] = []
    ids = sorted({int(pk) for pk in case_ids})
    cases = {case.pk: case for case in Case.objects.filter(pk__in=ids)}
    for case_id in ids:
        case = cases.get(case_id)
        wanted = _wanted(case, key_id) if _hashable(case) else set()
        rows = IdentifierHash.objects.filter(organisation=organisation, case_id=case_id)
        have = {
            (row.person_id, row.kind, row.digest): row.pk
            for row in rows.select_for_update().filter(key_id=key_id)
        }
        stale = [pk for found, pk in have.items() if found not in wanted]
        rows.exclude(key_id=key_id).delete()
        rows.filter(pk__in=stale).delete()
        missing = [
            IdentifierHash(
                organisation=organisation,
                case_id=case_id,
                person_id=person_id,
                kind=kind,
                key_id=key_id,
                digest=digest,
            )
            for person_id, kind, digest in sorted(wanted - set(have))
        ]
        IdentifierHash.objects.bulk_create(missing, ignore_conflicts=True)
        written += missing
    return written


def identity_hashes_for_people(
    *, organisation: Organisation, person_ids: Iterable[int]
) -> list[IdentifierHash]:
    """A person's identifiers changed: refresh every case where they are the client."""
    case_ids = CasePerson.objects.filter(
        person_id__in=list(person_ids), role__in=CLIENT_ROLES
    ).values_list("case_id", flat=True)
    return identity_hashes_refresh(organisation=organisation, case_ids=list(case_ids))


def identity_rehash(*, organisations: Iterable[Organisation] | None = None) -> int:
    """Recompute every case's hashes with the current key (after a key rotation, or to fill
    the table for cases recorded before it existed); returns the rows written."""
    if organisations is None:
        organisations = Organisation.objects.members()
    written = 0
    for organisation in organisations:
        with organisation_context(organisation):
            ids = list(Case.objects.values_list("pk", flat=True))
            # Cases gone from the schema lose their rows too.
            gone = IdentifierHash.objects.filter(organisation=organisation).exclude(case_id__in=ids)
            gone.delete()
            rows = identity_hashes_refresh(organisation=organisation, case_ids=ids)
            matches_notify(organisation=organisation, rows=rows)
            written += len(rows)
    return written


@dataclass(frozen=True)
class ConnectedMember:
    """Another member the worker's consent on both sides lets us be put in touch with."""

    slug: str
    name: str
    contact_email: str
    contact_phone: str
    kinds: tuple[str, ...]  # which identifiers matched: passport, nik, phone


@dataclass(frozen=True)
class SamePersonReport:
    case_id: int
    compared: bool  # the case has identifiers to compare (and takes part in matching)
    consent_allows: bool  # our client's consent covers sharing with members at all
    connected: tuple[ConnectedMember, ...] = ()
    # Another member may be helping the same worker, but consent does not let us know who.
    unconnected: bool = False


def _consenting_cases(
    ours: Organisation, our_case: int, theirs: Organisation, cases: set[int]
) -> set[int]:
    """Their cases whose client's consent covers sharing with us, when ours covers sharing
    with them; otherwise none."""
    our_consent = consent_for_case(organisation=ours, case_id=our_case)
    if our_consent is None or not our_consent.covers(Purpose.SHARE, recipient_slug=theirs.slug):
        return set()
    consenting = set()
    for their_case in cases:
        their_consent = consent_for_case(organisation=theirs, case_id=their_case)
        if their_consent is not None and their_consent.covers(
            Purpose.SHARE, recipient_slug=ours.slug
        ):
            consenting.add(their_case)
    return consenting


@transaction.atomic
def identity_matches_read(*, actor: Actor, case_id: object) -> SamePersonReport:
    """Other members holding a case whose client has an identifier in common with this
    case's client (same kind, same key). Who they are is said only when the client's consent
    on both sides covers sharing with the other; otherwise only that a match exists. Which
    case, whose name, which identifier value: never. The read is audited in our trail and,
    for each member connected, in theirs."""
    case = case_for_actor(actor=actor, case_id=case_id)
    ours = actor.organisation
    mine = IdentifierHash.objects.filter(
        organisation=ours, case_id=case.pk, key_id=current_key_id()
    )
    our_consent = consent_for_case(organisation=ours, case_id=case.pk)
    consent_allows = our_consent is not None and our_consent.covers(Purpose.SHARE)
    same = mine.filter(kind=OuterRef("kind"), digest=OuterRef("digest"), key_id=OuterRef("key_id"))
    others = (
        IdentifierHash.objects.filter(Exists(same))
        .exclude(organisation=ours)
        .select_related("organisation")
        .order_by("organisation__name", "case_id", "kind")
    )
    # Per other member: its matching cases, each with the kinds of identifier in common.
    found: dict[int, tuple[Organisation, dict[int, set[str]]]] = {}
    for row in others:
        organisation, cases = found.setdefault(row.organisation_id, (row.organisation, {}))
        cases.setdefault(row.case_id, set()).add(row.kind)
    connected = []
    for organisation, cases in found.values():
        consenting = _consenting_cases(ours, case.pk, organisation, set(cases))
        if consenting:
            # Only what matched on the cases whose consent allows it is said.
            kinds = set().union(*(cases[their_case] for their_case in consenting))
            connected.append((organisation, consenting, kinds))
    report = SamePersonReport(
        case_id=case.pk,
        compared=mine.exists(),
        consent_allows=consent_allows,
        connected=tuple(
            ConnectedMember(
                slug=organisation.slug,
                name=organisation.name,
                contact_email=organisation.contact_email,
                contact_phone=organisation.contact_phone,
                kinds=tuple(kind for kind in IdentifierKind.values if kind in kinds),
            )
            for organisation, _cases, kinds in connected
        ),
        unconnected=len(connected) < len(found),
    )
    audit_record(
        actor=actor.audit,
        action="identity.matches_read",
        object_type="case",
        object_id=case.pk,
        detail={
            "connected": [member.slug for member in report.connected],
            "unconnected": report.unconnected,
        },
    )
    for organisation, cases, _kinds in connected:
        with organisation_context(organisation):
            for their_case in sorted(cases):
                audit_record(
                    actor=actor.audit,
                    action="identity.match_seen_by_member",
                    object_type="case",
                    object_id=their_case,
                    detail={"reader": ours.slug},
                )
    return report
