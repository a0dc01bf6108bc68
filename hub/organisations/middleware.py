"""Routes /org/<slug>/... to that organisation's schema; everything else stays public."""

from __future__ import annotations

import re

from django.db import connection
from django.http import Http404

from hub.organisations.selectors import organisation_by_slug

ORG_PATH = re.compile(r"^/org/(?P<slug>[-a-zA-Z0-9_]+)/")


class OrganisationMiddleware:
    """One static URLconf; the path prefix picks the schema (no per-request URL cache reset)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = None
        match = ORG_PATH.match(request.path_info)
        if match:
            organisation = organisation_by_slug(match["slug"])
            if organisation is None:
                raise Http404("No such organisation.")
            request.organisation = organisation
            connection.set_tenant(organisation)
        else:
            connection.set_schema_to_public()
        try:
            return self.get_response(request)
        finally:
            connection.set_schema_to_public()
