"""Reading across organisations: only through a live, consented share, and always audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from hub.accounts.access import Actor
from hub.accounts.roles import CASE_READER_ROLES
from hub.consent.models import Purpose
from hub.core.audit import audit_record
from hub.core.errors import NotFound
from sharing.models import Section, ShareGrant
from tenants.cases.models import Case


def _live(queryset: QuerySet[ShareGrant]) -> QuerySet[ShareGrant]:
    now = timezone.now()
    return queryset.filter(
        revoked_at__isnull=True, consent__withdrawn_at__isnull=True, consent__share=True
    ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def shares_granted_by(*, actor: Actor) -> QuerySet[ShareGrant]:
    return ShareGrant.objects.filter(owner=actor.organisation).select_related("recipient")


def shares_received_by(*, actor: Actor) -> QuerySet[ShareGrant]:
    actor.require(CASE_READER_ROLES, _("Your role sees aggregate figures only, not case records."))
    return _live(ShareGrant.objects.filter(recipient=actor.organisation)).select_related("owner")


@dataclass(frozen=True)
class SharedPerson:
    display_name: str
    roles: tuple[str, ...]
    gender: str


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
    with tenant_context(owner):
        case = Case.objects.filter(pk=grant.case_id).first()
        if case is None:
            raise NotFound(_("Not found."))
        people: tuple[SharedPerson, ...] = ()
        if Section.PEOPLE in grant.sections:
            by_person: dict[int, list[str]] = {}
            names: dict[int, tuple[str, str]] = {}
            for link in case.roles.select_related("person").order_by("person_id", "role"):
                by_person.setdefault(link.person_id, []).append(link.role)
                names[link.person_id] = (link.person.display_name, link.person.gender)
            people = tuple(
                SharedPerson(display_name=names[p][0], gender=names[p][1], roles=tuple(r))
                for p, r in by_person.items()
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
        )
        audit_record(
            actor=actor.audit,
            action="case.read_by_member",
            object_type="case",
            object_id=case.pk,
            detail={"grant": grant.pk, "reader": actor.organisation.slug},
        )
    return shared
