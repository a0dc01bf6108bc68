"""Reads of accounts: who holds a role in an organisation."""

from __future__ import annotations

from django.db.models import QuerySet

from hub.accounts.models import User
from hub.organisations.models import Organisation


def users_with_role(*, organisation: Organisation, role: str) -> QuerySet[User]:
    """The organisation's active people who hold `role` (e.g. its division heads)."""
    return User.objects.filter(
        is_active=True, memberships__organisation=organisation, memberships__role=role
    ).distinct()
