"""Base classes for the organisation API (/org/<slug>/api/v1/...)."""

from __future__ import annotations

from rest_framework.parsers import JSONParser
from rest_framework.views import APIView

from hub.accounts.authentication import IsOrganisationMember


class OrganisationApiView(APIView):
    """Session or bearer token; members of this organisation only (others get 404).

    `self.request.actor` is set by the permission check; views never fetch by raw id
    without an access helper.
    """

    permission_classes = [IsOrganisationMember]

    @property
    def actor(self):
        return self.request.actor


class JsonOnly:
    """For writes with nested bodies: a form-encoded body would silently drop nested fields,
    so anything but JSON gets 415."""

    parser_classes = [JSONParser]
