"""Reading across organisations: only through a live, consented share, and always audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.consent.models import Purpose
from hub.core.audit import audit_record
from hub.core.errors import NotFound
from hub.organisations.context import organisation_context
from sharing.models import ShareGrant
from tenants.cases.models import Case, CaseSection
from tenants.cases.projection import Section
from tenants.cases.selectors import case_people, cases_for_actor


def _live(queryset: QuerySet[ShareGrant]) -> QuerySet[ShareGrant]:
    now = timezone.now()
    return queryset.filter(
        revoked_at__isnull=True, consent__withdrawn_at__isnull=True, consent__share=True
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def shares_granted_by(*, actor: Actor) -> QuerySet[ShareGrant]:
    """The organisation's grants on the cases this actor may open (not on restricted ones)."""
    policy.require(actor, Action.SHARES_READ)
    return ShareGrant.objects.filter(
        owner=actor.organisation,
        case_id__in=cases_for_actor(actor=actor).values("pk"),
    ).select_related("recipient")


def shares_received_by(*, actor: Actor) -> QuerySet[ShareGrant]:
    policy.require(actor, Action.SHARES_READ)
    return _live(ShareGrant.objects.filter(recipient=actor.organisation)).select_related("owner")


@dataclass(frozen=True)
class SharedPerson:
    display_name: str
    roles: tuple[str, ...]
    gender: str


@dataclass(frozen=True)
class SharedEvent:
    occurred_on: date | None
    place: str
    description: str


@dataclass(frozen=True)
class SharedCase:
    """The read-only view a recipient gets: only the sections the share allows."""

    grant_id: int
    owner_slug: str
    owner_name: str
    number: str
    stage: str
    status: str
    sections: tuple[str, ...]
    title: str = ""
    summary: str = ""
    people: tuple[SharedPerson, ...] = ()
    events: tuple[SharedEvent, ...] = ()


def shared_case_read(*, actor: Actor, grant_id: object) -> SharedCase:
    """Read the owner's case through a live grant; the read goes into the owner's audit trail."""
    try:
        pk = int(grant_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    grant = shares_received_by(actor=actor).filter(pk=pk).first()
    if grant is None or not grant.consent.covers(Purpose.SHARE):
        raise NotFound(_("Not found."))
    owner = grant.owner
    with organisation_context(owner):
        # A case restricted after it was shared is no longer readable through the share.
        case = Case.objects.filter(pk=grant.case_id, restricted=False).first()
        if case is None:
            raise NotFound(_("Not found."))
        people: tuple[SharedPerson, ...] = ()
        if Section.PEOPLE in grant.sections:
            people = tuple(
                SharedPerson(display_name=p.display_name, gender=p.gender, roles=roles)
                for p, roles in case_people(case=case)
            )
        events: tuple[SharedEvent, ...] = ()
        # A chronology restricted to the owner's assigned staff is never shared.
        chronology_open = CaseSection.CHRONOLOGY not in case.restricted_sections
        if Section.EVENTS in grant.sections and chronology_open:
            events = tuple(
                SharedEvent(occurred_on=e.occurred_on, place=e.place, description=e.description)
                for e in case.events.order_by("occurred_on", "id")
            )
        summary_allowed = Section.SUMMARY in grant.sections
        shared = SharedCase(
            grant_id=grant.pk,
            owner_slug=owner.slug,
            owner_name=owner.name,
            number=case.number,
            stage=case.stage,
            status=case.status,
            sections=tuple(grant.sections),
            title=case.title if summary_allowed else "",
            summary=case.summary if summary_allowed else "",
            people=people,
            events=events,
        )
        audit_record(
            actor=actor.audit,
            action="case.read_by_member",
            object_type="case",
            object_id=case.pk,
            detail={"grant": grant.pk, "reader": actor.organisation.slug},
        )
    return shared
