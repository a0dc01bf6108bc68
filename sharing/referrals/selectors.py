"""Reads of referrals, each scoped to the actor's organisation and, on the sender's side, to
the cases the actor may open."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.errors import NotFound
from hub.organisations.models import Organisation
from interchange.package import CasePackage
from interchange.xml import PackageError, package_from_xml
from sharing.referrals.models import Referral, ReferralStatus
from tenants.cases.models import Case
from tenants.cases.selectors import cases_for_actor


def _rows(queryset: QuerySet[Referral]) -> QuerySet[Referral]:
    return queryset.select_related("sender", "receiver", "agency").defer("package")


def referrals_of_case(*, actor: Actor, case: Case) -> QuerySet[Referral]:
    """The referrals of one of the actor's organisation's cases (the case page's list)."""
    policy.require(actor, Action.CASE_READ)
    return _rows(Referral.objects.filter(sender=actor.organisation, case_id=case.pk))


def referrals_sent(*, actor: Actor) -> QuerySet[Referral]:
    """Sent by the actor's organisation, of the cases the actor may open."""
    return _rows(
        Referral.objects.filter(
            sender=actor.organisation, case_id__in=cases_for_actor(actor=actor).values("pk")
        )
    )


def referrals_received(*, actor: Actor) -> QuerySet[Referral]:
    policy.require(actor, Action.QUEUE_READ)
    return _rows(Referral.objects.filter(receiver=actor.organisation))


def referrals_awaiting_answer(*, actor: Actor) -> QuerySet[Referral]:
    """Referrals to the actor's organisation that wait for its answer, oldest first (the
    work queue's); accepted ones wait for an outcome and are listed apart."""
    return (
        referrals_received(actor=actor)
        .filter(status=ReferralStatus.SENT)
        .order_by("created_at", "id")
    )


def referral_for_actor(*, actor: Actor, referral_id: object) -> Referral:
    """A referral the actor's organisation sent (of a case the actor may open) or received;
    anything else, missing or not, is the same 404."""
    try:
        pk = int(referral_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    organisation = actor.organisation
    if organisation is None:
        raise NotFound(_("Not found."))
    policy.require(actor, Action.QUEUE_READ)
    referral = (
        _rows(Referral.objects.filter(pk=pk))
        .filter(
            Q(sender=organisation, case_id__in=cases_for_actor(actor=actor).values("pk"))
            | Q(receiver=organisation)
        )
        .first()
    )
    if referral is None:
        raise NotFound(_("Not found."))
    return referral


def referral_sent_package(referral: Referral) -> CasePackage | None:
    """What was sent, as it was written at sending; None if it cannot be read (a referral
    made outside referral_send, say), so a page shows nothing rather than failing."""
    try:
        return package_from_xml(bytes(referral.package))
    except PackageError:
        return None


def members_to_refer_to(organisation: Organisation) -> QuerySet[Organisation]:
    """The other member organisations a case may be referred to."""
    return Organisation.objects.members().exclude(pk=organisation.pk).order_by("name", "pk")
