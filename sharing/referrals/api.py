"""Organisation API for referrals (send, list, answer, complete, withdraw) and the service
directory (read)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import validate_plain_text
from sharing.referrals.directory import agencies_for
from sharing.referrals.models import Authority, ReferralStatus, ServiceAgency
from sharing.referrals.selectors import (
    members_to_refer_to,
    referral_for_actor,
    referrals_received,
    referrals_sent,
)
from sharing.referrals.services import (
    OUTCOME_LENGTH,
    REASON_LENGTH,
    referral_answer,
    referral_complete,
    referral_send,
    referral_withdraw,
)
from tenants.cases.projection import Section


class ReferralInput(serializers.Serializer):
    case_id = serializers.IntegerField(min_value=1)
    receiver = serializers.SlugField(required=False, allow_blank=True, default="")
    agency = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    service = serializers.SlugField(max_length=50)
    reason = serializers.CharField(max_length=REASON_LENGTH, validators=[validate_plain_text])
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=Section.choices), min_length=1, max_length=10
    )

    def validate(self, data):
        organisation = self.context["organisation"]
        receiver, agency = data.pop("receiver"), data.pop("agency")
        if bool(receiver) == (agency is not None):
            raise serializers.ValidationError(
                {"receiver": [_("Give a member organisation or an agency, not both.")]}
            )
        if receiver:
            data["receiver"] = members_to_refer_to(organisation).filter(slug=receiver).first()
            if data["receiver"] is None:
                raise serializers.ValidationError(
                    {"receiver": [_("No other member organisation with this identifier.")]}
                )
        else:
            data["agency"] = ServiceAgency.objects.filter(pk=agency, active=True).first()
            if data["agency"] is None:
                raise serializers.ValidationError(
                    {"agency": [_("No active agency with this identifier.")]}
                )
        return data


class AnswerInput(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(
        max_length=REASON_LENGTH, required=False, allow_blank=True, default=""
    )


class OutcomeInput(serializers.Serializer):
    outcome = serializers.CharField(max_length=OUTCOME_LENGTH, validators=[validate_plain_text])


class WithdrawInput(serializers.Serializer):
    reason = serializers.CharField(
        max_length=REASON_LENGTH, required=False, allow_blank=True, default=""
    )


class ReferralOutput(serializers.Serializer):
    id = serializers.IntegerField()
    sender = serializers.CharField(source="sender.slug")
    case_number = serializers.CharField()
    receiver = serializers.CharField(source="receiver.slug", allow_null=True, default=None)
    agency = serializers.IntegerField(source="agency_id", allow_null=True)
    receiver_name = serializers.CharField()
    service = serializers.CharField()
    reason = serializers.CharField()
    sections = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    created_by = serializers.CharField()
    created_at = serializers.DateTimeField()
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decline_reason = serializers.CharField()
    receiver_case_number = serializers.CharField()
    outcome = serializers.CharField()
    completed_at = serializers.DateTimeField(allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True)


class SenderReferralOutput(ReferralOutput):
    """The sender also sees which of its cases it is."""

    case_id = serializers.IntegerField()


class AgencyFilter(serializers.Serializer):
    service = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    region = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class AgencyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    services = serializers.ListField(child=serializers.CharField())
    regions = serializers.ListField(child=serializers.CharField())
    countries = serializers.ListField(child=serializers.CharField())
    authority = serializers.ChoiceField(choices=Authority.choices)
    phone = serializers.CharField()
    email = serializers.CharField()
    address = serializers.CharField()
    hours = serializers.CharField()


def _output(referral, organisation):
    if referral.sender_id == organisation.pk:
        return SenderReferralOutput(referral).data
    return ReferralOutput(referral).data


DIRECTION = OpenApiParameter(
    "direction", str, enum=["received", "sent"], description="Default: received."
)


class ReferralListApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        parameters=[DIRECTION],
        responses={200: SenderReferralOutput(many=True), **error_responses(403)},
    )
    def get(self, request, **kwargs):
        if request.query_params.get("direction") == "sent":
            rows = referrals_sent(actor=self.actor)[:200]
            return Response(SenderReferralOutput(rows, many=True).data)
        rows = referrals_received(actor=self.actor)[:200]
        return Response(ReferralOutput(rows, many=True).data)

    @extend_schema(
        request=ReferralInput,
        responses={201: SenderReferralOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, **kwargs):
        serializer = ReferralInput(
            data=request.data, context={"organisation": request.organisation}
        )
        serializer.is_valid(raise_exception=True)
        referral = referral_send(actor=self.actor, **serializer.validated_data)
        return Response(SenderReferralOutput(referral).data, status=status.HTTP_201_CREATED)


class ReferralDetailApi(OrganisationApiView):
    @extend_schema(responses={200: SenderReferralOutput, **error_responses(403)})
    def get(self, request, referral_id: int, **kwargs):
        referral = referral_for_actor(actor=self.actor, referral_id=referral_id)
        return Response(_output(referral, request.organisation))


class ReferralAnswerApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=AnswerInput,
        responses={200: SenderReferralOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, referral_id: int, **kwargs):
        serializer = AnswerInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = referral_answer(
            actor=self.actor, referral_id=referral_id, **serializer.validated_data
        )
        return Response(_output(referral, request.organisation))


class ReferralCompleteApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=OutcomeInput,
        responses={200: SenderReferralOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, referral_id: int, **kwargs):
        serializer = OutcomeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = referral_complete(
            actor=self.actor, referral_id=referral_id, **serializer.validated_data
        )
        return Response(_output(referral, request.organisation))


class ReferralWithdrawApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=WithdrawInput,
        responses={200: SenderReferralOutput, **error_responses(400, 403, 409, 415)},
    )
    def post(self, request, referral_id: int, **kwargs):
        serializer = WithdrawInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = referral_withdraw(
            actor=self.actor, referral_id=referral_id, **serializer.validated_data
        )
        return Response(_output(referral, request.organisation))


class AgencyListApi(OrganisationApiView):
    @extend_schema(
        parameters=[
            OpenApiParameter("service", str, description="A code of the service_type vocabulary."),
            OpenApiParameter("region", str, description="A region, or a country code."),
        ],
        responses={200: AgencyOutput(many=True), **error_responses(403)},
    )
    def get(self, request, **kwargs):
        query = AgencyFilter(
            data={
                "service": request.query_params.get("service", "")[:50],
                "region": request.query_params.get("region", "")[:100],
            }
        )
        query.is_valid(raise_exception=True)  # e.g. a NUL character: 400, not a database error
        agencies = agencies_for(actor=self.actor, **query.validated_data)
        return Response(AgencyOutput(agencies[:500], many=True).data)
