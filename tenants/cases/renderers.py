"""Content negotiation for the case files (package XML, dossier PDF, package import).

The views answer with the file itself; these renderers only let a client ask for it by its
media type (`Accept: application/xml`, `application/pdf`) as well as `*/*`. An error still
answers in the API's JSON error shape, whatever was asked for.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer

from hub.core.errors import DomainError
from interchange.xml import MAX_PACKAGE_BYTES


class _FileRenderer(BaseRenderer):
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data, ensure_ascii=False).encode()


class XmlFileRenderer(_FileRenderer):
    media_type = "application/xml"
    format = "xml"


class PdfFileRenderer(_FileRenderer):
    media_type = "application/pdf"
    format = "pdf"


class PackageTooLarge(DomainError):
    status = 413
    code = "too_large"


class XmlBodyParser(BaseParser):
    """The raw bytes of an XML body, refused (413) beyond the package size limit."""

    media_type = "application/xml"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        if stream is None:
            return b""
        data = stream.read(MAX_PACKAGE_BYTES + 1)
        if len(data) > MAX_PACKAGE_BYTES:
            raise PackageTooLarge(
                _("The package is larger than %(limit)d MB.")
                % {"limit": MAX_PACKAGE_BYTES // (1024 * 1024)}
            )
        return data


class TextXmlBodyParser(XmlBodyParser):
    media_type = "text/xml"
