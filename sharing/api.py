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
    recipient_name = serializers.CharField(source="recipient.name")
    owner = serializers.CharField(source="owner.slug")
    owner_name = serializers.CharField(source="owner.name")
    sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    permission = serializers.ChoiceField(choices=SharePermission.choices)
    status = serializers.ChoiceField(choices=ShareStatus.choices)
    granted_by = serializers.CharField()
    granted_at = serializers.DateTimeField()
    starts_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)


class SharedCaseEntryOutput(serializers.Serializer):
    uid = serializers.CharField(help_text="Stable across organisations and renumbering.")
    number = serializers.CharField()
    title = serializers.CharField(help_text="Empty unless the summary section is shared.")
    summary = serializers.CharField(help_text="Empty unless the summary section is shared.")
    stage = serializers.CharField()
    status = serializers.CharField()
    opened_on = serializers.DateField()
    closed_on = serializers.DateField(allow_null=True)
    case_types = serializers.ListField(child=serializers.CharField())


class SharedContactOutput(serializers.Serializer):
    phone = serializers.CharField()
    email = serializers.CharField()
    safe_contact = serializers.CharField()
    domicile = serializers.CharField()
    nik = serializers.CharField()
    passport_number = serializers.CharField()
    passport_holder = serializers.CharField()


class SharedPersonOutput(serializers.Serializer):
    ref = serializers.CharField()
    display_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    gender = serializers.CharField()
    is_group = serializers.BooleanField()
    group_size = serializers.IntegerField(allow_null=True)
    birth_date = serializers.DateField(allow_null=True)
    age = serializers.IntegerField(allow_null=True)
    occupation = serializers.CharField()
    language = serializers.CharField()
    needs_interpreter = serializers.BooleanField()
    contact = SharedContactOutput(
        allow_null=True, help_text="Only with the people_contact section; null otherwise."
    )


class SharedActOutput(serializers.Serializer):
    description = serializers.CharField()
    rights_violated = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.ListField(child=serializers.CharField())
    victims = serializers.ListField(child=serializers.CharField(), help_text="Person refs.")
    perpetrators = serializers.ListField(child=serializers.CharField(), help_text="Person refs.")


class SharedEventOutput(serializers.Serializer):
    ref = serializers.CharField()
    title = serializers.CharField()
    occurred_on = serializers.DateField(allow_null=True)
    occurred_until = serializers.DateField(allow_null=True)
    date_precision = serializers.CharField()
    place = serializers.CharField()
    country = serializers.CharField()
    description = serializers.CharField()
    acts = SharedActOutput(many=True)


class SharedServiceOutput(serializers.Serializer):
    ref = serializers.CharField()
    service = serializers.CharField(help_text="A code of the service_type vocabulary.")
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    provider = serializers.CharField()
    partner = serializers.CharField()
    description = serializers.CharField()
    outcome = serializers.CharField()


class SharedDocumentOutput(serializers.Serializer):
    ref = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    filename = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()


class SharedCaseOutput(serializers.Serializer):
    """The projection of the case limited to the sections the share allows now (a part the
    owner restricted to its own staff is left out even when the grant names it); a section
    not shown is an empty list."""

    grant = ShareGrantOutput()
    owner_name = serializers.CharField(source="grant.owner.name")
    sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    case = SharedCaseEntryOutput()
    people = SharedPersonOutput(many=True)
    events = SharedEventOutput(many=True)
    services = SharedServiceOutput(many=True)
    documents = SharedDocumentOutput(many=True)


def shared_case_data(shared: SharedCase) -> dict:
    """The package's parts as plain data for SharedCaseOutput."""
    package = dataclasses.asdict(shared.package)
    parts = ("case", "people", "events", "services", "documents")
    return {"grant": shared.grant, "sections": list(shared.sections)} | {
        part: package[part] for part in parts
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
