"""Organisation API for shares: grant and revoke (owner), list and read (recipient)."""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from hub.organisations.selectors import organisations_members
from sharing.models import SharePermission, ShareStatus
from sharing.selectors import shares_granted_by, shares_received_by
from sharing.services import SharedCase, share_grant, share_revoke, shared_case_open
from tenants.cases.projection import Section


class ShareGrantInput(serializers.Serializer):
    case_id = serializers.IntegerField(min_value=1)
    recipient = serializers.SlugField()
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=Section.choices), min_length=1, max_length=10
    )
    permission = serializers.ChoiceField(
        choices=SharePermission.choices, default=SharePermission.READ
    )
    starts_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    expires_at = serializers.DateTimeField(required=False, allow_null=True, default=None)

    def validate_recipient(self, slug):
        organisation = organisations_members().filter(slug=slug).first()
        if organisation is None:
            raise serializers.ValidationError(_("No member organisation with this identifier."))
        return organisation


class ShareGrantOutput(serializers.Serializer):
    id = serializers.IntegerField()
    case_id = serializers.IntegerField()
    case_number = serializers.CharField()
    recipient = serializers.CharField(source="recipient.slug")
    owner = serializers.CharField(source="owner.slug")
    sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    permission = serializers.ChoiceField(choices=SharePermission.choices)
    status = serializers.ChoiceField(choices=ShareStatus.choices)
    granted_by = serializers.CharField()
    granted_at = serializers.DateTimeField()
    starts_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class SharedCaseEntryOutput(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField(help_text="Empty unless the summary section is shared.")
    summary = serializers.CharField(help_text="Empty unless the summary section is shared.")
    stage = serializers.CharField()
    status = serializers.CharField()
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    case_types = serializers.ListField(child=serializers.CharField())


class SharedCaseOutput(serializers.Serializer):
    """The projection of the case limited to the sections the share allows now (a part the
    owner restricted to its own staff is left out even when the grant names it)."""

    grant = ShareGrantOutput()
    owner_name = serializers.CharField(source="grant.owner.name")
    sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    case = SharedCaseEntryOutput()
    people = serializers.ListField(child=serializers.DictField(), help_text="Section people.")
    events = serializers.ListField(child=serializers.DictField(), help_text="Section events.")
    services = serializers.ListField(
        child=serializers.DictField(), help_text="Section services (when shared)."
    )
    documents = serializers.ListField(
        child=serializers.DictField(), help_text="Section documents (when shared)."
    )


def shared_case_data(shared: SharedCase) -> dict:
    """The package's parts as plain data for SharedCaseOutput."""
    package = dataclasses.asdict(shared.package)
    return {
        "grant": shared.grant,
        "sections": list(shared.sections),
        "case": package["case"],
        **{part: package.get(part) or [] for part in ("people", "events", "services", "documents")},
    }


class ShareListApi(OrganisationApiView):
    @extend_schema(responses={200: ShareGrantOutput(many=True), **error_responses(403)})
    def get(self, request, **kwargs):
        return Response(ShareGrantOutput(shares_granted_by(actor=self.actor)[:200], many=True).data)

    @extend_schema(
        request=ShareGrantInput,
        responses={201: ShareGrantOutput, **error_responses(400, 403, 404, 409, 415)},
    )
    def post(self, request, **kwargs):
        serializer = ShareGrantInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        grant = share_grant(actor=self.actor, **serializer.validated_data)
        return Response(ShareGrantOutput(grant).data, status=status.HTTP_201_CREATED)


class ShareRevokeApi(OrganisationApiView):
    @extend_schema(request=None, responses={200: ShareGrantOutput, **error_responses(403, 404)})
    def post(self, request, grant_id: int, **kwargs):
        return Response(ShareGrantOutput(share_revoke(actor=self.actor, grant_id=grant_id)).data)


class SharedWithUsListApi(OrganisationApiView):
    @extend_schema(responses={200: ShareGrantOutput(many=True), **error_responses(403)})
    def get(self, request, **kwargs):
        grants = shares_received_by(actor=self.actor)[:200]
        return Response(ShareGrantOutput(grants, many=True).data)


class SharedWithUsDetailApi(OrganisationApiView):
    @extend_schema(responses={200: SharedCaseOutput, **error_responses(403, 404)})
    def get(self, request, grant_id: int, **kwargs):
        shared = shared_case_open(actor=self.actor, grant_id=grant_id)
        return Response(SharedCaseOutput(shared_case_data(shared)).data)
