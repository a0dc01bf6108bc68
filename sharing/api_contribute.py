"""Organisation API for the recipient of a share: our contributions to the shared case, and
adding one (when the share's permission is contribute)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from sharing.contribute import shared_case_contribute, shared_case_contributions
from tenants.contributions.models import ContributionKind, ContributionStatus
from tenants.contributions.services import MOST_BODY_CHARS, ContributionInput


class ContributionInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContributionKind.choices)
    body = Text(max_length=MOST_BODY_CHARS)
    occurred_on = serializers.DateField(required=False, allow_null=True, default=None)
    place = Text(max_length=200, required=False, allow_blank=True, default="")


class OurContributionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ContributionKind.choices)
    occurred_on = serializers.DateField(allow_null=True)
    place = serializers.CharField()
    body = serializers.CharField()
    author = serializers.CharField(source="author_label")
    status = serializers.ChoiceField(choices=ContributionStatus.choices)
    hidden = serializers.BooleanField(help_text="The owner hid it from its record.")
    hidden_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class SharedCaseContributionsApi(JsonOnly, OrganisationApiView):
    @extend_schema(responses={200: OurContributionOutput(many=True), **error_responses(403)})
    def get(self, request, grant_id: int, **kwargs):
        ours = shared_case_contributions(actor=self.actor, grant_id=grant_id)
        return Response(OurContributionOutput(ours.contributions, many=True).data)

    @extend_schema(
        request=ContributionInputSerializer,
        responses={201: OurContributionOutput, **error_responses(400, 403, 415)},
    )
    def post(self, request, grant_id: int, **kwargs):
        serializer = ContributionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        added = shared_case_contribute(
            actor=self.actor, grant_id=grant_id, data=ContributionInput(**serializer.validated_data)
        )
        return Response(OurContributionOutput(added).data, status=status.HTTP_201_CREATED)
