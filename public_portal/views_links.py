"""The client's side of a link: read what the organisation asks, and answer once."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from hub.core.errors import DomainError
from hub.core.forms import form_refused
from hub.links.services import LinkUnavailable, link_answer, link_open


def _unavailable(request, exc: LinkUnavailable):
    return render(
        request,
        "public_portal/link_unavailable.html",
        {"error": exc, "organisation_name": exc.organisation_name},
        status=exc.status,
    )


def _private(response):
    """The page holds a working link and the client's data: never cached, never referred."""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def link(request, token: str):
    try:
        opened = link_open(token=token)
    except LinkUnavailable as exc:
        return _private(_unavailable(request, exc))
    form = opened.form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            answered = link_answer(token=token, data=request.POST)
        except LinkUnavailable as exc:
            return _private(_unavailable(request, exc))
        except DomainError as exc:
            form_refused(form, exc)
        else:
            return _private(
                render(
                    request,
                    "public_portal/link_thanks.html",
                    {"organisation_name": opened.organisation_name, "outcome": answered.outcome},
                )
            )
    context = {"opened": opened, "page": opened.page, "form": form}
    status = 400 if request.method == "POST" else 200
    return _private(render(request, "public_portal/link.html", context, status=status))
