"""Organisation API for the complaint inbox: list, accept (opens a case), decline with a reason."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from hub.intake.services import complaint_decline
from tenants.cases.api import CaseOutput
from tenants.cases.registration import case_open_from_complaint
from tenants.inbox.selectors import inbox_rows


class InboxMemberOutput(serializers.Serializer):
    position = serializers.IntegerField(help_text="Order in which the filer listed them, from 1.")
    name = serializers.CharField()


class InboxComplaintOutput(serializers.Serializer):
    receipt_code = serializers.CharField()
    reporter_type = serializers.CharField()
    reporter_name = serializers.CharField()
    country_of_work = serializers.CharField()
    work_city = serializers.CharField()
    home_region = serializers.CharField()
    issue_types = serializers.ListField(child=serializers.CharField())
    narrative = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    members = InboxMemberOutput(
        many=True,
        source="members.all",
        help_text="A group complaint's other workers (empty otherwise): each becomes a case of "
        "their own, linked to the reporter's, on acceptance.",
    )
    verified = serializers.BooleanField(
        help_text="The worker confirmed the data through the link e-mailed to them; "
        "unconfirmed complaints are handled all the same."
    )
    correction = serializers.CharField(
        allow_blank=True,
        help_text="What the worker said is wrong in the data, through that link; else empty.",
    )


class DeclineInput(serializers.Serializer):
    reason = Text(max_length=2000)


class InboxListApi(OrganisationApiView):
    @extend_schema(responses={200: InboxComplaintOutput(many=True), **error_responses(403)})
    def get(self, request, **kwargs):
        complaints = inbox_rows(actor=self.actor, limit=200)
        return Response(InboxComplaintOutput(complaints, many=True).data)


class InboxAcceptApi(OrganisationApiView):
    @extend_schema(request=None, responses={201: CaseOutput, **error_responses(403)})
    def post(self, request, receipt_code: str, **kwargs):
        case = case_open_from_complaint(actor=self.actor, receipt_code=receipt_code)
        return Response(CaseOutput(case).data, status=status.HTTP_201_CREATED)


class InboxDeclineApi(OrganisationApiView):
    @extend_schema(request=DeclineInput, responses={200: None, **error_responses(400, 403, 415)})
    def post(self, request, receipt_code: str, **kwargs):
        serializer = DeclineInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint_decline(
            actor=self.actor, receipt_code=receipt_code, reason=serializer.validated_data["reason"]
        )
        return Response({"receipt_code": receipt_code, "declined": True})
