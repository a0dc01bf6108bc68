"""The admin for OAuth2 applications: only the grants RFC 9700 leaves (client credentials for an
organisation's systems, authorization code with PKCE), never implicit or password."""

from __future__ import annotations

from oauth2_provider.admin import ApplicationAdmin
from oauth2_provider.models import Application

ALLOWED_GRANTS = (Application.GRANT_CLIENT_CREDENTIALS, Application.GRANT_AUTHORIZATION_CODE)


class HubApplicationAdmin(ApplicationAdmin):
    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "authorization_grant_type":
            kwargs["choices"] = [c for c in db_field.choices if c[0] in ALLOWED_GRANTS]
        return super().formfield_for_choice_field(db_field, request, **kwargs)
