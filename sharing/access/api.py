"""Organisation API for access requests: the national office asks, lists and withdraws; the
office's division head lists what waits and approves or declines."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from hub.organisations.models import Organisation
from sharing.access.models import DEFAULT_DAYS, MAX_DAYS, AccessStatus
from sharing.access.selectors import (
    access_request_for_actor,
    access_requests_received,
    access_requests_sent,
)
from sharing.access.services import (
    CASE_NUMBER_LENGTH,
    DECISIONS,
    NOTE_LENGTH,
    REASON_LENGTH,
    access_request_create,
    access_request_decide,
    access_request_withdraw,
)
from tenants.cases.projection import Section

PAGE = 200


class AccessRequestInput(serializers.Serializer):
    owner = serializers.SlugField(help_text="The office's slug; it must be one of your offices.")
    case_number = Text(max_length=CASE_NUMBER_LENGTH, help_text="As the office registered it.")
    reason = Text(max_length=REASON_LENGTH, help_text="Why, for the office's division head.")
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=Section.choices), min_length=1, max_length=10
    )
    duration_days = serializers.IntegerField(
        min_value=1, max_value=MAX_DAYS, default=DEFAULT_DAYS, help_text="From the approval."
    )

    def validate_owner(self, slug):
        organisation = Organisation.objects.members().filter(slug=slug).first()
        if organisation is None:
            raise serializers.ValidationError(_("No member organisation with this identifier."))
        return organisation


class AccessDecisionInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[(d, d) for d in DECISIONS])
    note = Text(
        max_length=NOTE_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required to decline: the national office reads it.",
    )


class AccessWithdrawInput(serializers.Serializer):
    note = Text(max_length=NOTE_LENGTH, required=False, allow_blank=True, default="")


class AccessRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    requester = serializers.CharField(source="requester.slug", help_text="The national office.")
    owner = serializers.CharField(source="owner.slug", help_text="The office holding the case.")
    case_number = serializers.CharField()
    case_id = serializers.IntegerField(
        allow_null=True, help_text="The office's case, once the request is approved."
    )
    reason = serializers.CharField()
    sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    duration_days = serializers.IntegerField()
    status = serializers.ChoiceField(choices=AccessStatus.choices)
    created_by = serializers.CharField()
    created_at = serializers.DateTimeField()
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()
    share_id = serializers.IntegerField(
        allow_null=True, help_text="The share an approval made (see shared-with-us/)."
    )
    share_expires_at = serializers.DateTimeField(
        source="share.expires_at", allow_null=True, default=None
    )


class AccessRequestReceivedOutput(AccessRequestOutput):
    matched_case_id = serializers.IntegerField(
        allow_null=True, help_text="The office's case with this number, if there is one."
    )


class AccessRequestListApi(JsonOnly, OrganisationApiView):
    """The national office's requests, newest first; POST sends one (whether or not the
    number exists: only the office learns that)."""

    @extend_schema(responses={200: AccessRequestOutput(many=True), **error_responses(403)})
    def get(self, request, **kwargs):
        sent = access_requests_sent(actor=self.actor)[:PAGE]
        return Response(AccessRequestOutput(sent, many=True).data)

    @extend_schema(
        request=AccessRequestInput,
        responses={201: AccessRequestOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "Ask",
                request_only=True,
                value={
                    "owner": "lbh-jakarta",
                    "case_number": "LBH-JAKARTA/2026/0012",
                    "reason": "Kasus strategis untuk laporan nasional",
                    "sections": ["summary", "events"],
                    "duration_days": 30,
                },
            )
        ],
    )
    def post(self, request, **kwargs):
        serializer = AccessRequestInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = access_request_create(actor=self.actor, **serializer.validated_data)
        return Response(AccessRequestOutput(created).data, status=status.HTTP_201_CREATED)


class AccessRequestReceivedApi(OrganisationApiView):
    """For the office's division head: pending requests first (oldest first), then settled."""

    @extend_schema(responses={200: AccessRequestReceivedOutput(many=True), **error_responses(403)})
    def get(self, request, **kwargs):
        received = access_requests_received(actor=self.actor)[:PAGE]
        return Response(AccessRequestReceivedOutput(received, many=True).data)


class AccessRequestDetailApi(OrganisationApiView):
    @extend_schema(responses={200: AccessRequestOutput, **error_responses()})
    def get(self, request, access_request_id: int, **kwargs):
        found = access_request_for_actor(actor=self.actor, request_id=access_request_id)
        return Response(AccessRequestOutput(found).data)


class AccessRequestDecideApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=AccessDecisionInput,
        responses={200: AccessRequestOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "Approve", request_only=True, value={"decision": "approved", "note": "Silakan."}
            )
        ],
    )
    def post(self, request, access_request_id: int, **kwargs):
        serializer = AccessDecisionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        decided = access_request_decide(
            actor=self.actor, request_id=access_request_id, **serializer.validated_data
        )
        return Response(AccessRequestOutput(decided).data)


class AccessRequestWithdrawApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=AccessWithdrawInput,
        responses={200: AccessRequestOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, access_request_id: int, **kwargs):
        serializer = AccessWithdrawInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        withdrawn = access_request_withdraw(
            actor=self.actor, request_id=access_request_id, **serializer.validated_data
        )
        return Response(AccessRequestOutput(withdrawn).data)
