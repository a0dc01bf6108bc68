"""The office admin manages the office's users: invite, change roles, deactivate. An office
never loses its last admin. Audited in the organisation's own trail."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from hub.accounts import policy
from hub.accounts.access import Actor
from hub.accounts.models import Membership, User
from hub.accounts.policy import Action
from hub.accounts.roles import ORGANISATION_ROLES, Role
from hub.core.errors import Conflict, DomainError, NotFound
from hub.core.outbox import domain_event_record


@dataclass(frozen=True)
class StaffMember:
    user: User
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Invitation:
    user: User
    # Handed over once by the admin (WhatsApp, in person); empty for an existing account.
    set_password_path: str


def staff_of(*, actor: Actor) -> list[StaffMember]:
    """The office's members, each once with all their roles, active ones first."""
    policy.require(actor, Action.USERS_MANAGE)
    rows = (
        Membership.objects.filter(organisation=actor.organisation)
        .select_related("user")
        .order_by("-user__is_active", "user__full_name", "user__email", "role")
    )
    members: dict[int, StaffMember] = {}
    for row in rows:
        known = members.get(row.user_id)
        roles = (*known.roles, row.role) if known else (row.role,)
        members[row.user_id] = StaffMember(user=row.user, roles=roles)
    return list(members.values())


def _memberships(actor: Actor, user_id: object) -> QuerySet[Membership]:
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        raise NotFound(_("Not found.")) from None
    rows = Membership.objects.filter(organisation=actor.organisation, user_id=pk)
    if not rows.exists():
        raise NotFound(_("Not found."))
    return rows


def _check_roles(roles: set[str]) -> None:
    unknown = roles - ORGANISATION_ROLES
    if not roles or unknown:
        message = _("Choose at least one role of the office.")
        raise DomainError(message, fields={"roles": [message]})


def _admins_left(actor: Actor, without_user: int) -> int:
    return (
        Membership.objects.filter(
            organisation=actor.organisation, role=Role.OFFICE_ADMIN, user__is_active=True
        )
        .exclude(user_id=without_user)
        .count()
    )


def _audit(actor: Actor, name: str, user: User, **detail) -> None:
    domain_event_record(
        actor=actor.audit,
        name=name,
        object_type="user",
        object_id=user.pk,
        detail={"email": user.email, **detail},
    )


@transaction.atomic
def member_invite(*, actor: Actor, email: str, full_name: str, roles: set[str]) -> Invitation:
    """Add a person to the office. A new account gets no password: they set their own through
    the link. Someone who already has an account (another office, the network) only gets the
    roles: they log in with their own password, and nobody here is handed a way to set it."""
    policy.require(actor, Action.USERS_MANAGE)
    _check_roles(roles)
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is not None:
        if Membership.objects.filter(organisation=actor.organisation, user=user).exists():
            raise Conflict(_("This person is already a member of the office."))
        if not user.is_active:
            raise Conflict(
                _("This account is closed; the network admin can reopen it."),
                code="account_closed",
            )
    created = user is None
    if created:
        user = User.objects.create_user(email, None, full_name=full_name.strip())
    Membership.objects.bulk_create(
        Membership(user=user, organisation=actor.organisation, role=role) for role in sorted(roles)
    )
    _audit(actor, "staff.invited", user, roles=sorted(roles), new_account=created)
    if not created:
        return Invitation(user=user, set_password_path="")
    path = reverse(
        "accounts:password-set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return Invitation(user=user, set_password_path=path)


@transaction.atomic
def member_set_roles(*, actor: Actor, user_id: object, roles: set[str]) -> StaffMember:
    policy.require(actor, Action.USERS_MANAGE)
    rows = _memberships(actor, user_id).select_related("user").select_for_update()
    user = rows.first().user
    _check_roles(roles)
    before = set(rows.values_list("role", flat=True))
    if Role.OFFICE_ADMIN in before - roles and _admins_left(actor, user.pk) == 0:
        raise Conflict(
            _("The office needs at least one admin: appoint another before this change."),
            code="last_admin",
        )
    rows.exclude(role__in=roles).delete()
    Membership.objects.bulk_create(
        Membership(user=user, organisation=actor.organisation, role=role)
        for role in sorted(roles - before)
    )
    if before != roles:
        _audit(actor, "staff.roles_changed", user, before=sorted(before), after=sorted(roles))
    return StaffMember(user=user, roles=tuple(sorted(roles)))


@transaction.atomic
def member_deactivate(*, actor: Actor, user_id: object) -> User:
    """Take the person out of the office; an account left with no office at all is closed."""
    policy.require(actor, Action.USERS_MANAGE)
    rows = _memberships(actor, user_id).select_related("user").select_for_update()
    user = rows.first().user
    roles = set(rows.values_list("role", flat=True))
    if Role.OFFICE_ADMIN in roles and _admins_left(actor, user.pk) == 0:
        raise Conflict(
            _("The office needs at least one admin: appoint another before this change."),
            code="last_admin",
        )
    rows.delete()
    if not Membership.objects.filter(user=user).exists():
        user.is_active = False
        user.save(update_fields=["is_active"])
    _audit(actor, "staff.deactivated", user, roles=sorted(roles))
    return user
