"""Health check and error pages (JSON under /api/ and /org/.../api/, HTML elsewhere)."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hub.core.api import error_response


def _wants_json(request) -> bool:
    return "/api/" in request.path or request.path.startswith("/o/")


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # any failure means "not healthy"; the detail goes to the log
        database = "unavailable"
    healthy = database == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "database": database},
        status=200 if healthy else 503,
    )


def not_found(request, exception=None):
    if _wants_json(request):
        if not request.path.endswith("/") and "." not in request.path.rsplit("/", 1)[-1]:
            message = _("Not found. API paths end with a slash: %(path)s/") % {"path": request.path}
            return error_response("not_found", message, 404)
        return error_response("not_found", _("Not found."), 404)
    return render(request, "404.html", status=404)


def server_error(request):
    if _wants_json(request):
        return error_response("server_error", _("Something went wrong on our side."), 500)
    return render(request, "500.html", status=500)
