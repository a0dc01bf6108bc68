"""The API error shape `{"error": {"code", "message", "fields"}}` and the exception handler."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from hub.core.errors import DomainError


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def error_response(code: str, message: str, status_code: int, fields: dict | None = None):
    return JsonResponse(error_body(code, message, fields), status=status_code)


def _flatten(detail) -> dict:
    """DRF's nested validation detail → {field: [messages]} with plain strings."""
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    out[f"{key}.{sub}"] = msgs
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    for sub, msgs in _flatten(item).items():
                        out[f"{key}[{index}].{sub}"] = msgs
            else:
                out[key] = [str(m) for m in (value if isinstance(value, list) else [value])]
        return out
    return {
        "non_field_errors": [str(m) for m in (detail if isinstance(detail, list) else [detail])]
    }


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        body = error_body("invalid", _("Some fields are missing or invalid."), fields)
    else:
        code = getattr(exc, "default_code", "error")
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        body = error_body(code, str(detail))
    response.data = body
    return response


class ErrorDetail(serializers.Serializer):
    code = serializers.CharField(help_text="Stable for clients, e.g. `not_found`, `invalid`.")
    message = serializers.CharField(help_text="For people, in the request's language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Field name → messages, for input errors.",
    )


class ErrorOutput(serializers.Serializer):
    error = ErrorDetail()


_ERROR_MEANING = {
    400: "Invalid input; `fields` says what to fix.",
    401: "Not signed in and no bearer token.",
    403: "Signed in, but the role (or the token's scope) does not allow it.",
    404: "No such object here, or it belongs to someone the caller may not see.",
    409: "The object's state does not allow it now (e.g. already decided, stale version).",
    413: "The body is too large.",
    415: "The body must be JSON.",
    429: "Too many requests from this address; wait the `Retry-After` seconds and retry.",
}


def error_responses(*statuses: int, member: bool = True) -> dict:
    """OpenAPI responses for the errors an operation really returns, in the one error shape.
    A members' operation also answers 401 (no credentials) and 404 (not a member, or not
    theirs)."""
    codes = sorted({*statuses, *((401, 404) if member else ())})
    return {
        code: OpenApiResponse(response=ErrorOutput, description=_ERROR_MEANING[code])
        for code in codes
    }


class CursorPage(CursorPagination):
    """Cursor pages over a fixed set of orderings (`?ordering=`), so every row is reachable
    however many there are, and a page stays stable while rows are added."""

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    orderings: dict[str, tuple[str, ...]] = {}
    default_ordering = ""

    invalid_cursor_message = _("This page link is not valid; start again from the first page.")

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """DRF's decoding, plus a check that the position fits the ordering's field: a forged
        position would otherwise fail in the database (a 500)."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
            try:
                value = field.to_python(cursor.position)
            except (DjangoValidationError, ValueError, TypeError, OverflowError):
                raise exceptions.NotFound(self.invalid_cursor_message) from None
            if isinstance(value, int) and not -(2**63) < value < 2**63:
                raise exceptions.NotFound(self.invalid_cursor_message)
        return cursor

    def get_ordering(self, request, queryset, view):
        chosen = request.query_params.get("ordering") or self.default_ordering
        if chosen not in self.orderings:
            raise exceptions.ValidationError(
                {
                    "ordering": [
                        _("Choose one of: %(options)s.") % {"options": ", ".join(self.orderings)}
                    ]
                }
            )
        return self.orderings[chosen]


def versioned_changes(serializer_class, data) -> tuple[int, dict]:
    """A PATCH body: the fields sent (validated) and the `version` the edit was made on,
    which is required (an edit without it could overwrite someone else's)."""
    serializer = serializer_class(data=data, partial=True)
    serializer.is_valid(raise_exception=True)
    changes = dict(serializer.validated_data)
    if "version" not in changes:
        raise exceptions.ValidationError({"version": [_("This field is required.")]})
    return changes.pop("version"), changes
