"""Adding, hiding and reviewing contributions, in the owner's schema.

`contribution_add` is called by those who have already checked the door: the sharing side (a
live share with contribute permission, the policy's share.contribute for the recipient's
actor, in the recipient's schema) or a contribution link's purpose (the link's token). It
takes who is speaking as a `ContributionOrigin`, never an Actor of the owner. Hiding and
reviewing are the owner's staff's, through the policy's contribution.review. Nothing edits a
body.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.core.audit import AuditActor
from hub.core.errors import Conflict, DomainError, NotFound
from hub.core.fields import validate_plain_text
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_check
from hub.organisations.models import Organisation
from tenants.cases.models import Case
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.contributions.models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    OriginKind,
)

MOST_BODY_CHARS = 4000
MOST_REASON_CHARS = 1000


@dataclass(frozen=True)
class ContributionInput:
    kind: str
    body: str
    occurred_on: date | None = None
    place: str = ""


@dataclass(frozen=True)
class ContributionOrigin:
    """Who speaks: a member organisation through a share, or someone through a link."""

    kind: str  # OriginKind
    author_label: str
    slug: str = ""
    name: str = ""
    author_user_id: int | None = None
    grant_id: int | None = None
    link_id: int | None = None

    @classmethod
    def member(cls, *, actor: Actor, grant_id: int) -> ContributionOrigin:
        return cls(
            kind=OriginKind.MEMBER,
            author_label=actor.name,
            slug=actor.organisation.slug,
            name=actor.organisation.name,
            author_user_id=actor.user_id,
            grant_id=grant_id,
        )


def _refuse(field: str, message: str):
    raise DomainError(message, fields={field: [message]})


def _text(field: str, value: object, *, most: int, required: bool, missing: str) -> str:
    if not isinstance(value, str):
        _refuse(field, missing)
    value = value.strip()
    if required and not value:
        _refuse(field, missing)
    if len(value) > most:
        _refuse(field, _("At most %(n)s characters.") % {"n": most})
    try:
        validate_plain_text(value)
    except ValidationError as exc:
        _refuse(field, " ".join(exc.messages))
    return value


def _checked(data: ContributionInput) -> ContributionInput:
    if data.kind not in ContributionKind.values:
        _refuse("kind", _("Choose a note, an event or an activity."))
    body = _text(
        "body", data.body, most=MOST_BODY_CHARS, required=True, missing=_("Write what to add.")
    )
    place = _text("place", data.place, most=200, required=False, missing=_("Not text."))
    if data.occurred_on is not None and data.occurred_on > timezone.localdate():
        _refuse("occurred_on", _("It cannot have happened in the future."))
    return ContributionInput(kind=data.kind, body=body, occurred_on=data.occurred_on, place=place)


@transaction.atomic
def contribution_add(
    *,
    owner: Organisation,
    case_id: int,
    data: ContributionInput,
    origin: ContributionOrigin,
    by: AuditActor,
) -> Contribution:
    """Add to a case of `owner` (whose schema must be active). A member's contribution joins
    the record at once; a link's waits for the owner's review."""
    organisation_check(owner)
    if origin.kind not in OriginKind.values:
        raise DomainError(_("Say who is adding this."), fields={"author": [_("Required.")]})
    author = _text(
        "author", origin.author_label, most=200, required=True, missing=_("Say who is adding this.")
    )
    origin_name = _text("relation", origin.name, most=200, required=False, missing=_("Not text."))
    data = _checked(data)
    # Locked: a restriction set meanwhile must not let a contribution in behind it.
    case = Case.objects.select_for_update().filter(pk=case_id, restricted=False).first()
    if case is None:
        raise NotFound(_("Not found."))
    contribution = Contribution.objects.create(
        case=case,
        kind=data.kind,
        occurred_on=data.occurred_on,
        place=data.place,
        body=data.body,
        origin_kind=origin.kind,
        origin_slug=origin.slug,
        origin_name=origin_name,
        author_label=author,
        author_user_id=origin.author_user_id,
        grant_id=origin.grant_id,
        link_id=origin.link_id,
        status=(
            ContributionStatus.ACCEPTED
            if origin.kind == OriginKind.MEMBER
            else ContributionStatus.PENDING
        ),
    )
    domain_event_record(
        actor=by,
        name="contribution.added",
        object_type="case",
        object_id=case.pk,
        detail={
            "contribution": contribution.pk,
            "kind": contribution.kind,
            "origin": origin.slug or OriginKind.LINK.value,
            "status": contribution.status,
            **({"grant": origin.grant_id} if origin.grant_id else {}),
            **({"link": origin.link_id} if origin.link_id else {}),
        },
    )
    return contribution


def _locked(actor: Actor, case_id: object, contribution_id: object) -> Contribution:
    case = case_for_actor(actor=actor, case_id=case_id)
    policy.require(actor, Action.CONTRIBUTION_REVIEW, case_subject(case))
    try:
        pk = int(contribution_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    contribution = Contribution.objects.select_for_update().filter(pk=pk, case=case).first()
    if contribution is None:
        raise NotFound(_("Not found."))
    return contribution


@transaction.atomic
def contribution_hide(
    *, actor: Actor, case_id: object, contribution_id: object, reason: str
) -> Contribution:
    """The owner hides a contribution from the record, saying why; its text stays as it was
    (and in the trail), shown collapsed to the owner's staff with who hid it."""
    contribution = _locked(actor, case_id, contribution_id)
    reason = _text(
        "reason",
        reason,
        most=MOST_REASON_CHARS,
        required=True,
        missing=_("Say why it is hidden."),
    )
    if contribution.hidden_at is not None:
        raise Conflict(_("This contribution is already hidden."), code="already_hidden")
    contribution.hidden_at = timezone.now()
    contribution.hidden_by = actor.name
    contribution.hidden_reason = reason
    contribution.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    domain_event_record(
        actor=actor.audit,
        name="contribution.hidden",
        object_type="case",
        object_id=contribution.case_id,
        detail={"contribution": contribution.pk, "reason": reason},
    )
    return contribution


@transaction.atomic
def contribution_review(
    *, actor: Actor, case_id: object, contribution_id: object, accept: bool, note: str = ""
) -> Contribution:
    """Accept a link's contribution into the record, or reject it (it stays, collapsed)."""
    contribution = _locked(actor, case_id, contribution_id)
    note = _text("note", note, most=MOST_REASON_CHARS, required=not accept, missing=_("Say why."))
    if contribution.status != ContributionStatus.PENDING:
        raise Conflict(_("This contribution does not wait for review."), code="not_pending")
    contribution.status = ContributionStatus.ACCEPTED if accept else ContributionStatus.REJECTED
    contribution.reviewed_at = timezone.now()
    contribution.reviewed_by = actor.name
    contribution.review_note = note
    contribution.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_note"])
    domain_event_record(
        actor=actor.audit,
        name=f"contribution.{contribution.status}",
        object_type="case",
        object_id=contribution.case_id,
        detail={"contribution": contribution.pk, **({"reason": note} if note else {})},
    )
    return contribution
