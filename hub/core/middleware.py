"""Request-level guards: body size limits and the `?lang=` switch."""

from __future__ import annotations

from django.conf import settings
from django.middleware import common as django_common
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from hub.core.api import error_response


class BodySizeLimitMiddleware:
    """Refuse oversized JSON bodies before anything reads them (413, error shape)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = self._limit_for(request)
        length = request.META.get("CONTENT_LENGTH") or "0"
        try:
            too_big = int(length) > limit
        except ValueError:
            return error_response("invalid", _("Invalid Content-Length header."), 400)
        if too_big:
            return self._too_large(request, limit)
        return self.get_response(request)

    @staticmethod
    def _too_large(request, limit: int):
        """The API's error shape for API clients; a page for people using a form."""
        if "/api/" in request.path or request.path.startswith("/o/"):
            return error_response(
                "too_large",
                _("The request body is too large (at most %(limit)d bytes).") % {"limit": limit},
                413,
            )
        message = _(
            "What you sent is larger than %(megabytes)d MB, so it was not received. Go back, "
            "shorten the text or send smaller files, and try again."
        ) % {"megabytes": max(1, limit // (1024 * 1024))}
        return render(
            request, "error.html", {"error": {"status": 413, "message": message}}, status=413
        )

    @staticmethod
    def _limit_for(request) -> int:
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("multipart/form-data") or "/imports/" in request.path:
            # The file may be the full 30 MB; the form fields and boundaries come on top.
            return settings.UPLOAD_MAX_BYTES + 64 * 1024
        return settings.API_MAX_BODY_BYTES


class LanguageMiddleware:
    """Indonesian unless the person chose otherwise: `?lang=` (remembered in a cookie), the
    cookie, or, for API clients only, Accept-Language. A phone set to English in Hong Kong
    still gets the portal in Indonesian first."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.GET.get("lang")
        lang = chosen if chosen in self.supported else None
        lang = lang or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if lang not in self.supported and "/api/" in request.path:
            lang = translation.get_language_from_request(request)
        if lang not in self.supported:
            lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        if chosen in self.supported:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, chosen, samesite="Lax")
        return response


class CommonMiddleware(django_common.CommonMiddleware):
    """Django's, except that a POST to an API path without its slash is not redirected
    (a redirect turns it into a GET and loses the body); it gets a 404 that says why."""

    def should_redirect_with_slash(self, request):
        if request.method not in ("GET", "HEAD") and "/api/" in request.path_info:
            return False
        return super().should_redirect_with_slash(request)
