"""Request-level guards: body size limits and the `?lang=` switch."""

from __future__ import annotations

from django.conf import settings
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
            return error_response(
                "too_large",
                _("The request body is too large (at most %(limit)d bytes).") % {"limit": limit},
                413,
            )
        return self.get_response(request)

    @staticmethod
    def _limit_for(request) -> int:
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("multipart/form-data") or "/imports/" in request.path:
            return settings.UPLOAD_MAX_BYTES
        return settings.API_MAX_BODY_BYTES


class QueryLanguageMiddleware:
    """`?lang=en` switches the language for this request and remembers it in a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.GET.get("lang")
        supported = {code for code, _name in settings.LANGUAGES}
        if lang in supported:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        if lang in supported:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, lang, samesite="Lax")
        return response
