"""Organisation API: import a case package (XML) as a case of this organisation."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from hub.accounts.api import OrganisationApiView
from hub.core.api import error_responses
from hub.core.errors import DomainError
from interchange.xml import MAX_PACKAGE_BYTES, PackageError, package_from_xml
from tenants.cases.imports import case_import_result
from tenants.cases.renderers import TextXmlBodyParser, XmlBodyParser


class InvalidPackageXml(DomainError):
    code = "invalid_package"


class NotXml(DomainError):
    status = 415
    code = "unsupported_media_type"


class ImportOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text="The case in this organisation.")
    number = serializers.CharField(help_text="Its number here (a new one, not the sender's).")
    uid = serializers.UUIDField(help_text="The case's stable identifier, from the package.")
    created = serializers.BooleanField(help_text="False: an earlier import was updated.")
    documents_not_received = serializers.IntegerField(
        help_text="Documents whose metadata came but not their file: no file travels in XML."
    )


EXAMPLE = """<?xml version='1.0' encoding='UTF-8'?>
<casePackage xmlns="urn:coalition-hub:case-package:2" version="2">
  <provenance>
    <organisation slug="lbh-jakarta"><name>LBH Jakarta</name></organisation>
    <generatedAt>2026-11-25T01:30:00Z</generatedAt>
    <software>coalition-hub 0.1.0</software>
    <timeZone>Asia/Jakarta</timeZone>
  </provenance>
  <scope><section>summary</section><section>events</section></scope>
  <case uid="0b7f3d52-2b1e-4c55-9a57-8c1d6f0b9e21">
    <number>LBH-JAKARTA/2026/0001</number>
    <title>Gaji tidak dibayar</title>
    <summary></summary>
    <stage>consultation</stage>
    <status>open</status>
    <openedOn>2026-11-20</openedOn>
    <caseTypes/>
  </case>
  <events/>
</casePackage>
"""


class CaseImportApi(OrganisationApiView):
    """A case package from another organisation or system becomes (or updates) a case here."""

    # JSON is parsed too, only so that the membership check answers first (404 to others):
    # a member sending anything but XML then gets 415.
    parser_classes = [XmlBodyParser, TextXmlBodyParser, JSONParser]

    @extend_schema(
        summary="Import a case package",
        description=(
            "The body is a case package (format 2, `urn:coalition-hub:case-package:2`; format 1 "
            f"is still read), `Content-Type: application/xml`, at most {MAX_PACKAGE_BYTES} "
            "bytes. The package is checked by a hardened parser (no DTD or entities, no "
            "network, depth and size limits) and the XSD; a refused package changes nothing "
            "and answers 400 with each problem and its line in `fields.package`. A package "
            "whose case (its `uid`) was imported before updates that case (200) instead of "
            "making another (201). Documents arrive as metadata only, marked as file not "
            "received. Reception, a paralegal, the office admin or the division head; updating a "
            "case also needs the right to edit it."
        ),
        request={"application/xml": OpenApiTypes.STR},
        responses={
            201: ImportOutput,
            200: ImportOutput,
            **error_responses(400, 403, 413, 415),
        },
        examples=[OpenApiExample("A package", value=EXAMPLE, request_only=True)],
    )
    def post(self, request, **kwargs):
        data = request.data
        message = _("Send the package as XML (Content-Type: application/xml).")
        if not isinstance(data, bytes) and not request.content_type.split(";")[0].strip().endswith(
            "/xml"
        ):
            raise NotXml(message)
        if not data:
            raise InvalidPackageXml(message, fields={"package": [message]})
        try:
            package = package_from_xml(data)
        except PackageError as exc:
            raise InvalidPackageXml(
                _("The package is not a valid case package."),
                fields={"package": [str(issue) for issue in exc.issues]},
            ) from None
        result = case_import_result(actor=self.actor, package=package)
        body = ImportOutput(
            {
                "id": result.case.pk,
                "number": result.case.number,
                "uid": result.case.uid,
                "created": result.created,
                "documents_not_received": result.documents_not_received,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED if result.created else 200)
