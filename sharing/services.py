"""Granting, revoking and opening shares; a share needs a consent that covers it, and every
read by the recipient goes into the owner's audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.policy import Action
from hub.consent.models import ConsentRecord, Purpose
from hub.consent.selectors import consent_for_case
from hub.core.audit import audit_record
from hub.core.errors import DomainError, NotFound
from hub.core.outbox import domain_event_record
from hub.organisations.context import organisation_context
from hub.organisations.models import Organisation
from hub.vocab.stages import Stage
from interchange.package import CasePackage
from sharing.models import RevokeReason, ShareGrant, SharePermission
from sharing.selectors import live_grants
from sharing.transfers.models import Transfer, TransferStatus
from tenants.cases.models import Case
from tenants.cases.projection import Section, case_projection
from tenants.cases.selectors import case_for_actor
from tenants.cases.services import case_restrict


class ConsentMissing(DomainError):
    status = 409
    code = "consent_missing"


def _consent_refusal(consent) -> str:
    """Why the client's consent does not cover sharing with this member (the message shown)."""
    if consent is not None and consent.covers(Purpose.SHARE) and consent.share_with:
        names = dict(
            Organisation.objects.filter(slug__in=consent.share_with).values_list("slug", "name")
        )
        members = ", ".join(names.get(slug, slug) for slug in consent.share_with)
        return _("The client has consented to sharing only with these members: %(members)s.") % {
            "members": members
        }
    return _("The client has not consented to sharing this case with other members.")


def case_transferred_away(*, organisation: Organisation, case: Case) -> bool:
    """The closed stub a transfer leaves behind: the receiver owns the case now, its consent
    went with it (a withdrawal reaches the receiver's case, not this one), and only it decides
    what leaves. A case that came back by a later transfer is open again, and ours."""
    return (
        case.stage == Stage.TERMINATION
        and Transfer.objects.filter(
            sender=organisation, case_id=case.pk, status=TransferStatus.ACCEPTED
        ).exists()
    )


def transferred_away_refusal() -> DomainError:
    return DomainError(
        _("This case was transferred to another member: it decides what is shared or referred."),
        code="case_transferred",
    )


