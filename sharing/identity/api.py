"""Organisation API: which members may be helping the same worker as one of our cases."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from sharing.identity.models import IdentifierKind
from sharing.identity.services import identity_matches_read


class ConnectedMemberOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    contact_email = serializers.CharField()
    contact_phone = serializers.CharField()
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=IdentifierKind.choices))


class SamePersonOutput(serializers.Serializer):
    case_id = serializers.IntegerField()
    compared = serializers.BooleanField(help_text="The client has identifiers to compare.")
    consent_allows = serializers.BooleanField(
        help_text="Our client's consent covers sharing with members."
    )
    connected = ConnectedMemberOutput(many=True)
    unconnected = serializers.BooleanField(
        help_text="Another member may be helping the worker, but consent does not allow "
        "saying which."
    )


class CaseMatchesApi(OrganisationApiView):
    @extend_schema(responses={200: SamePersonOutput, **error_responses(403, 404)})
    def get(self, request, case_id: int, **kwargs):
        report = identity_matches_read(actor=self.actor, case_id=case_id)
        return Response(SamePersonOutput(report).data)
