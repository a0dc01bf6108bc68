"""Base class for the organisation API (/org/<slug>/api/v1/...)."""

from __future__ import annotations

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