@transaction.atomic
def share_grant(
    *,
    actor: Actor,
    case_id: int,
    recipient: Organisation,
    sections: list[str],
    permission: str = SharePermission.READ,
    starts_at: datetime | None = None,
    expires_at: datetime | None = None,
) -> ShareGrant:
    """Run in the owner's schema (the request's organisation). The case and its consent
    record are locked, so a restriction or a withdrawal at the same moment either comes first
    (and refuses the share) or after (and ends it)."""
    policy.require(actor, Action.SHARE_MANAGE)
    case = case_for_actor(actor=actor, case_id=case_id)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.restricted:
        raise DomainError(
            _("A restricted case is not shared: lift the restriction first if it must be."),
            code="case_restricted",
        )
    if case_transferred_away(organisation=actor.organisation, case=case):
        raise transferred_away_refusal()
    if recipient.pk == actor.organisation.pk:
        raise DomainError(
            _("A case cannot be shared with its own organisation."), code="same_organisation"
        )
    unknown = [s for s in sections if s not in Section.values]
    if not sections or unknown:
        raise DomainError(
            _("Choose at least one known section."), fields={"sections": [_("Unknown section.")]}
        )
    if permission not in SharePermission.values:
        raise DomainError(
            _("Choose read or contribute."), fields={"permission": [_("Unknown permission.")]}
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError(
            _("The end of the share must be in the future."),
            fields={"expires_at": [_("In the past.")]},
        )
    if starts_at is not None and expires_at is not None and starts_at >= expires_at:
        raise DomainError(
            _("The share must start before it ends."),
            fields={"starts_at": [_("After the end.")]},
        )
    consent = consent_for_case(organisation=actor.organisation, case_id=case.pk)
    if consent is not None:
        consent = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if consent is None or not consent.covers(Purpose.SHARE, recipient_slug=recipient.slug):
        raise ConsentMissing(_consent_refusal(consent))
    grant = ShareGrant.objects.create(
        owner=actor.organisation,
        case_id=case.pk,
        case_number=case.number,
        recipient=recipient,
        sections=sorted(set(sections)),
        permission=permission,
        consent=consent,
        granted_by=actor.label,
        starts_at=starts_at,
        expires_at=expires_at,
    )
    domain_event_record(
        actor=actor.audit,
        name="share.granted",
        object_type="case",
        object_id=case.pk,
        detail={
            "grant": grant.pk,
            "recipient": recipient.slug,
            "sections": grant.sections,
            "permission": grant.permission,
            "starts_at": starts_at.isoformat() if starts_at else None,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return grant


@transaction.atomic
def share_revoke(*, actor: Actor, grant_id: int) -> ShareGrant:
    policy.require(actor, Action.SHARE_MANAGE)
    grant = (
        ShareGrant.objects.select_for_update().filter(pk=grant_id, owner=actor.organisation).first()
    )
    if grant is None:
        raise NotFound(_("Not found."))
    case_for_actor(actor=actor, case_id=grant.case_id)  # a restricted case: 404 to outsiders
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.revoked_by = actor.label
        grant.revoked_reason = RevokeReason.OWNER
        grant.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
        domain_event_record(
            actor=actor.audit,
            name="share.revoked",
            object_type="case",
            object_id=grant.case_id,
            detail={"grant": grant.pk, "recipient": grant.recipient.slug},
        )
    return grant


@dataclass(frozen=True)
class SharedCase:
    """What a recipient reads through a live grant: the projection of the sections it allows
    (less those the owner restricted to its assigned staff)."""

    grant: ShareGrant
    sections: tuple[str, ...]
    package: CasePackage


def _grant_id(grant_id: object) -> int:
    try:
        return int(grant_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None


def received_grant_live(
    *, actor: Actor, grant_id: object, lock_of: tuple[str, ...] = ()
) -> ShareGrant:
    """A grant to the actor's organisation in force now, under a consent that still covers
    sharing with it; anything else (revoked, expired, withdrawn, another's) is the same 404.
    `lock_of` names the rows to lock (e.g. "self", "consent") for the caller's transaction."""
    grants = live_grants(
        ShareGrant.objects.filter(recipient=actor.organisation, pk=_grant_id(grant_id))
    )
    if lock_of:
        grants = grants.select_for_update(of=lock_of)
    grant = grants.select_related("owner", "consent", "recipient").first()
    if grant is None or not grant.consent.covers(
        Purpose.SHARE, recipient_slug=actor.organisation.slug
    ):
        raise NotFound(_("Not found."))
    return grant


@transaction.atomic
def shared_case_open(*, actor: Actor, grant_id: object) -> SharedCase:
    """Open the owner's case through a live grant to the actor's organisation, and write the
    read into the owner's audit trail (reader organisation, user and sections shown)."""
    policy.require(actor, Action.SHARES_READ)
    grant = received_grant_live(actor=actor, grant_id=grant_id, lock_of=("self",))
    owner = grant.owner
    with organisation_context(owner):
        # A case restricted after it was shared is no longer readable through the share.
        case = Case.objects.filter(pk=grant.case_id, restricted=False).first()
        if case is None:
            raise NotFound(_("Not found."))
        # A part restricted to the owner's assigned staff (chronology, care, documents) is
        # never shared, whatever the grant names.
        package = case_projection(
            case=case,
            organisation=owner,
            sections=frozenset(grant.sections),
            hidden_sections=frozenset(case.restricted_sections),
        )
        sections = tuple(package.scope)
        audit_record(
            actor=actor.audit,
            action="case.read_by_member",
            object_type="case",
            object_id=case.pk,
            detail={
                "grant": grant.pk,
                "reader": actor.organisation.slug,
                "reader_name": actor.organisation.name,
                "user": actor.label,
                "sections": list(sections),
            },
        )
    return SharedCase(grant=grant, sections=sections, package=package)


def case_restriction_carry(
    *, actor: Actor, source: Organisation, source_case_id: int, case: Case
) -> None:
    """A case (or parts of it) restricted to the sender's assigned staff (sexual violence,
    children) stays restricted at the receiver, who holds `case` in the active schema: the
    package says nothing of who may read what inside an office. For referrals and transfers."""
    with organisation_context(source):
        restriction = (
            Case.objects.filter(pk=source_case_id)
            .values("restricted", "restricted_sections")
            .first()
        )
    if restriction and (restriction["restricted"] or restriction["restricted_sections"]):
        case_restrict(
            actor=actor,
            case_id=case.pk,
            restricted=restriction["restricted"],
            sections=list(restriction["restricted_sections"]),
        )
