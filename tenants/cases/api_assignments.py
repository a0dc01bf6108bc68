"""Organisation API for who works on a case: the queue, my cases, taking, appointing, ending."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from tenants.cases.api import PAGE_PARAMETERS, CaseOutput, CasePageOutput, case_page
from tenants.cases.assignments import (
    assignment_appoint,
    assignment_end,
    assignments_of,
    case_take,
    cases_assigned_to,
    consultation_queue,
)
from tenants.cases.models import ASSIGNABLE_ROLE_CHOICES
from tenants.cases.selectors import case_for_actor


class AssignmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    user_id = serializers.IntegerField()
    user_label = serializers.CharField()
    role = serializers.ChoiceField(choices=ASSIGNABLE_ROLE_CHOICES)
    instruction = serializers.CharField()
    assigned_by_label = serializers.CharField(help_text="Who disposed the case to them.")
    assigned_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True)


class AppointInput(serializers.Serializer):
    user_id = serializers.IntegerField(min_value=1)
    role = serializers.ChoiceField(choices=ASSIGNABLE_ROLE_CHOICES)
    instruction = Text(max_length=2000, required=False, allow_blank=True, default="")


class QueueApi(OrganisationApiView):
    @extend_schema(
        parameters=PAGE_PARAMETERS, responses={200: CasePageOutput, **error_responses(400, 403)}
    )
    def get(self, request, **kwargs):
        # First come, first served.
        return case_page(self, consultation_queue(actor=self.actor), default_ordering="oldest")


class MyCasesApi(OrganisationApiView):
    @extend_schema(
        parameters=PAGE_PARAMETERS, responses={200: CasePageOutput, **error_responses(400, 403)}
    )
    def get(self, request, **kwargs):
        return case_page(self, cases_assigned_to(actor=self.actor), default_ordering="updated")


class CaseTakeApi(OrganisationApiView):
    @extend_schema(request=None, responses={200: CaseOutput, **error_responses(403, 409)})
    def post(self, request, case_id: int, **kwargs):
        return Response(CaseOutput(case_take(actor=self.actor, case_id=case_id)).data)


class AssignmentListApi(OrganisationApiView):
    @extend_schema(responses={200: AssignmentOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        return Response(AssignmentOutput(assignments_of(case=case), many=True).data)

    @extend_schema(
        request=AppointInput,
        responses={201: AssignmentOutput, **error_responses(400, 403, 409, 415)},
        examples=[
            OpenApiExample(
                "Appoint the case lawyer",
                request_only=True,
                value={
                    "user_id": 12,
                    "role": "case_lawyer",
                    "instruction": "Dampingi pelaporan ke Bareskrim minggu ini.",
                },
            )
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        serializer = AppointInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = assignment_appoint(
            actor=self.actor, case_id=case.pk, **serializer.validated_data
        )
        return Response(AssignmentOutput(assignment).data, status=status.HTTP_201_CREATED)


class AssignmentEndApi(OrganisationApiView):
    @extend_schema(request=None, responses={200: AssignmentOutput, **error_responses(403, 409)})
    def post(self, request, case_id: int, assignment_id: int, **kwargs):
        assignment = assignment_end(actor=self.actor, case_id=case_id, assignment_id=assignment_id)
        return Response(AssignmentOutput(assignment).data)
