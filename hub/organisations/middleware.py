"""Routes /org/<slug>/... to that organisation's schema; everything else stays public."""

from __future__ import annotations

import re

from hub.organisations.context import organisation_context
from hub.organisations.selectors import organisation_by_slug

ORG_PATH = re.compile(r"^/org/(?P<slug>[-a-zA-Z0-9_]+)/")


class OrganisationMiddleware:
    """One static URLconf; the path prefix picks the schema (no per-request URL cache reset).

    An unknown slug leaves `request.organisation` None and the schema public; every
    organisation view then answers exactly as to a non-member (login, 401 or 404), so a
    response never tells whether an organisation exists.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = ORG_PATH.match(request.path_info)
        organisation = organisation_by_slug(match["slug"]) if match else None
        request.organisation = organisation
        with organisation_context(organisation):
            return self.get_response(request)
