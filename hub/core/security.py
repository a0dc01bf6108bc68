"""Response headers: the Content-Security-Policy, and no-store where personal data is."""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import add_never_cache_headers


def carries_personal_data(path: str) -> bool:
    """Staff pages, the network, accounts, the client's link and status pages, the receipt,
    the public complaint status, and every file under them (dossier.pdf, package.xml)."""
    return path.startswith(settings.NO_STORE_PATH_PREFIXES)


class SecurityHeadersMiddleware:
    """Sets the CSP on every response (scripts and styles come from the site's own static files
    only, never inline) and `Cache-Control: no-store` where the response may hold personal data.
    The public home, the rights pages and static files stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if carries_personal_data(request.path):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response
