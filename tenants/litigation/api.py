"""Organisation API for a case's proceedings and hearings."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts import policy
from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import error_responses, versioned_changes
from hub.core.fields import Text
from tenants.cases.models import CaseSection
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.litigation.services import (
    ProceedingData,
    hearing_add,
    proceeding_record,
    proceeding_update,
)


class HearingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    held_on = serializers.DateField()
    agenda = serializers.CharField()
    note = serializers.CharField()


class ProceedingFields(serializers.Serializer):
    kind = serializers.SlugField(max_length=50, help_text="`proceeding_type` vocabulary code.")
    body = Text(max_length=200, help_text="Court or body, e.g. 'PN Jakarta Pusat'.")
    register_number = Text(max_length=100, required=False, allow_blank=True)
    stage = serializers.SlugField(
        max_length=50, required=False, allow_blank=True, help_text="`proceeding_stage` code."
    )
    outcome = Text(max_length=20000, required=False, allow_blank=True)
    started_on = serializers.DateField(required=False, allow_null=True)
    ended_on = serializers.DateField(required=False, allow_null=True)


class ProceedingOutput(ProceedingFields):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    recorded_by = serializers.CharField()
    hearings = HearingOutput(many=True, source="hearings.all")


class ProceedingUpdateInput(ProceedingFields):
    version = serializers.IntegerField()


class HearingInput(serializers.Serializer):
    held_on = serializers.DateField()
    agenda = Text(max_length=300, required=False, allow_blank=True, default="")
    note = Text(max_length=20000, required=False, allow_blank=True, default="")


class CaseProceedingsApi(OrganisationApiView):
    @extend_schema(responses={200: ProceedingOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        policy.require_section(self.actor, case_subject(case), CaseSection.PROCEEDINGS)
        proceedings = case.proceedings.prefetch_related("hearings")
        return Response(ProceedingOutput(proceedings, many=True).data)

    @extend_schema(
        request=ProceedingFields,
        responses={201: ProceedingOutput, **error_responses(400, 403, 415)},
        examples=[
            OpenApiExample(
                "A criminal trial",
                request_only=True,
                value={
                    "kind": "criminal",
                    "body": "PN Indramayu",
                    "register_number": "45/Pid.Sus/2026/PN Idm",
                    "stage": "first_instance",
                    "started_on": "2026-08-12",
                },
            )
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        serializer = ProceedingFields(data=request.data)
        serializer.is_valid(raise_exception=True)
        proceeding = proceeding_record(
            actor=self.actor, case_id=case_id, data=ProceedingData(**serializer.validated_data)
        )
        return Response(ProceedingOutput(proceeding).data, status=status.HTTP_201_CREATED)


class ProceedingDetailApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=ProceedingUpdateInput,
        responses={200: ProceedingOutput, **error_responses(400, 403, 409, 415)},
    )
    def patch(self, request, case_id: int, proceeding_id: int, **kwargs):
        version, changes = versioned_changes(ProceedingUpdateInput, request.data)
        proceeding = proceeding_update(
            actor=self.actor,
            case_id=case_id,
            proceeding_id=proceeding_id,
            version=version,
            changes=changes,
        )
        return Response(ProceedingOutput(proceeding).data)


class HearingsApi(OrganisationApiView):
    @extend_schema(
        request=HearingInput, responses={201: HearingOutput, **error_responses(400, 403, 415)}
    )
    def post(self, request, case_id: int, proceeding_id: int, **kwargs):
        serializer = HearingInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        hearing = hearing_add(
            actor=self.actor,
            case_id=case_id,
            proceeding_id=proceeding_id,
            **serializer.validated_data,
        )
        return Response(HearingOutput(hearing).data, status=status.HTTP_201_CREATED)
