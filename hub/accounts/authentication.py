"""DRF authentication and permissions for the organisation and network APIs."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from oauth2_provider.models import AccessToken
from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission

from hub.accounts.access import network_actor, request_actor


class OrganisationTokenAuthentication(OAuth2Authentication):
    """Bearer tokens, in the Authorization header only; a client-credentials token has no user,
    so the request user is anonymous.

    oauthlib would also take `access_token` from the query string or a form body; a token in a
    URL lands in access logs and browser history, so it is refused (401), and one in a body is
    not looked at."""

    def authenticate(self, request):
        if "access_token" in request._request.GET:
            raise exceptions.AuthenticationFailed(
                _("Send the access token in the Authorization header, not in the address.")
            )
        header = request._request.META.get("HTTP_AUTHORIZATION", "")
        if header[:7].lower() != "bearer ":
            return None
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        return (user or AnonymousUser(), token)


def _is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated) or request.auth is not None


class IsOrganisationMember(BasePermission):
    """Members (or the organisation's own API clients) pass; anyone else gets 404.

    A bearer token also needs the scope for the kind of request: `read` for safe
    methods, `write` for the rest.
    """

    def has_permission(self, request, view) -> bool:
        actor = request_actor(request)
        if actor is None:
            if not _is_authenticated(request):
                raise exceptions.NotAuthenticated()
            raise exceptions.NotFound()
        if isinstance(request.auth, AccessToken):
            scope = "read" if request.method in SAFE_METHODS else "write"
            if not request.auth.allow_scopes([scope]):
                raise exceptions.PermissionDenied(
                    _("This token lacks the %(scope)s scope.") % {"scope": scope}
                )
        request.actor = actor
        return True


class IsNetworkMember(BasePermission):
    """Coordinators, network admins and network analysts."""

    def has_permission(self, request, view) -> bool:
        actor = network_actor(user=getattr(request, "user", None))
        if actor is None:
            if not _is_authenticated(request):
                raise exceptions.NotAuthenticated()
            raise exceptions.PermissionDenied()
        request.actor = actor
        return True
