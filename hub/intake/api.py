"""Public complaint API: file a complaint, follow it with the receipt code."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.consent.serializers import ConsentInput
from hub.consent.services import ConsentChoices
from hub.core.api import error_responses
from hub.core.errors import NotFound
from hub.core.fields import Text
from hub.core.ids import normalise_receipt_code
from hub.intake.models import ReporterType
from hub.intake.selectors import complaint_public_status
from hub.intake.services import ComplaintInput, complaint_submit
from hub.organisations.selectors import organisation_directory
from hub.throttle.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent_api
from hub.throttle.ratelimit import api_refuse, rate_limited


class ComplaintCreateInput(serializers.Serializer):
    reporter_type = serializers.ChoiceField(choices=ReporterType.choices)
    reporter_name = Text(max_length=200)
    contact_phone = serializers.RegexField(
        r"^\+?[0-9 ()-]{6,30}$",
        required=False,
        allow_blank=True,
        max_length=40,
        error_messages={"invalid": _("Enter a phone number of digits, e.g. +62 812 3456 7890.")},
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    country_of_work = serializers.RegexField(
        r"^[A-Za-z]{2}$", error_messages={"invalid": _("Use a two-letter country code, e.g. HK.")}
    )
    work_city = Text(required=False, allow_blank=True, max_length=100)
    home_region = Text(required=False, allow_blank=True, max_length=100)
    employer_name = Text(required=False, allow_blank=True, max_length=200)
    agency_name = Text(required=False, allow_blank=True, max_length=200)
    issue_types = serializers.ListField(
        child=serializers.SlugField(max_length=50), min_length=1, max_length=12
    )
    narrative = Text(max_length=20000)
    language = serializers.ChoiceField(choices=["id", "en"], required=False, default="id")
    organisation = serializers.SlugField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Slug of the chosen organisation; null to let the network choose.",
    )
    consent = ConsentInput()

    def validate_organisation(self, slug):
        if slug is None:
            return None
        organisation = organisation_directory().filter(slug=slug).first()
        if organisation is None:
            raise serializers.ValidationError(_("No member organisation with this identifier."))
        return organisation


class ComplaintCreatedOutput(serializers.Serializer):
    receipt_code = serializers.CharField()
    status_url = serializers.CharField()
    status = serializers.CharField()


class ComplaintStatusOutput(serializers.Serializer):
    receipt_code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    next_step = serializers.CharField()
    organisation_name = serializers.CharField()
    submitted_on = serializers.CharField()
    updated_at = serializers.CharField()
    case_stage = serializers.CharField()
    case_stage_label = serializers.CharField()


class ComplaintCreateApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=ComplaintCreateInput,
        responses={
            201: ComplaintCreatedOutput,
            **error_responses(400, 409, 413, 415, member=False),
        },
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @rate_limited("submit", refuse=api_refuse, methods=("POST",))
    @idempotent_api("complaint-api")
    def post(self, request):
        serializer = ComplaintCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        consent = ConsentChoices(**data.pop("consent"))
        data["country_of_work"] = data["country_of_work"].upper()
        data["issue_types"] = tuple(data["issue_types"])
        complaint = complaint_submit(data=ComplaintInput(consent=consent, **data))
        path = reverse("intake-api:complaint-status", args=[complaint.receipt_code])
        body = {
            "receipt_code": complaint.receipt_code,
            "status_url": request.build_absolute_uri(path),
            "status": complaint.status,
        }
        return Response(ComplaintCreatedOutput(body).data, status=status.HTTP_201_CREATED)


class ComplaintStatusApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(responses={200: ComplaintStatusOutput, **error_responses(404, member=False)})
    @rate_limited("lookup", refuse=api_refuse, failures_only=True)
    def get(self, request, receipt_code: str):
        code = normalise_receipt_code(receipt_code)
        public_status = complaint_public_status(receipt_code=code) if code else None
        if public_status is None:
            raise NotFound(str(_("No complaint with this receipt code.")))
        return Response(ComplaintStatusOutput(public_status).data)
