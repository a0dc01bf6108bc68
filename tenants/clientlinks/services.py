"""Staff actions on a case's client links, and consent given in person on a signed form.

Each checks that the actor may open the case and may manage its links (the policy table's
`link.manage`), then calls hub.links (or hub.consent) in the organisation's schema.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.consent.models import ConsentRecord, ConsentSource, Purpose
from hub.consent.services import GivenByWhom, consent_record_for_case
from hub.core.errors import Conflict, DomainError
from hub.links.models import ClientLink
from hub.links.selectors import link_of_case
from hub.links.services import (
    IssuedLink,
    link_check,
    link_create,
    link_email,
    link_reissue,
    link_revoke,
)
from tenants.cases.models import Case
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.documents.services import document_upload


def _case(actor: Actor, case_id: object, *, open_only: bool = False) -> Case:
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.LINK_MANAGE, case_subject(case))
    if open_only and case.closed_at is not None:
        raise Conflict(_("The case is closed: no new links are sent for it."))
    return case


def _link(actor: Actor, case_id: object, link_id: object, **kwargs) -> ClientLink:
    case = _case(actor, case_id, **kwargs)
    return link_of_case(organisation=actor.organisation, case_id=case.pk, link_id=link_id)


@transaction.atomic
def case_link_create(
    *,
    actor: Actor,
    case_id: object,
    purpose: str,
    person_id: int | None = None,
    asked: dict | None = None,
) -> IssuedLink:
    case = _case(actor, case_id, open_only=True)
    return link_create(
        organisation=actor.organisation,
        case_id=case.pk,
        purpose=purpose,
        by=actor.audit,
        person_id=person_id,
        asked=asked,
    )


def case_link_reissue(*, actor: Actor, case_id: object, link_id: object) -> IssuedLink:
    link = _link(actor, case_id, link_id, open_only=True)
    return link_reissue(organisation=actor.organisation, link=link, by=actor.audit)


def case_link_revoke(*, actor: Actor, case_id: object, link_id: object) -> ClientLink:
    link = _link(actor, case_id, link_id)
    return link_revoke(organisation=actor.organisation, link=link, by=actor.audit)


def case_link_check(*, actor: Actor, case_id: object, link_id: object, token: str) -> ClientLink:
    """The link, if `token` is its working token (to draw its QR code again)."""
    link = _link(actor, case_id, link_id)
    link_check(organisation=actor.organisation, link=link, token=token)
    return link


def case_link_email(
    *, actor: Actor, case_id: object, link_id: object, token: str, url: str, to: str
) -> ClientLink:
    link = _link(actor, case_id, link_id, open_only=True)
    link_email(
        organisation=actor.organisation,
        link=link,
        token=token,
        url=url,
        to=to,
        sender_name=actor.name,
        by=actor.audit,
    )
    return link


@transaction.atomic
def case_consent_signed_form(
    *,
    actor: Actor,
    case_id: object,
    file,
    answers: dict[str, bool],
    title: str = "",
    who: GivenByWhom | None = None,
    share_with: Sequence[str] = (),
) -> ConsentRecord:
    """Consent given in person: the signed form is stored as a document of the case and the
    consent record points to it (instead of a link). `who` signed (the client, or a guardian
    or representative by name); `share_with` limits sharing to named members (none: any)."""
    case = _case(actor, case_id)
    if not answers or set(answers) - set(Purpose.values):
        message = _("Say which purposes the client agreed or refused.")
        raise DomainError(message, fields={"answers": [message]})
    document = document_upload(
        actor=actor,
        case_id=case.pk,
        file=file,
        title=title.strip() or _("Signed consent form"),
    )
    return consent_record_for_case(
        organisation=actor.organisation,
        case_id=case.pk,
        answers=answers,
        source=ConsentSource.SIGNED_FORM,
        by=actor.audit,
        who=who,
        share_with=list(share_with),
        document_id=document.pk,
    )
