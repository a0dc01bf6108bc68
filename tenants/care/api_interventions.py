"""Organisation API for the services given to the client and the contacts with them."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from hub.accounts.api import JsonOnly, OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from tenants.care.interventions import (
    EDITABLE,
    ContactData,
    InterventionData,
    contact_log,
    intervention_document_add,
    intervention_log,
    intervention_update,
)
from tenants.care.serializers import ContactOutput, InterventionOutput
from tenants.documents.api import DocumentInput, DocumentOutput

_WRITE_ERRORS = error_responses(400, 403, 409, 415)


class InterventionInput(serializers.Serializer):
    service = serializers.SlugField(max_length=50, help_text="`service_type` vocabulary code.")
    started_on = serializers.DateField()
    description = Text(max_length=20000)
    partner = Text(max_length=200, required=False, allow_blank=True, default="")
    goal_id = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text="The goal of the plan in force this service works towards.",
    )
    ended_on = serializers.DateField(required=False, allow_null=True, default=None)
    outcome = Text(max_length=20000, required=False, allow_blank=True, default="")


class InterventionChange(serializers.Serializer):
    ended_on = serializers.DateField(required=False, allow_null=True)
    outcome = Text(max_length=20000, required=False, allow_blank=True)
    description = Text(max_length=20000, required=False)
    partner = Text(max_length=200, required=False, allow_blank=True)


class InterventionsApi(JsonOnly, OrganisationApiView):
    @extend_schema(
        request=InterventionInput,
        responses={201: InterventionOutput, **_WRITE_ERRORS},
        examples=[
            OpenApiExample(
                "Counselling",
                request_only=True,
                value={
                    "service": "psychosocial",
                    "started_on": "2026-11-03",
                    "description": "Konseling trauma, sesi pertama",
                },
            )
        ],
    )
    def post(self, request, case_id: int, **kwargs):
        serializer = InterventionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        intervention = intervention_log(
            actor=self.actor,
            case_id=case_id,
            data=InterventionData(**serializer.validated_data),
        )
        return Response(InterventionOutput(intervention).data, status=status.HTTP_201_CREATED)


class InterventionDetailApi(JsonOnly, OrganisationApiView):
    @extend_schema(request=InterventionChange, responses={200: InterventionOutput, **_WRITE_ERRORS})
    def patch(self, request, case_id: int, intervention_id: int, **kwargs):
        """Record how the service went on: its end, its outcome."""
        serializer = InterventionChange(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = {k: v for k, v in serializer.validated_data.items() if k in EDITABLE}
        intervention = intervention_update(
            actor=self.actor,
            case_id=case_id,
            intervention_id=intervention_id,
            changes=changes,
        )
        return Response(InterventionOutput(intervention).data)


class InterventionDocumentsApi(OrganisationApiView):
    parser_classes = [MultiPartParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": DocumentInput},
        responses={201: DocumentOutput, **error_responses(400, 403, 409, 413, 415)},
    )
    def post(self, request, case_id: int, intervention_id: int, **kwargs):
        serializer = DocumentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        document = intervention_document_add(
            actor=self.actor,
            case_id=case_id,
            intervention_id=intervention_id,
            file=values["file"],
            title=values["title"],
        )
        return Response(DocumentOutput(document).data, status=status.HTTP_201_CREATED)


class ContactInput(serializers.Serializer):
    kind = serializers.SlugField(max_length=50, help_text="`contact_kind` vocabulary code.")
    at = serializers.DateTimeField()
    with_whom = Text(max_length=200, required=False, allow_blank=True, default="")
    progress = Text(max_length=20000, required=False, allow_blank=True, default="")
    obstacles = Text(max_length=20000, required=False, allow_blank=True, default="")
    intervention_id = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None
    )


class ContactsApi(JsonOnly, OrganisationApiView):
    @extend_schema(request=ContactInput, responses={201: ContactOutput, **_WRITE_ERRORS})
    def post(self, request, case_id: int, **kwargs):
        serializer = ContactInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact = contact_log(
            actor=self.actor, case_id=case_id, data=ContactData(**serializer.validated_data)
        )
        return Response(ContactOutput(contact).data, status=status.HTTP_201_CREATED)
