"""Public member directory API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.organisations.selectors import organisation_directory


class OrganisationOutput(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    regions = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())
    issue_types = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    contact_email = serializers.CharField()
    contact_phone = serializers.CharField()
    address = serializers.CharField()


class OrganisationDirectoryApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses={200: OrganisationOutput(many=True)})
    def get(self, request):
        return Response(OrganisationOutput(organisation_directory(), many=True).data)
