"""A case's consent at the office: its history for the case page, and the client's withdrawal
recorded by staff (policy `consent.withdraw`), over hub.consent's services."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.consent.models import ConsentRecord, ConsentSource, GivenBy, Purpose, WithdrawnVia
from hub.consent.selectors import consent_history
from hub.consent.services import Withdrawal, consent_withdraw_for_case
from hub.organisations.models import Organisation
from tenants.cases.models import Case
from tenants.cases.selectors import case_for_actor, case_subject


@dataclass(frozen=True)
class ConsentRow:
    """One record as the case page shows it: who, how, when, what, and how it ended."""

    record: ConsentRecord
    who: str
    how: str
    purposes: tuple[str, ...]  # labels of what it allows
    members: tuple[str, ...]  # names of the members sharing is limited to (none: any)
    live: bool
    withdrawn_how: str


@dataclass(frozen=True)
class CaseConsent:
    rows: tuple[ConsentRow, ...]
    allowed: tuple[tuple[str, str], ...]  # (purpose, label) the client allows now


def _row(record: ConsentRecord, names: dict[str, str]) -> ConsentRow:
    who = str(GivenBy(record.given_by_kind).label) if record.given_by_kind in GivenBy.values else ""
    if record.given_by_name:
        who = f"{who}: {record.given_by_name}"
    return ConsentRow(
        record=record,
        who=who,
        how=str(ConsentSource(record.source).label)
        if record.source in ConsentSource.values
        else "",
        purposes=tuple(str(Purpose(p).label) for p in record.purposes),
        members=tuple(names.get(slug, slug) for slug in record.share_with),
        live=record.withdrawn_at is None,
        withdrawn_how=(
            str(WithdrawnVia(record.withdrawn_via).label)
            if record.withdrawn_via in WithdrawnVia.values
            else ""
        ),
    )


def case_consent(*, actor: Actor, case: Case) -> CaseConsent:
    """The case's consent records, newest first (the first is the consent now)."""
    records = list(consent_history(organisation=actor.organisation, case_id=case.pk))
    slugs = {slug for record in records for slug in record.share_with}
    names = dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "name"))
    current = records[0] if records else None
    allowed = ()
    if current is not None and current.withdrawn_at is None:
        allowed = tuple((p, str(Purpose(p).label)) for p in current.purposes)
    return CaseConsent(rows=tuple(_row(r, names) for r in records), allowed=allowed)


@transaction.atomic
def case_consent_withdraw(
    *, actor: Actor, case_id: object, purposes: Sequence[str], note: str = ""
) -> Withdrawal:
    """The client told the office they withdraw these purposes (all they allowed, or some).
    Shares that stood on it end at once; the case leaves the statistics at the next rollup."""
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.CONSENT_WITHDRAW, case_subject(case))
    return consent_withdraw_for_case(
        organisation=actor.organisation,
        case_id=case.pk,
        purposes=purposes,
        via=WithdrawnVia.ORGANISATION,
        by=actor.audit,
        note=note,
    )
