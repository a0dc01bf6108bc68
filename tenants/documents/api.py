"""Organisation API for a case's documents: list, upload (multipart), download, preview."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from hub.accounts import policy
from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from hub.core.fields import Text
from tenants.cases.models import CaseSection
from tenants.cases.selectors import case_for_actor, case_subject
from tenants.documents.services import document_open, document_upload


class DocumentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    original_name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["pdf", "image"])
    mime = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    pages = serializers.IntegerField(allow_null=True)
    event_id = serializers.IntegerField(allow_null=True)
    uploaded_by = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


class DocumentInput(serializers.Serializer):
    file = serializers.FileField(help_text="A PDF or an image (JPEG, PNG, WebP), at most 30 MB.")
    title = Text(max_length=200, required=False, allow_blank=True, default="")
    event_id = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class CaseDocumentsApi(OrganisationApiView):
    # Multipart for files; JSON is parsed too so that a wrong body gets a 400, not a 415.
    parser_classes = [MultiPartParser, JSONParser]

    @extend_schema(responses={200: DocumentOutput(many=True), **error_responses(403)})
    def get(self, request, case_id: int, **kwargs):
        case = case_for_actor(actor=self.actor, case_id=case_id)
        policy.require_section(self.actor, case_subject(case), CaseSection.DOCUMENTS)
        return Response(DocumentOutput(case.documents.all(), many=True).data)

    @extend_schema(
        request={"multipart/form-data": DocumentInput},
        responses={201: DocumentOutput, **error_responses(400, 403, 413, 415)},
    )
    def post(self, request, case_id: int, **kwargs):
        serializer = DocumentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = document_upload(actor=self.actor, case_id=case_id, **serializer.validated_data)
        return Response(DocumentOutput(document).data, status=status.HTTP_201_CREATED)


class DocumentDownloadApi(OrganisationApiView):
    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **error_responses(403)}
    )
    def get(self, request, case_id: int, document_id: int, **kwargs):
        document = document_open(actor=self.actor, case_id=case_id, document_id=document_id)
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name or f"document-{document.pk}",
            content_type=document.mime,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class DocumentPreviewApi(OrganisationApiView):
    @extend_schema(responses={(200, "image/png"): OpenApiTypes.BINARY, **error_responses(403)})
    def get(self, request, case_id: int, document_id: int, **kwargs):
        document = document_open(
            actor=self.actor, case_id=case_id, document_id=document_id, preview=True
        )
        return FileResponse(document.thumbnail.open("rb"), content_type="image/png")
