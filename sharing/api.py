"""Organisation API for shares: grant and revoke (owner), list and read (recipient)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from hub.organisations.selectors import organisation_directory
from sharing.selectors import shared_case_read, shares_granted_by, shares_received_by
from sharing.services import share_grant, share_revoke
from tenants.cases.projection import Section


class ShareGrantInput(serializers.Serializer):
    case_id = serializers.IntegerField(min_value=1)
    recipient = serializers.SlugField()
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=Section.choices), min_length=1, max_length=10
    )
    expires_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    def validate_recipient(self, slug):
        organisation = organisation_directory().filter(slug=slug).first()
        if organisation is None:
            raise serializers.ValidationError(_("No member organisation with this identifier."))
        return organisation


class ShareGrantOutput(serializers.Serializer):
    id = serializers.IntegerField()
    case_id = serializers.IntegerField()
    case_number = serializers.CharField()
    recipient = serializers.CharField(source="recipient.slug")
    owner = serializers.CharField(source="owner.slug")
    sections = serializers.ListField(child=serializers.CharField())
    granted_by = serializers.CharField()
    granted_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class SharedPersonOutput(serializers.Serializer):
    display_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    gender = serializers.CharField()


class SharedEventOutput(serializers.Serializer):
    occurred_on = serializers.DateField(allow_null=True)
    place = serializers.CharField()
    description = serializers.CharField()


class SharedCaseOutput(serializers.Serializer):
    grant_id = serializers.IntegerField()
    owner_slug = serializers.CharField()
    owner_name = serializers.CharField()
    number = serializers.CharField()
    stage = serializers.CharField()
    status = serializers.CharField()
    sections = serializers.ListField(child=serializers.CharField())
    title = serializers.CharField()
    summary = serializers.CharField()
    people = SharedPersonOutput(many=True)
    events = SharedEventOutput(many=True)


class ShareListApi(OrganisationApiView):
    @extend_schema(responses={200: ShareGrantOutput(many=True), **error_responses(403)})
    def get(self, request, **kwargs):
        return Response(ShareGrantOutput(shares_granted_by(actor=self.actor)[:200], many=True).data)

    @extend_schema(
        request=ShareGrantInput,
        responses={201: ShareGrantOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, **kwargs):
        serializer = ShareGrantInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        grant = share_grant(actor=self.actor, **serializer.validated_data)
        return Response(ShareGrantOutput(grant).data, status=status.HTTP_201_CREATED)


class ShareRevokeApi(OrganisationApiView):
    @extend_schema(request=None, responses={200: ShareGrantOutput, **error_responses(403)})
    def post(self, request, grant_id: int, **kwargs):
        return Response(ShareGrantOutput(share_revoke(actor=self.actor, grant_id=grant_id)).data)


class SharedWithUsListApi(OrganisationApiView):
    @extend_schema(responses={200: ShareGrantOutput(many=True), **error_responses(403)})
    def get(self, request, **kwargs):
        grants = shares_received_by(actor=self.actor)[:200]
        return Response(ShareGrantOutput(grants, many=True).data)


class SharedWithUsDetailApi(OrganisationApiView):
    @extend_schema(responses={200: SharedCaseOutput, **error_responses(403)})
    def get(self, request, grant_id: int, **kwargs):
        return Response(
            SharedCaseOutput(shared_case_read(actor=self.actor, grant_id=grant_id)).data
        )
