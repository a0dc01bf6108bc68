"""Who is acting: the Actor every service takes, and the checks every view uses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from oauth2_provider.models import AccessToken

from hub.accounts.models import Membership, OrganisationApplication
from hub.accounts.roles import NETWORK_ROLES, Role
from hub.core.audit import AuditActor
from hub.core.errors import DomainError
from hub.organisations.models import Organisation


@dataclass(frozen=True)
class Actor:
    """A person (through their memberships) or an organisation's API client, in one context."""

    label: str
    roles: frozenset[str]
    organisation: Organisation | None = None
    user_id: int | None = None
    application_id: int | None = None
    display_name: str = ""  # the person's name, for what colleagues read (labels are logins)

    @property
    def name(self) -> str:
        return self.display_name or self.label

    @property
    def audit(self) -> AuditActor:
        return AuditActor(
            label=self.label,
            user_id=self.user_id,
            organisation_slug=self.organisation.slug if self.organisation else "",
        )


def organisation_actor(*, user, organisation: Organisation) -> Actor | None:
    """The user's actor inside this organisation, or None when they are not a member."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    roles = frozenset(
        Membership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )
    if not roles:
        return None
    return Actor(
        label=user.email,
        roles=roles,
        organisation=organisation,
        user_id=user.pk,
        display_name=user.full_name,
    )


def application_actor(*, token: AccessToken, organisation: Organisation) -> Actor | None:
    """The actor for an OAuth2 token, if its application is bound to this organisation."""
    if not token.is_valid():
        return None
    binding = (
        OrganisationApplication.objects.filter(application_id=token.application_id)
        .select_related("application")
        .first()
    )
    if binding is None or binding.organisation_id != organisation.pk:
        return None
    if token.user_id:
        return organisation_actor(user=token.user, organisation=organisation)
    return Actor(
        label=f"api:{binding.application.name}",
        roles=frozenset({Role.SYSTEM}),
        organisation=organisation,
        application_id=token.application_id,
    )


def network_actor(*, user) -> Actor | None:
    """The user's network-level actor (coordinator, network admin or analyst), or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    roles = frozenset(
        Membership.objects.filter(user=user, organisation__isnull=True).values_list(
            "role", flat=True
        )
    )
    roles &= NETWORK_ROLES
    if not roles:
        return None
    return Actor(label=user.email, roles=roles, user_id=user.pk)


def request_actor(request) -> Actor | None:
    """The actor for a request under /org/<slug>/ (session user or bearer token)."""
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return None
    token = getattr(request, "auth", None)
    if isinstance(token, AccessToken):
        return application_actor(token=token, organisation=organisation)
    return organisation_actor(user=getattr(request, "user", None), organisation=organisation)


def organisation_member_required(view):
    """Staff pages: anonymous → login page; a member of another organisation → 404."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        actor = request_actor(request)
        if actor is None:
            raise Http404
        request.actor = actor
        kwargs.pop("org_slug", None)
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return render(request, "error.html", {"error": exc}, status=exc.status)

    return wrapped
