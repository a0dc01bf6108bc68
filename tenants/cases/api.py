"""Organisation API for cases: list, register, read, transition, audit, package and dossier."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.consent.serializers import ConsentInput
from hub.consent.services import ConsentChoices
from hub.core.errors import Conflict
from hub.core.fields import Text
from interchange.pdf import dossier_pdf
from interchange.xml import PackageError, package_to_xml
from tenants.cases.lifecycle import Stage
from tenants.cases.packaging import case_package
from tenants.cases.selectors import case_audit_trail, case_for_actor, cases_for_actor
from tenants.cases.services import PersonInput, case_register, case_transition


class CaseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    stage = serializers.CharField()
    status = serializers.CharField()
    case_types = serializers.ListField(child=serializers.CharField())
    complaint_receipt_code = serializers.CharField()
    opened_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)


class PersonCreateInput(serializers.Serializer):
    display_name = Text(max_length=200)
    gender = serializers.ChoiceField(choices=["female", "male", "other", ""], required=False)
    phone = Text(max_length=40, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    domicile = Text(max_length=200, required=False, allow_blank=True)


class CaseCreateInput(serializers.Serializer):
    title = Text(max_length=200)
    summary = Text(max_length=20000, required=False, allow_blank=True)
    case_types = serializers.ListField(
        child=serializers.SlugField(max_length=50), required=False, max_length=20
    )
    complainant = PersonCreateInput(required=False)
    consent = ConsentInput(required=False, help_text="What the client consented to, if recorded.")


class TransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(choices=Stage.choices)
    reason = Text(max_length=2000, required=False, allow_blank=True, default="")


class AuditEventOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    actor_label = serializers.CharField()
    actor_organisation = serializers.CharField()
    detail = serializers.DictField()


class CaseListApi(OrganisationApiView):
    @extend_schema(responses={200: CaseOutput(many=True)})
    def get(self, request, **kwargs):
        cases = cases_for_actor(actor=self.actor)[:200]
        return Response(CaseOutput(cases, many=True).data)

    @extend_schema(request=CaseCreateInput, responses={201: CaseOutput})
    def post(self, request, **kwargs):
        serializer = CaseCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        complainant = data.get("complainant")
        consent = data.get("consent")
        case = case_register(
            actor=self.actor,
            title=data["title"],
            summary=data.get("summary", ""),
            case_types=data.get("case_types", []),
            complainant=PersonInput(**complainant) if complainant else None,
            consent=ConsentChoices(**consent) if consent else None,
        )
        return Response(CaseOutput(case).data, status=status.HTTP_201_CREATED)


class CaseDetailApi(OrganisationApiView):
    @extend_schema(responses={200: CaseOutput})
    def get(self, request, case_id: int, **kwargs):
        return Response(CaseOutput(case_for_actor(actor=self.actor, case_id=case_id)).data)


class CaseTransitionApi(OrganisationApiView):
    @extend_schema(request=TransitionInput, responses={200: CaseOutput})
    def post(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        serializer = TransitionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = case_transition(actor=self.actor, case_id=case.pk, **serializer.validated_data)
        return Response(CaseOutput(case).data)


class CaseAuditApi(OrganisationApiView):
    @extend_schema(responses={200: AuditEventOutput(many=True)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        return Response(AuditEventOutput(case_audit_trail(case=case)[:500], many=True).data)


class CasePackageApi(OrganisationApiView):
    @extend_schema(responses={(200, "application/xml"): OpenApiTypes.BINARY})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        package = case_package(case=case, organisation=request.organisation)
        try:
            document = package_to_xml(package)
        except PackageError as exc:
            raise Conflict(
                _("This case cannot be exported yet: %(problem)s") % {"problem": exc}
            ) from None
        response = HttpResponse(document, content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="{_filename(case)}.xml"'
        return response


class CaseDossierApi(OrganisationApiView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        package = case_package(case=case, organisation=request.organisation)
        response = HttpResponse(dossier_pdf(package), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{_filename(case)}.pdf"'
        return response


def _filename(case) -> str:
    return case.number.replace("/", "-")
