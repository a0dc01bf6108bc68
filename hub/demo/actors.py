"""The demo's staff as actors: seeding acts through the same services, as the people would."""

from __future__ import annotations

from hub.accounts.access import Actor
from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.organisations.models import Organisation

# Each role's mailbox at every demo organisation: kabid@lbh-jakarta.demo, ...
ROLE_MAILBOX = {
    Role.OFFICE_ADMIN: "admin",
    Role.RECEPTIONIST: "resepsionis",
    Role.CONSULTATION_LAWYER: "pbh-konsultasi",
    Role.CONSULTATION_ASSISTANT: "asisten-konsultasi",
    Role.CASE_LAWYER: "pbh-kasus",
    Role.CASE_ASSISTANT: "asisten-kasus",
    Role.DIVISION_HEAD: "kabid",
    Role.PARALEGAL: "paralegal",
    Role.COUNSELLOR: "konselor",
    Role.MEDIATOR: "mediator",
    Role.COMPANION: "pendamping",
    Role.ANALYST: "analis",
    Role.COORDINATOR: "koordinator",
    Role.NETWORK_ADMIN: "admin-jaringan",
    Role.NETWORK_ANALYST: "analis-jaringan",
}


def demo_actor(*, email: str, role: str, organisation: Organisation | None) -> Actor:
    """The demo user with this e-mail, acting in one role (for the network: organisation None)."""
    user = User.objects.get(email=email)
    return Actor(
        label=user.email,
        roles=frozenset({role}),
        organisation=organisation,
        user_id=user.pk,
        display_name=user.full_name,
    )


def demo_staff(organisation: Organisation, role: str) -> Actor:
    """The demo organisation's staff member holding this role (its role mailbox)."""
    return demo_actor(
        email=f"{ROLE_MAILBOX[role]}@{organisation.slug}.demo", role=role, organisation=organisation
    )
