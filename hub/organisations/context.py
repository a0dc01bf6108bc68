"""The one way into an organisation's schema outside the request middleware, and the check
that services make: the active schema is the acting organisation's own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django_tenants.utils import get_public_schema_name

from hub.organisations.models import Organisation


class WrongOrganisation(RuntimeError):
    """Code acted for one organisation inside another's schema: a bug, refused before writing."""


@contextmanager
def organisation_context(organisation: Organisation | None) -> Iterator[Organisation | None]:
    """Work in `organisation`'s schema (None: the public schema), then return to where we were."""
    previous = connection.tenant
    if organisation is None and _public(previous):
        # Already there (every public request is): switching would cost two `SET search_path`
        # round trips for nothing.
        try:
            yield None
        finally:
            if connection.tenant is not previous:
                connection.set_tenant(previous)
        return
    if organisation is None:
        connection.set_schema_to_public()
    else:
        connection.set_tenant(organisation)
    try:
        yield organisation
    finally:
        connection.set_tenant(previous)


def _public(tenant) -> bool:
    return (
        tenant is not None
        and not isinstance(tenant, Organisation)
        and tenant.schema_name == get_public_schema_name()
    )


def organisation_active() -> Organisation | None:
    """The organisation whose schema is active, or None in the public schema."""
    tenant = connection.tenant
    return tenant if isinstance(tenant, Organisation) else None


def organisation_check(organisation: Organisation) -> None:
    """Refuse to act for `organisation` unless its schema is the active one."""
    if connection.schema_name != organisation.schema_name:
        raise WrongOrganisation(
            f"acting for {organisation.schema_name!r} in schema {connection.schema_name!r}"
        )
